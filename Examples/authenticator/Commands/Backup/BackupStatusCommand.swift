import ArgumentParser
import AuthenticatorKit

/// `authenticator backup status [--json]`: where the backup stands, without network access.
struct BackupStatusCommand: AsyncParsableCommand, JSONReporting, DeviceCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Print where the backup stands, from what the device knows (no network).",
        discussion: """
            Lines `state: …` (off, pending, upToDate, needsSignIn or failed), `generation: …` \
            (the last verified generation, or none), `date: …`, `needsAttention: …` (true for \
            needsSignIn and failed: the app's red dot) and `reason: …` (backupStale for \
            needsSignIn, the failure's case name for failed, else none). With --json, one \
            object with state, generation, date, needsAttention, reason, lastVerified (when the \
            cloud's backup was last read back and authenticated) and failingSince (since when \
            backup has been failing), each null when none. \
            A revoked session shows as needsSignIn after the next upload attempt finds it out. \
            An account backups leave out (a field beyond the backup format's limits, only in a \
            vault written by an earlier version) adds a line `leftOut: ID<TAB>NAME<TAB>LIMITS` \
            (e.g. secretTooLong(secret)), makes needsAttention true, and with --json is listed \
            in accountsLeftOut ([{id, name, limits: [{error, field, limit}]}]).
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
        BackupStatusReport(
            status: await coordinator.status(), state: try await coordinator.backupState(),
            leftOut: try await coordinator.accountsLeftOut()
        ).print(json: json)
    }
}
