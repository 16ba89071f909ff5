import ArgumentParser
import AuthenticatorKit

/// `authenticator backup now [--json]`: uploads the vault if it changed.
struct BackupNowCommand: AsyncParsableCommand, JSONReporting, DeviceCommand {
    static let configuration = CommandConfiguration(
        commandName: "now",
        abstract: "Upload the vault if it changed since the last backup, and print the status.",
        discussion: """
            Prints the status like `backup status`. When the backup is stale (needsSignIn) or \
            failed, follows the error contract instead: `error: backupStale: …` or \
            `error: <failure>: …` (networkUnavailable, cloudIdentityMismatch, \
            generationConflict…), and with --json one object with error, message, \
            suggestedAction and the status fields. With backup off: `error: notEnabled`.
            """
    )

    @Flag(help: "Print one JSON object.")
    var json = false

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
        let vault = try await device.loadVault()
        let coordinator = try device.backupCoordinator(for: vault)
        let status = await coordinator.backUpNow()
        if status == .off { throw BackupError.notEnabled }
        let report = BackupStatusReport(
            status: status, state: try await coordinator.backupState(), leftOut: try await coordinator.accountsLeftOut())
        if var problem = report.problem {
            problem.details += report.jsonMembers
            throw ReportedFailure(report: problem)
        }
        report.print(json: json)
    }
}
