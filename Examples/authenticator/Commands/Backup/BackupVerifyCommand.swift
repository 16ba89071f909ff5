import ArgumentParser
import AuthenticatorKit

/// `authenticator backup verify [--json]`: reads the cloud's backup back and compares it with
/// the vault, without restoring anything.
struct BackupVerifyCommand: AsyncParsableCommand, JSONReporting, DeviceCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Download the cloud's backup, open it and compare it with the vault (changes nothing).",
        discussion: """
            Prints `verified: generation N, M accounts` when the backup opens with the \
            recovery account's key and holds exactly the vault's accounts. Otherwise exits 65 \
            with the error contract: `error: differs: …` after one line per difference \
            (`missing <id> <label>`: in the vault, not in the backup; `extra …`: in the \
            backup only; `changed …`; `settingsChanged`), or `error: <reason>: …` (notFound, \
            damaged, rolledBack, replaced, unreachable, needsSignIn, notEnabled, \
            wrongRecoveryAccount, failure). With --json, one object: generation and accounts, \
            or the error with differences.
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
        let outcome = try await device.backupCoordinator(for: vault).verifyBackup()
        switch outcome {
        case let .verified(generation, count):
            if json {
                Output.writeLine(JSONObject(members: [
                    ("verified", .bool(true)), ("generation", .number(generation)), ("accounts", .number(count)),
                ]).text)
            } else {
                Output.writeLine("verified: generation \(generation), \(count) accounts")
            }
        case let .differs(generation, differences):
            if !json {
                // The differences are the command's output even though it fails: written
                // before the error line rather than dropped with the queued output.
                differences.forEach { Output.writeLine($0.description) }
                Output.flush()
            }
            var report = ErrorReport(
                caseName: "differs",
                message: "the backup in the cloud (generation \(generation)) differs from the vault in "
                    + "\(differences.count) way(s)",
                suggestedAction: "Run `backup now` to upload the vault, or restore with --merge to take the backup's accounts.",
                exitStatus: ExitStatus.dataError)
            report.details = [
                ("generation", .number(generation)),
                ("differences", .array(differences.map { .string($0.description) })),
            ]
            throw ReportedFailure(report: report)
        case let .failed(failure):
            var report = ErrorReport(caseName: failure.caseName, message: failure.message, exitStatus: ExitStatus.dataError)
            if case let .failure(inner) = failure { report.details = [("failure", .string(inner.caseName))] }
            throw ReportedFailure(report: report)
        }
    }
}
