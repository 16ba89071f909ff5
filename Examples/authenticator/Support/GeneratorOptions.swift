import ArgumentParser
import AuthenticatorKit

/// The options that say which codes to make: a token (the options of ``TokenOptions``) and
/// the time. Shared by `code` and `check`.
struct GeneratorOptions: ParsableArguments {
    // The options of `TokenOptions`, in the same order, declared here rather than as an
    // `@OptionGroup` (see `OptionHelp`).
    @Option(help: OptionHelp.secret)
    var secret: String?

    @Option(name: .customLong("secret-file"), help: OptionHelp.secretFile)
    var secretFile: String?

    @Option(help: OptionHelp.uri)
    var uri: String?

    @Option(name: .customLong("uri-file"), help: OptionHelp.uriFile)
    var uriFile: String?

    @Flag(help: OptionHelp.hotp)
    var hotp = false

    @Flag(help: OptionHelp.steam)
    var steam = false

    @Option(help: OptionHelp.algorithm)
    var algorithm: String?

    @Option(help: OptionHelp.digits)
    var digits: Int?

    @Option(help: OptionHelp.period)
    var period: Int64?

    @Option(help: OptionHelp.counter)
    var counter: UInt64?

    @Option(help: OptionHelp.t0)
    var t0: Int64?

    @Option(help: OptionHelp.time)
    var time: Int64?

    /// The token options' values.
    var token: TokenChoice {
        TokenChoice(
            secretInput: SecretInput(secret: secret, secretFile: secretFile), uri: uri, uriFile: uriFile, hotp: hotp, steam: steam,
            parameters: CodeParameters(algorithm: algorithm, digits: digits, period: period, counter: counter), t0: t0
        )
    }

    /// Fails for options that cannot go together. (Checked when the command runs, not in
    /// `validate()`, so that an unknown option is reported first.)
    func checkCombination() throws {
        try token.checkCombination(timeGiven: time != nil)
    }

    /// The generator these options describe, after ``checkCombination()``.
    func makeGenerator() throws -> Generator {
        try checkCombination()
        return try token.makeGenerator()
    }
}
