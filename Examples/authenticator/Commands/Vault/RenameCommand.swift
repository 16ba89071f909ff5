import ArgumentParser
import AuthenticatorKit

/// `authenticator rename ID --issuer I --account A`: new names for an account.
struct RenameCommand: AsyncParsableCommand, DeviceCommand {
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
