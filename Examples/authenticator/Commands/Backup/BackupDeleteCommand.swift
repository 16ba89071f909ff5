import ArgumentParser
import AuthenticatorKit

/// `authenticator backup delete`: deletes the cloud copy, as a user can from the cloud's
/// storage settings.
struct BackupDeleteCommand: AsyncParsableCommand, DeviceCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete the backup from the cloud and turn backup off on this device. Prints nothing.",
        discussion: "A restore then finds no backup (backupNotFound). Turning backup on again starts a new backup."
    )

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
        try await device.backupCoordinator(for: try await device.loadVault()).deleteCloudBackup()
    }
}
