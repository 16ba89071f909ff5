import ArgumentParser
import AuthenticatorKit

/// `authenticator code`: the code now (or at `--time`) for a vault account, a secret or a
/// URI, or HOTP codes for a run of counters.
struct CodeCommand: AsyncParsableCommand, DeviceCommand, TokenCommand {
    static let configuration = CommandConfiguration(
        commandName: "code",
        abstract: "Print the code of a vault account, a secret or an otpauth:// URI (TOTP, HOTP or Steam).",
        discussion: """
            With an account ID, prints that account's current code (its device credential's \
            when it has one). For an HOTP account it prints the code of the stored counter and \
            moves the counter on, as an authenticator app does when asked for the next code.
            """
    )

    @Argument(help: ArgumentHelp("A vault account's identifier (see `authenticator list`).", valueName: "ID"))
    var id: String?

    // The token options (see `TokenCommand`).
    @Option(help: OptionHelp.secret) var secret: String?
    @Option(name: .customLong("secret-file"), help: OptionHelp.secretFile) var secretFile: String?
    @Option(help: OptionHelp.uri) var uri: String?
    @Option(name: .customLong("uri-file"), help: OptionHelp.uriFile) var uriFile: String?
    @Flag(help: OptionHelp.hotp) var hotp = false
    @Flag(help: OptionHelp.steam) var steam = false
    @Option(help: OptionHelp.algorithm) var algorithm: String?
    @Option(help: OptionHelp.digits) var digits: Int?
    @Option(help: OptionHelp.period) var period: Int64?
    @Option(help: OptionHelp.counter) var counter: UInt64?
    @Option(help: OptionHelp.t0) var t0: Int64?
    @Option(help: OptionHelp.time) var time: Int64?

    @Option(help: ArgumentHelp("HOTP: print the codes of counters C … C+N, one a line (like oathtool --hotp -w N).", valueName: "N"))
    var window: UInt64?

    // The global options (see `DeviceCommand`).
    @Option(help: OptionHelp.home) var home: String?
    @Option(help: OptionHelp.now) var now: Int64?
    @Option(help: OptionHelp.cloud) var cloud: String?
    @Option(help: OptionHelp.services) var services: String?
    @Option(help: OptionHelp.lockTimeout) var lockTimeout: Double?
    @Option(name: .customLong("cloud-url"), help: OptionHelp.cloudURL) var cloudURL: String?
    @Option(name: .customLong("cloud-user"), help: OptionHelp.cloudUser) var cloudUser: String?
    @Option(name: .customLong("cloud-password-file"), help: OptionHelp.cloudPasswordFile) var cloudPasswordFile: String?

    func run() async throws {
        if let id {
            try await printAccountCode(AccountID(rawValue: id))
            return
        }
        try StandardInput.checkOneReader([
            ("--secret-file", secretFile), ("--uri-file", uriFile),
            ("--cloud-password-file", global.webDAV.passwordFile),
        ])
        let generator = try makeGenerator(timeGiven: time != nil)
        switch generator.factor {
        case let .counter(first):
            if time != nil { throw ValidationError("--time cannot be used with an HOTP URI") }
            let (last, overflow) = first.addingReportingOverflow(window ?? 0)
            if overflow { throw OTPError.counterOverflow }
            Output.writeLines { writeLine in
                var counter = first
                while true {
                    writeLine(generator.code(forCounter: counter))
                    if counter == last { break }
                    counter += 1
                }
            }
        case .timer:
            if window != nil { throw ValidationError(!token.isURIGiven ? "--window needs --hotp" : "--window needs --hotp or an HOTP URI") }
            if let time = time {
                Output.writeLine(try generator.code(atUnixTime: time))
            } else {
                Output.writeLine(try generator.code(using: global.clock))
            }
        }
    }

    /// The current code of the vault account `id`.
    private func printAccountCode(_ id: AccountID) async throws {
        if let name = token.firstGivenName { throw ValidationError("\(name) cannot be used with an account ID") }
        if window != nil { throw ValidationError("--window cannot be used with an account ID") }
        let device = DeviceContext(global)
        let vault = try await device.loadVault()
        if let account = vault.account(withID: id), case .counter = account.generator?.factor, time != nil {
            throw ValidationError("--time cannot be used with an HOTP account")
        }
        // The vault just loaded: not read and decoded a second time.
        let shown = try await AccountCodes(store: device.store, clock: device.clock)
            .nextCode(for: id, in: vault, atUnixTime: time ?? global.now)
        Output.writeLine(shown.code)
        if let saved = shown.savedVault { await device.backUpAfterChange(saved) }
    }
}
