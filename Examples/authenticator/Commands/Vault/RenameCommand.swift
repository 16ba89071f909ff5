import ArgumentParser
import AuthenticatorKit

/// `authenticator rename ID --issuer I --account A`: new names for an account.
struct RenameCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rename",
        abstract: "Give an account a new issuer and user name. Prints nothing.",
        discussion: """
            Either option may be left out to keep that name. The account's OTP token is \
            relabelled too. A name longer than 1,024 bytes (UTF-8) is refused with \
            fieldTooLong: a backup could not carry it.
            """
    )

    @Argument(help: ArgumentHelp("The account's identifier.", valueName: "ID"))
    var id: String

    @Option(help: ArgumentHelp("The new issuer.", valueName: "I"))
    var issuer: String?

    @Option(help: ArgumentHelp("The new user name.", valueName: "A"))
    var account: String?

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        guard issuer != nil || account != nil else { throw ValidationError("missing --issuer or --account") }
        let device = DeviceContext(global)
        let id = AccountID(rawValue: id)
        let saved = try await device.modifyVault { vault in
            guard let current = vault.account(withID: id) else { throw AccountModelError.accountNotFound(id) }
            try vault.renameAccount(
                withID: id, issuer: issuer ?? current.issuer, userName: account ?? current.userName,
                displayName: current.displayName, at: device.clock.now()
            )
        }
        await device.backUpAfterChange(saved)
    }
}
