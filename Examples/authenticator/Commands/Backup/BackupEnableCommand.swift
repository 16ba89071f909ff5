import ArgumentParser
import AuthenticatorKit

/// `authenticator backup enable --recovery-account USER --password-file F [--cloud-identity ID]`.
struct BackupEnableCommand: AsyncParsableCommand, DeviceCommand {
    static let configuration = CommandConfiguration(
        commandName: "enable",
        abstract: "Sign in to the recovery account, turn backup on and make the first upload.",
        discussion: """
            On ios, --cloud-identity names the Apple ID whose iCloud holds the backup (the \
            device is taken to be signed in to iCloud as it); on android the backup lives \
            under the recovery account; with --cloud-url (a WebDAV folder, on either platform) \
            under the WebDAV user at the folder, and --cloud-identity is not needed. Prints \
            the status like `backup status`.
            """
    )

    @Option(name: .customLong("recovery-account"), help: ArgumentHelp("The recovery account's user name.", valueName: "USER"))
    var recoveryAccount: String

    @Option(name: .customLong("password-file"), help: ArgumentHelp("The file holding the recovery account's password.", valueName: "F"))
    var passwordFile: String

    @Option(name: .customLong("cloud-identity"), help: ArgumentHelp("ios: the Apple ID whose iCloud holds the backup.", valueName: "ID"))
    var cloudIdentity: String?

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
        let device = DeviceContext(global)
        let platform = try await device.loadVault().settings.platform
        let identity = device.cloudIdentity(platform: platform, recoveryAccount: recoveryAccount, named: cloudIdentity)
        let password = try InputFile.password(at: passwordFile)
        let coordinator = try device.backupCoordinator(platform: platform, signedInAs: identity)
        let status = try await coordinator.enableBackup(
            recoveryAccount: RecoveryAccountName(recoveryAccount), password: password, cloudIdentity: cloudIdentity.map(CloudIdentity.init(_:))
        )
        let report = BackupStatusReport(status: status, state: try await coordinator.backupState())
        report.print(json: false)
        if let problem = report.problem {
            Output.writeErrorLine("note: backup is on, but the first upload did not succeed: \(problem.caseName): \(problem.line)")
        }
    }
}
