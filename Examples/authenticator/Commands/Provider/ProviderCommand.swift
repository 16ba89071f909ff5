import ArgumentParser

/// `authenticator provider`: the embedded account provider in `--services` (demo set-up, and
/// what the provider's side sees).
struct ProviderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "provider",
        abstract: "Set up and look into the embedded account provider (personal and work or school accounts).",
        subcommands: [
            ProviderCreateAccountCommand.self, ProviderOutboxCommand.self, ProviderQRCommand.self, ProviderCheckCommand.self,
            ProviderDevicesCommand.self, ProviderRevokeCommand.self,
        ]
    )
}
