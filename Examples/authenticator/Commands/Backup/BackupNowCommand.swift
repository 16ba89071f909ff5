import ArgumentParser
import AuthenticatorKit

/// `authenticator backup now [--json]`: uploads the vault if it changed.
struct BackupNowCommand: AsyncParsableCommand, JSONReporting {
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

    @OptionGroup var global: GlobalOptions

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
