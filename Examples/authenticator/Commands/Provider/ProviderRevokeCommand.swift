import ArgumentParser
import AuthenticatorKit

/// `authenticator provider revoke USER CREDENTIAL_ID --password-file F`: cuts off a device.
struct ProviderRevokeCommand: AsyncParsableCommand, DeviceCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke",
        abstract: "Revoke one device credential of the account (a lost phone). Prints nothing.",
        discussion: """
            Signs in to the account with its password (--password-file) and revokes the \
            credential: the provider refuses its codes and push approvals from then on; the \
            account's other devices keep working. The credential ids are those of \
            `provider devices USER`.
            """
    )

    @Argument(help: ArgumentHelp("The account's user name.", valueName: "USER"))
    var user: String

    @Argument(help: ArgumentHelp("The credential to revoke.", valueName: "CREDENTIAL_ID"))
    var credentialID: String

    @Option(name: .customLong("password-file"), help: ArgumentHelp("The file holding the account's password.", valueName: "F"))
    var passwordFile: String

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
        let password = try InputFile.password(at: passwordFile)
        try await DeviceContext(global).verificationCoordinator.revokeDevice(credentialID, userName: user, password: password)
    }
}
