import ArgumentParser
import AuthenticatorKit

/// `authenticator add`: a new account in the vault, from a QR payload, by hand, or by signing
/// in to a provider account. Prints the new account's identifier.
struct AddCommand: AsyncParsableCommand, DeviceCommand, TokenCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add an account to the vault and print its identifier.",
        discussion: """
            Three ways: --uri URI (a QR code's otpauth:// payload; --uri-file PATH reads it \
            from a file, - for standard input, so that it stays off the command line); \
            --issuer I --account A --secret B32 (or --secret-file PATH) with the OTP options \
            of `code` (--hotp --counter C, --steam, --algorithm, --digits, --period, --t0); or \
            --provider-account USER --password-file F, \
            which signs in to that account of the embedded provider (personal or work or \
            school) and enrols this device with a new credential. --push turns push approvals \
            on; for --uri and manual entry it needs --kind personal or work-or-school and \
            creates a device credential. Adding an account already in the vault (same issuer, \
            user name and secret) is refused with duplicateAccount; one a backup could not \
            carry with fieldTooLong (issuer, user name… over 1,024 bytes), secretTooLong (over \
            128 bytes) or tooManyAccounts (50,000).
            """
    )

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

    @Option(help: ArgumentHelp("The service, e.g. GitHub (manual entry; default empty).", valueName: "I"))
    var issuer: String?

    @Option(help: ArgumentHelp("The account name, e.g. alice@example.com (manual entry).", valueName: "A"))
    var account: String?

    @Option(help: ArgumentHelp("third-party (default), personal or work-or-school.", valueName: "KIND"))
    var kind: String?

    @Option(name: .customLong("provider-account"), help: ArgumentHelp("Sign in to this provider account and enrol this device.", valueName: "USER"))
    var providerAccount: String?

    @Option(name: .customLong("password-file"), help: ArgumentHelp("The provider account's password (with --provider-account).", valueName: "F"))
    var passwordFile: String?

    @Flag(help: "Turn push approvals on (creates a device credential).")
    var push = false

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
        try StandardInput.checkOneReader([
            ("--secret-file", secretFile), ("--uri-file", uriFile), ("--password-file", passwordFile),
            ("--cloud-password-file", global.webDAV.passwordFile),
        ])
        let device = DeviceContext(global)
        let added: Account
        let saved: Vault
        if let providerAccount {
            added = try await addProviderAccount(providerAccount, device: device)
            saved = try await device.loadVault()
        } else {
            added = try accountToAdd(device: device)
            saved = try await device.modifyVault { vault in try vault.add(added) }
        }
        Output.writeLine(added.id.rawValue)
        await device.backUpAfterChange(saved)
    }

    /// The account described by `--uri` or by manual entry.
    private func accountToAdd(device: DeviceContext) throws -> Account {
        if passwordFile != nil { throw ValidationError("--password-file needs --provider-account") }
        let choice = token
        if choice.isURIGiven {
            let option = uri != nil ? "--uri" : "--uri-file"
            if issuer != nil { throw ValidationError("\(option) cannot be combined with --issuer") }
            if account != nil { throw ValidationError("\(option) cannot be combined with --account") }
        } else if token.secretInput.isGiven || account != nil {
            guard account != nil else { throw ValidationError("missing --account") }
        } else {
            throw ValidationError("missing --uri, --uri-file, --secret or --provider-account")
        }
        try token.checkCombination(timeGiven: false)
        let kind = try chosenKind()
        if push && kind == .thirdParty { throw ValidationError("--push needs --kind personal or work-or-school") }
        let parsed: Token
        if let uri = try choice.readURI() {
            parsed = try Token(uri: uri)
        } else {
            parsed = Token(issuer: issuer ?? "", account: account ?? "", generator: try token.makeGenerator())
        }
        let now = device.clock.now()
        guard let providerKind = Account.ProviderKind(kind) else { return Account(token: parsed, createdAt: now) }
        // A secret scanned from the provider's QR code stays bound to this device; --push adds
        // a device credential of its own, which then makes the codes.
        let state: Account.DeviceState = push
            ? .enrolled(DeviceCredential(createdAt: now), scannedSecret: parsed.generator)
            : .scannedSecret(parsed.generator)
        return Account(
            provider: Account.ProviderDetails(
                kind: providerKind, issuer: parsed.issuer, userName: parsed.account, pushApprovalsEnabled: push,
                device: state),
            createdAt: now
        )
    }

    /// Signs in to the provider account `userName`, enrols this device and saves the account
    /// (one SDK call); returns the account as saved.
    private func addProviderAccount(_ userName: String, device: DeviceContext) async throws -> Account {
        if let name = token.firstGivenName { throw ValidationError("\(name) cannot be used with --provider-account") }
        if issuer != nil || account != nil || kind != nil {
            throw ValidationError("--issuer, --account and --kind cannot be used with --provider-account (the provider says them)")
        }
        guard let passwordFile else { throw ValidationError("--provider-account needs --password-file") }
        _ = try await device.loadVault()
        let password = try InputFile.password(at: passwordFile)
        return try await device.verificationCoordinator.addProviderAccount(
            userName: userName, password: password, pushApprovalsEnabled: push
        )
    }

    /// `--kind`, third party when absent.
    private func chosenKind() throws -> AccountKind {
        guard let kind else { return .thirdParty }
        guard let parsed = AccountKind(rawValue: kind) else {
            throw ValidationError("--kind must be third-party, personal or work-or-school, not '\(kind)'")
        }
        return parsed
    }
}
