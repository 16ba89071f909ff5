import ArgumentParser
import AuthenticatorKit

/// `authenticator init --platform ios|android`: an empty vault for this device.
struct InitCommand: AsyncParsableCommand {
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

    @OptionGroup var global: GlobalOptions

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
