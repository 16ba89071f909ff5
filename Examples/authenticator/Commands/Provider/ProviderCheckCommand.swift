import ArgumentParser
import AuthenticatorKit
import Foundation

/// `authenticator provider check USER (--code CODE | --code-file PATH) [--time UNIX]`: whether the provider
/// accepts a code from any device of the account.
struct ProviderCheckCommand: AsyncParsableCommand, DeviceCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Exit 0 when the embedded provider accepts CODE for the account (from any of its devices).",
        discussion: """
            The current time step and one either side are accepted. When the code is not \
            accepted, prints `no match` on standard error and exits with status 1. \
            --code-file PATH reads the code from a file instead (- for standard input).
            """
    )

    @Argument(help: ArgumentHelp("The account's user name.", valueName: "USER"))
    var user: String

    @Option(help: ArgumentHelp("The code to check.", valueName: "CODE"))
    var code: String?

    @Option(name: .customLong("code-file"), help: ArgumentHelp("Read the code to check from PATH, or from standard input for -.", valueName: "PATH"))
    var codeFile: String?

    @Option(help: ArgumentHelp("The Unix time to check at instead of now.", valueName: "UNIX"))
    var time: Int64?

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
        if code != nil && codeFile != nil { throw ValidationError("--code and --code-file cannot be used together") }
        try StandardInput.checkOneReader([("--code-file", codeFile), ("--cloud-password-file", global.webDAV.passwordFile)])
        guard let code = try code ?? codeFile.map(SecretFile.text(at:)) else { throw ValidationError("missing --code or --code-file") }
        var options = global
        if let time { options.now = time }
        guard try await DeviceContext(options).accountProvider.acceptsCode(code, forUserNamed: user) else {
            Output.writeErrorLine("no match")
            throw ExitCode(ExitStatus.noMatch)
        }
    }
}
