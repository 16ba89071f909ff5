import ArgumentParser
import AuthenticatorKit

/// `authenticator backup disable`: stops backing up; the cloud copy stays.
struct BackupDisableCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disable",
        abstract: "Turn backup off on this device; the cloud copy stays. Prints nothing."
    )

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let device = DeviceContext(global)
        _ = try await device.backupCoordinator(for: try await device.loadVault()).disableBackup()
    }
}
