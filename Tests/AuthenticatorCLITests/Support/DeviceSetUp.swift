@testable import authenticator
import AuthenticatorKit
import Foundation
import Testing

/// Setting a ``Device`` up without a command line: the steps the commands `init`, `add`,
/// `recovery-account create`, `provider create-account` and `backup enable` take, done through
/// the app's own types (`DeviceContext`, its store, key provider, embedded services and
/// backup coordinator, opened from the same global options) inside a run of the test
/// process (`Invocation.run(environment:_:)`, with the world's environment).
///
/// Parsing a command line is most of what an in-process command costs (ArgumentParser
/// validates every command's declaration on each parse in debug builds), so the tests make
/// their starting state this way and keep the command line for the command under test.
/// Each step mirrors its command's `run()`; the commands themselves are tested on their own.
extension Device {
    /// The device as the commands open it from its global options.
    func context() throws -> DeviceContext {
        DeviceContext(setUpOptions)
    }

    /// The global options this device's commands get (``options(for:)`` without a `--now` of
    /// their own), as a command holds them once parsed. (Built, not parsed: a parse costs
    /// about as much as the set-up step itself; a test checks that the two agree.)
    var setUpOptions: GlobalOptions {
        GlobalOptions(
            home: home.path, now: Int64(DeviceWorld.now), cloud: world.cloud.path, services: world.services.path,
            lockTimeout: nil, cloudURL: nil, cloudUser: nil, cloudPasswordFile: nil)
    }

    /// Runs `step` as a command of this device would run, and expects it to print nothing on
    /// standard error (like ``succeed(_:sourceLocation:)``).
    @discardableResult
    private func setUp<Value>(
        _ name: String, sourceLocation: SourceLocation, _ step: (DeviceContext) async throws -> Value
    ) async throws -> Value {
        let environment = ProcessInfo.processInfo.environment.merging(
            DeviceWorld.environment.compactMapValues { $0 }, uniquingKeysWith: { $1 }
        ).filter { name, _ in DeviceWorld.environment[name] != .some(nil) }
        let context = try context()
        let (value, printed) = try await Invocation.run(environment: environment) { try await step(context) }
        let errors = String(decoding: printed.standardError, as: UTF8.self)
        #expect(errors.isEmpty, "\(name): \(errors)", sourceLocation: sourceLocation)
        return value
    }

    /// Creates the vault, as `init --platform PLATFORM` does.
    func initialise(_ platform: String = "ios", sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let platform = try #require(Platform(rawValue: platform), sourceLocation: sourceLocation)
        try await setUp("init", sourceLocation: sourceLocation) { device in
            if try await device.store.load() != nil { throw CLIError.vaultAlreadyExists(home: device.home.path) }
            try device.createSharedFolders()
            try await device.store.save(Vault(platform: platform), replacingRevision: nil)
        }
    }

    /// Adds a third-party TOTP account (SHA-1, 6 digits, 30 s) and returns its identifier, as
    /// `add --issuer ISSUER --account ACCOUNT --secret SECRET` does (uploading the change
    /// when backup is on).
    @discardableResult
    func addThirdParty(
        issuer: String = "GitHub", account: String = "alice", secret: String = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> String {
        try await setUp("add", sourceLocation: sourceLocation) { device in
            let choice = TokenChoice(
                secretInput: SecretInput(secret: secret, secretFile: nil), uri: nil, uriFile: nil, hotp: false, steam: false,
                parameters: CodeParameters(algorithm: nil, digits: nil, period: nil, counter: nil), t0: nil)
            let token = Token(issuer: issuer, account: account, generator: try choice.makeGenerator())
            let added = Account(token: token, createdAt: device.clock.now())
            let saved = try await device.modifyVault { vault in try vault.add(added) }
            await device.backUpAfterChange(saved)
            return added.id.rawValue
        }
    }

    /// Creates a recovery account of the embedded service, as
    /// `recovery-account create USER --password-file FILE` does.
    func createRecoveryAccount(_ user: String, passwordFile: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        try await setUp("recovery-account create", sourceLocation: sourceLocation) { device in
            let password = try InputFile.password(at: passwordFile)
            try device.createSharedFolders(cloud: false)
            try await device.recoveryAccounts.createAccount(userName: RecoveryAccountName(user), password: password)
        }
    }

    /// Turns backup on with the recovery account `user` and makes the first upload, as
    /// `backup enable --recovery-account USER --password-file FILE [--cloud-identity ID]`
    /// does (without printing the status); expects the upload to succeed or wait for a first
    /// account.
    func enableBackup(
        recoveryAccount user: String, passwordFile: String, cloudIdentity: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        try await setUp("backup enable", sourceLocation: sourceLocation) { device in
            let platform = try await device.loadVault().settings.platform
            let identity = device.cloudIdentity(platform: platform, recoveryAccount: user, named: cloudIdentity)
            let password = try InputFile.password(at: passwordFile)
            let coordinator = try device.backupCoordinator(platform: platform, signedInAs: identity)
            let status = try await coordinator.enableBackup(
                recoveryAccount: RecoveryAccountName(user), password: password, cloudIdentity: cloudIdentity.map(CloudIdentity.init(_:)))
            let problem = BackupStatusReport(status: status, state: try await coordinator.backupState()).problem
            #expect(problem == nil, "backup enable: \(problem.map { "\($0.caseName): \($0.line)" } ?? "")", sourceLocation: sourceLocation)
        }
    }

    /// Creates an account of the embedded account provider, as `provider create-account USER
    /// --kind KIND --password-file FILE [--alternate CONTACT]…` does (a work-or-school
    /// account's organisation is USER's e-mail domain).
    func createProviderAccount(
        _ user: String, kind: AccountKind, passwordFile: String, alternates: [String] = [],
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        try await setUp("provider create-account", sourceLocation: sourceLocation) { device in
            let organisation = kind == .workOrSchool ? user.split(separator: "@").last.map(String.init) : nil
            let contacts = try alternates.map { contact throws(VerificationError) in try AlternateContact(contact) }
            let password = try InputFile.password(at: passwordFile)
            try await device.accountProvider.createAccount(
                userName: user, kind: kind, organisation: organisation, password: password, alternateContacts: contacts)
        }
    }
}
