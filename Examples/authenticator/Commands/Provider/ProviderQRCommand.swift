import ArgumentParser
import AuthenticatorKit

/// `authenticator provider qr USER`: a QR enrolment payload for a work or school account.
struct ProviderQRCommand: AsyncParsableCommand, DeviceCommand {
    static let configuration = CommandConfiguration(
        commandName: "qr",
        abstract: "Print a QR enrolment payload for a work or school account (valid 10 minutes, usable once)."
    )

    @Argument(help: ArgumentHelp("The work or school account's user name.", valueName: "USER"))
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
        Output.writeLine(try await DeviceContext(global).accountProvider.qrPayload(forUserNamed: user))
    }
}
