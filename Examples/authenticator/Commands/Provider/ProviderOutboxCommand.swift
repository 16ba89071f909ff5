import ArgumentParser
import AuthenticatorKit

/// `authenticator provider outbox CONTACT`: the last code "sent" there.
struct ProviderOutboxCommand: AsyncParsableCommand, DeviceCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox",
        abstract: "Print the last verification code the embedded provider sent to an e-mail address or phone number."
    )

    @Argument(help: ArgumentHelp("The e-mail address or phone number.", valueName: "CONTACT"))
    var contact: String

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
        guard let code = try await DeviceContext(global).accountProvider.lastCode(sentTo: contact) else {
            throw VerificationError.noCodeSent
        }
        Output.writeLine(code)
    }
}
