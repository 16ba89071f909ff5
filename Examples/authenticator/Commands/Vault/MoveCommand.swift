import ArgumentParser
import AuthenticatorKit

/// `authenticator move ID --to N`: puts an account at another position.
struct MoveCommand: AsyncParsableCommand, DeviceCommand {
    static let configuration = CommandConfiguration(
        commandName: "move",
        abstract: "Move an account to position N (0 is first, as `list` shows them). Prints nothing."
    )

    @Argument(help: ArgumentHelp("The account's identifier.", valueName: "ID"))
    var id: String

    @Option(help: ArgumentHelp("The new position, from 0.", valueName: "N"))
    var to: Int

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
        let saved = try await device.modifyVault { vault in
            try vault.moveAccount(withID: AccountID(rawValue: id), to: to)
        }
        await device.backUpAfterChange(saved)
    }
}
