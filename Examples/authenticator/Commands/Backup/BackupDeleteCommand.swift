import ArgumentParser
import AuthenticatorKit

/// `authenticator backup delete`: deletes the cloud copy, as a user can from the cloud's
/// storage settings.
struct BackupDeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete the backup from the cloud and turn backup off on this device. Prints nothing.",
        discussion: "A restore then finds no backup (backupNotFound). Turning backup on again starts a new backup."
    )

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let device = DeviceContext(global)
        try await device.backupCoordinator(for: try await device.loadVault()).deleteCloudBackup()
    }
}
