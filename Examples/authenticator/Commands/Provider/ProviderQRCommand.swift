import ArgumentParser
import AuthenticatorKit

/// `authenticator provider qr USER`: a QR enrolment payload for a work or school account.
struct ProviderQRCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qr",
        abstract: "Print a QR enrolment payload for a work or school account (valid 10 minutes, usable once)."
    )

    @Argument(help: ArgumentHelp("The work or school account's user name.", valueName: "USER"))
    var user: String

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        Output.writeLine(try await DeviceContext(global).accountProvider.qrPayload(forUserNamed: user))
    }
}
