import ArgumentParser
import AuthenticatorKit

/// `authenticator settings get|set`: the app settings kept in the vault.
struct SettingsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settings",
        abstract: "Read or change the app settings kept in the vault.",
        discussion: """
            Known keys: backupEnabled, platform, hidesCodes, groupsDigits (switches take true \
            or false, the platform ios or android). Any other key holds an app-defined value.
            """,
        subcommands: [Get.self, Set.self]
    )

    /// `settings get [KEY]`.
    struct Get: AsyncParsableCommand, DeviceCommand {
        static let configuration = CommandConfiguration(
            commandName: "get",
            abstract: "Print one setting's value, or every setting as KEY=VALUE lines.",
            discussion: "Without KEY: the known keys first, then the app-defined ones in alphabetical order."
        )

        @Argument(help: ArgumentHelp("The setting's key.", valueName: "KEY"))
        var key: String?

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
            let settings = try await DeviceContext(global).loadVault().settings
            if let key {
                guard !key.isEmpty else { throw AccountModelError.invalidSettingKey(key) }
                guard let value = settings.value(forKey: key) else { throw CLIError.settingNotSet(key: key) }
                Output.writeLine(value)
                return
            }
            let values = settings.allValues
            let known = Settings.knownKeys
            let custom = values.keys.filter { !known.contains($0) }.sorted()
            for key in known + custom {
                if let value = values[key] { Output.writeLine(AccountDescription.tabSeparated([key + "=" + value])) }
            }
        }
    }

    /// `settings set KEY VALUE`.
    struct Set: AsyncParsableCommand, DeviceCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Change one setting. Prints nothing.",
            discussion: """
                An app-defined key or value longer than 1,024 bytes (UTF-8), or a 257th \
                app-defined key, is refused with fieldTooLong or tooManyCustomSettings: a \
                backup could not carry it.
                """
        )

        @Argument(help: ArgumentHelp("The setting's key.", valueName: "KEY"))
        var key: String

        @Argument(help: ArgumentHelp("The new value.", valueName: "VALUE"))
        var value: String

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
            let saved = try await device.modifyVault { vault in try vault.setSetting(value, forKey: key) }
            await device.backUpAfterChange(saved)
        }
    }
}
