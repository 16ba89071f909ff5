import ArgumentParser
import AuthenticatorKit

/// `authenticator remove ID`: deletes an account from the vault.
struct RemoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Remove an account from the vault. Prints nothing."
    )

    @Argument(help: ArgumentHelp("The account's identifier.", valueName: "ID"))
    var id: String

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let device = DeviceContext(global)
        let id = AccountID(rawValue: id)
        let saved = try await device.modifyVault { vault in try vault.removeAccount(withID: id) }
        VerificationSnapshots(home: device.home).forget(id)
        await device.backUpAfterChange(saved)
    }
}
