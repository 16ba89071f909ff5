import ArgumentParser
import AuthenticatorKit
import Interop

/// `authenticator export --output FILE --password-file F [--recovery-code]`: the vault as a
/// sealed backup file that a password (and optionally a recovery code) opens; with
/// `--to aegis|otpauth|google`, the third-party accounts in another app's format.
struct ExportCommand: AsyncParsableCommand, DeviceCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the vault to a sealed backup file opened by a password, or for another app (--to).",
        discussion: """
            The file has a password slot (Argon2id, the format's recommended parameters) and, \
            with --recovery-code, a recovery-code slot: the code is printed once, on standard \
            output; write it down. The password is the password file's content without its \
            final line break; an empty one is refused. The file is written atomically with \
            permissions 0600 and an existing file is kept unless --force is given. Use it to \
            move accounts to a device on the other platform (`authenticator import`).

            With --to aegis, otpauth or google, the third-party accounts are written for \
            another app (personal and work or school accounts never are; each left out is \
            noted on standard error). aegis is encrypted with --password-file F; a file that \
            holds the secrets in the clear needs --plaintext (aegis without a password, and \
            otpauth and google always). --output - writes the file to standard output (for \
            google: the otpauth-migration:// URIs, one per line).
            """
    )

    @Option(help: ArgumentHelp("The file to write (with --to, - for standard output).", valueName: "FILE"))
    var output: String

    @Option(help: ArgumentHelp("Write the third-party accounts for another app: aegis, otpauth or google.", valueName: "NAME"))
    var to: String?

    @Option(name: .customLong("password-file"), help: ArgumentHelp("The file holding the password (- for standard input).", valueName: "F"))
    var passwordFile: String?

    @Flag(help: "With --to: write the secrets in the clear (otpauth, google, or aegis without a password).")
    var plaintext = false

    @Flag(name: .customLong("recovery-code"), help: "Add a recovery-code slot and print its code once.")
    var recoveryCode = false

    @Flag(help: "Replace FILE if it exists.")
    var force = false

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
        if let to { return try await exportForeign(to) }
        if plaintext { throw ValidationError("--plaintext needs --to") }
        guard let passwordFile else { throw ValidationError("Missing expected argument '--password-file <F>'") }
        let device = DeviceContext(global)
        let vault = try await device.loadVault()
        let password = try InputFile.password(at: passwordFile)
        // The vault just loaded, not a second load and decode of the same file.
        let sealed = try BackupFileExport(store: device.store, appVersion: AppInfo.version, clock: device.clock)
            .seal(vault, password: password, cost: KeyDerivationCost.exportParameters, addingRecoveryCode: recoveryCode)
        try OutputFile.write(sealed.bytes, to: output, replacing: force)
        if let code = sealed.recoveryCode { Output.writeLine(code.text) }
    }

    /// `export --to NAME`: the third-party accounts in another app's format.
    private func exportForeign(_ name: String) async throws {
        guard let format = ExportFormat(rawValue: name) else {
            throw ValidationError("--to must be aegis, otpauth or google, not '\(name)'")
        }
        if recoveryCode { throw ValidationError("--recovery-code cannot be used with --to") }
        if passwordFile != nil && plaintext { throw ValidationError("--password-file and --plaintext cannot be used together") }
        if format != .aegis && passwordFile != nil {
            throw ValidationError("the \(format.rawValue) format is never encrypted: pass --plaintext instead of --password-file")
        }
        guard passwordFile != nil || plaintext else {
            throw ValidationError(format == .aegis
                ? "missing --password-file or --plaintext (a plain file holds every secret in the clear)"
                : "the \(format.rawValue) format holds every secret in the clear: pass --plaintext")
        }
        let device = DeviceContext(global)
        _ = try await device.loadVault()
        let protection: AccountExport.Protection = try passwordFile.map { .password(try InputFile.password(at: $0), cost: KeyDerivationCost.aegisExport) } ?? .plaintext
        let file: AccountExportFile
        do {
            file = try await AccountExport(store: device.store).export(to: format, protection: protection)
        } catch {
            // The store's or the writer's own error, as every command reports it.
            switch error {
            case let .vault(storeError): throw storeError
            case let .interop(writerError): throw writerError
            case .passwordNotApplicable, .unrepresentable: throw error
            }
        }
        if output == "-" {
            Output.write(String(decoding: file.bytes, as: UTF8.self))
        } else {
            try OutputFile.write(file.bytes, to: output, replacing: force)
        }
        for id in file.leftOut {
            Output.writeErrorLine("note: \(id) is a personal or work or school account: not exported")
        }
    }
}
