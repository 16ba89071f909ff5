import ArgumentParser
import AuthenticatorKit

/// `authenticator move ID --to N`: puts an account at another position.
struct MoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "move",
        abstract: "Move an account to position N (0 is first, as `list` shows them). Prints nothing."
    )

    @Argument(help: ArgumentHelp("The account's identifier.", valueName: "ID"))
    var id: String

    @Option(help: ArgumentHelp("The new position, from 0.", valueName: "N"))
    var to: Int

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let device = DeviceContext(global)
        let saved = try await device.modifyVault { vault in
            try vault.moveAccount(withID: AccountID(rawValue: id), to: to)
        }
        await device.backUpAfterChange(saved)
    }
}
