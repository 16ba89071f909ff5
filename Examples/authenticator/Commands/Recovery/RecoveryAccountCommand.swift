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
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract: "Create a recovery account (creates the --services folder if needed). Prints nothing.",
            discussion: "The password must be at least 8 bytes long."
        )

        @Argument(help: ArgumentHelp("The recovery account's user name.", valueName: "USER"))
        var user: String

        @Option(name: .customLong("password-file"), help: ArgumentHelp("The file holding its password.", valueName: "F"))
        var passwordFile: String

        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let device = DeviceContext(global)
            let password = try InputFile.password(at: passwordFile)
            try device.createSharedFolders(cloud: false)
            try await device.recoveryAccounts.createAccount(userName: RecoveryAccountName(user), password: password)
        }
    }

    /// `recovery-account revoke-sessions USER`.
    struct RevokeSessions: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "revoke-sessions",
            abstract: "End every session of a recovery account (backups become stale until the device signs in again). Prints nothing."
        )

        @Argument(help: ArgumentHelp("The recovery account's user name.", valueName: "USER"))
        var user: String

        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await DeviceContext(global).recoveryAccounts.revokeSessions(userName: RecoveryAccountName(user))
        }
    }
}
