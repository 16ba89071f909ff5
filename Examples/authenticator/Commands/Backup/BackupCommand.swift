import ArgumentParser

/// `authenticator backup`: this device's cloud backup.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Turn on, run, check and delete this device's cloud backup.",
        discussion: """
            Once backup is on, every command that changes the vault (add, remove, move, rename, \
            settings set, import, verify, code of an HOTP account) uploads the change; when \
            that fails, it says so in one note on standard error and its output stays the same.
            """,
        subcommands: [
            BackupEnableCommand.self, BackupNowCommand.self, BackupStatusCommand.self,
            BackupVerifyCommand.self, BackupDisableCommand.self, BackupDeleteCommand.self,
        ]
    )
}
