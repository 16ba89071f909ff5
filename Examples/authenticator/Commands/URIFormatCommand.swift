import ArgumentParser
import AuthenticatorKit

/// `authenticator uri format`: the canonical `otpauth://` URI for a secret and parameters.
struct URIFormatCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "format",
        abstract: "Print the canonical otpauth:// URI for a secret and its parameters."
    )

    @Option(help: ArgumentHelp("totp, hotp or steam.", valueName: "TYPE"))
    var type: String

    @Option(help: ArgumentHelp("The account name, e.g. alice@example.com.", valueName: "A"))
    var account: String

    @Option(help: ArgumentHelp("The service, e.g. GitHub.", valueName: "I"))
    var issuer: String = ""

    // The secret and parameter options, as `TokenCommand`s declare them.
    @Option(help: OptionHelp.secret) var secret: String?
    @Option(name: .customLong("secret-file"), help: OptionHelp.secretFile) var secretFile: String?
    @Option(help: OptionHelp.algorithm) var algorithm: String?
    @Option(help: OptionHelp.digits) var digits: Int?
    @Option(help: OptionHelp.period) var period: Int64?
    @Option(help: OptionHelp.counter) var counter: UInt64?

    /// `--secret` and `--secret-file`.
    private var secretInput: SecretInput { SecretInput(secret: secret, secretFile: secretFile) }

    /// `--algorithm`, `--digits`, `--period` and `--counter`.
    private var parameters: CodeParameters {
        CodeParameters(algorithm: algorithm, digits: digits, period: period, counter: counter)
    }

    /// Fails for options that cannot go together. (Checked in `run()`, not `validate()`, so
    /// that an unknown option is reported first.)
    private func checkCombination() throws {
        try secretInput.checkExactlyOneGiven()
        switch type.lowercased() {
        case "hotp":
            if parameters.period != nil { throw ValidationError("--period cannot be used with --type hotp") }
        case "steam":
            if parameters.digits != nil { throw ValidationError("--digits cannot be used with --type steam (Steam codes have 5 characters)") }
            fallthrough
        default:
            if parameters.counter != nil { throw ValidationError("--counter needs --type hotp") }
        }
    }

    func run() async throws {
        try checkCombination()
        let kind = type.lowercased()
        guard ["totp", "hotp", "steam"].contains(kind) else { throw OTPError.unknownType(type) }
        let factor: Factor = kind == "hotp" ? .counter(parameters.counter ?? 0) : .timer(period: parameters.period ?? 30)
        let format: CodeFormat = kind == "steam" ? .steam : .decimal(digits: parameters.digits ?? 6)
        let generator = try Generator(factor: factor, secret: try secretInput.read(), algorithm: try parameters.chosenAlgorithm(), format: format)
        Output.writeLine(Token(issuer: issuer, account: account, generator: generator).uri)
    }
}
