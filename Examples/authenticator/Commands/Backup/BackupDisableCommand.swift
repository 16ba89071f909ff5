import ArgumentParser
import AuthenticatorKit

/// `authenticator backup disable`: stops backing up; the cloud copy stays.
struct BackupDisableCommand: AsyncParsableCommand, DeviceCommand {
    static let configuration = CommandConfiguration(
        commandName: "disable",
        abstract: "Turn backup off on this device; the cloud copy stays. Prints nothing."
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
        _ = try await device.backupCoordinator(for: try await device.loadVault()).disableBackup()
    }
}
