import ArgumentParser
import AuthenticatorKit

/// `authenticator remove ID`: deletes an account from the vault.
struct RemoveCommand: AsyncParsableCommand, DeviceCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Remove an account from the vault. Prints nothing."
    )

    @Argument(help: ArgumentHelp("The account's identifier.", valueName: "ID"))
    var id: String

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
        let id = AccountID(rawValue: id)
        let saved = try await device.modifyVault { vault in try vault.removeAccount(withID: id) }
        VerificationSnapshots(home: device.home).forget(id)
        await device.backUpAfterChange(saved)
    }
}
