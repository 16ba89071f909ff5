import ArgumentParser
import AuthenticatorKit

/// `authenticator init --platform ios|android`: an empty vault for this device.
struct InitCommand: AsyncParsableCommand, DeviceCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create an empty vault for this device.",
        discussion: """
            Creates the vault in --home, and the --cloud and --services folders when they are \
            missing (like signing in to the platform's cloud for the first time). Prints nothing.
            """
    )

    @Option(help: ArgumentHelp("The device's platform: ios or android.", valueName: "PLATFORM"))
    var platform: String

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
        guard let platform = Platform(rawValue: platform) else {
            throw ValidationError("--platform must be ios or android, not '\(self.platform)'")
        }
        let device = DeviceContext(global)
        if try await device.store.load() != nil { throw CLIError.vaultAlreadyExists(home: device.home.path) }
        try device.createSharedFolders()
        do {
            try await device.store.save(Vault(platform: platform), replacingRevision: nil)
        } catch AccountModelError.revisionConflict {
            throw CLIError.vaultAlreadyExists(home: device.home.path)
        }
    }
}
