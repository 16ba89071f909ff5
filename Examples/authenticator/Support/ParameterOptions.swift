import ArgumentParser
import AuthenticatorKit

/// The code parameters every command that takes a secret accepts: `--algorithm`,
/// `--digits`, `--period` and `--counter`, spelled and parsed the same everywhere.
struct ParameterOptions: ParsableArguments {
    @Option(help: OptionHelp.algorithm)
    var algorithm: String?

    @Option(help: OptionHelp.digits)
    var digits: Int?

    @Option(help: OptionHelp.period)
    var period: Int64?

    @Option(help: OptionHelp.counter)
    var counter: UInt64?

    /// The values given.
    var values: CodeParameters { CodeParameters(algorithm: algorithm, digits: digits, period: period, counter: counter) }

    /// The algorithm named by `--algorithm`, `sha1` when absent.
    ///
    /// - Throws: `OTPError.unknownAlgorithm` for any other name.
    func chosenAlgorithm() throws -> Algorithm { try values.chosenAlgorithm() }
}

/// The values of `--algorithm`, `--digits`, `--period` and `--counter` (see
/// ``ParameterOptions``).
struct CodeParameters {
    var algorithm: String?
    var digits: Int?
    var period: Int64?
    var counter: UInt64?

    /// The algorithm named by `--algorithm`, `sha1` when absent.
    ///
    /// - Throws: `OTPError.unknownAlgorithm` for any other name.
    func chosenAlgorithm() throws -> Algorithm {
        guard let algorithm else { return .sha1 }
        guard let named = Algorithm(name: algorithm) else { throw OTPError.unknownAlgorithm(algorithm) }
        return named
    }
}
