import ArgumentParser
import AuthenticatorKit

/// The options that say which codes to make: a token (see ``TokenOptions``) and the time.
/// Shared by `code` and `check`.
struct GeneratorOptions: ParsableArguments {
    @OptionGroup var token: TokenOptions

    @Option(help: ArgumentHelp("The Unix time to use instead of now (TOTP and Steam).", valueName: "UNIX"))
    var time: Int64?

    /// The URI given with `--uri`, if any.
    var uri: String? { token.uri }

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
