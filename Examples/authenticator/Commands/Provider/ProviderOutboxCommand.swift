import ArgumentParser
import AuthenticatorKit

/// `authenticator provider outbox CONTACT`: the last code "sent" there.
struct ProviderOutboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox",
        abstract: "Print the last verification code the embedded provider sent to an e-mail address or phone number."
    )

    @Argument(help: ArgumentHelp("The e-mail address or phone number.", valueName: "CONTACT"))
    var contact: String

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        guard let code = try await DeviceContext(global).accountProvider.lastCode(sentTo: contact) else {
            throw VerificationError.noCodeSent
        }
        Output.writeLine(code)
    }
}
