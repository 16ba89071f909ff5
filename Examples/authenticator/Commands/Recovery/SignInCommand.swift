import ArgumentParser
import AuthenticatorKit

/// `authenticator signin --recovery-account USER --password-file F`: a new recovery-account
/// session for backup; clears `needsSignIn` and uploads the pending change.
struct SignInCommand: AsyncParsableCommand, DeviceCommand {
    static let configuration = CommandConfiguration(
        commandName: "signin",
        abstract: "Sign in to the recovery account again so that backup resumes (clears needsSignIn).",
        discussion: "Uploads the pending change and prints the status like `backup status`; a failed upload adds a note on standard error."
    )

    @Option(name: .customLong("recovery-account"), help: ArgumentHelp("The recovery account's user name.", valueName: "USER"))
    var recoveryAccount: String

    @Option(name: .customLong("password-file"), help: ArgumentHelp("The file holding its password.", valueName: "F"))
    var passwordFile: String

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
        let coordinator = try device.backupCoordinator(for: try await device.loadVault())
        let password = try InputFile.password(at: passwordFile)
        let status = try await coordinator.signIn(recoveryAccount: RecoveryAccountName(recoveryAccount), password: password)
        let report = BackupStatusReport(status: status, state: try await coordinator.backupState())
        report.print(json: false)
        if let problem = report.problem {
            Output.writeErrorLine("note: signed in, but the upload did not succeed: \(problem.caseName): \(problem.line)")
        }
    }
}
