import ArgumentParser
import AuthenticatorKit

/// `authenticator recovery-account`: the embedded recovery-account service in `--services`.
struct RecoveryAccountCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recovery-account",
        abstract: "Set up the embedded recovery-account service (demo set-up).",
        subcommands: [Create.self, RevokeSessions.self]
    )

    /// `recovery-account create USER --password-file F`.
    struct Create: AsyncParsableCommand, DeviceCommand {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract: "Create a recovery account (creates the --services folder if needed). Prints nothing.",
            discussion: "The password must be at least 8 bytes long."
        )

        @Argument(help: ArgumentHelp("The recovery account's user name.", valueName: "USER"))
        var user: String

        @Option(name: .customLong("password-file"), help: ArgumentHelp("The file holding its password.", valueName: "F"))
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
            let device = DeviceContext(global)
            let password = try InputFile.password(at: passwordFile)
            try device.createSharedFolders(cloud: false)
            try await device.recoveryAccounts.createAccount(userName: RecoveryAccountName(user), password: password)
        }
    }

    /// `recovery-account revoke-sessions USER`.
    struct RevokeSessions: AsyncParsableCommand, DeviceCommand {
        static let configuration = CommandConfiguration(
            commandName: "revoke-sessions",
            abstract: "End every session of a recovery account (backups become stale until the device signs in again). Prints nothing."
        )

        @Argument(help: ArgumentHelp("The recovery account's user name.", valueName: "USER"))
        var user: String

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
            try await DeviceContext(global).recoveryAccounts.revokeSessions(userName: RecoveryAccountName(user))
        }
    }
}
