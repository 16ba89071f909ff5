import ArgumentParser
import AuthenticatorKit

/// The code parameters every command that takes a secret accepts: `--algorithm`,
/// `--digits`, `--period` and `--counter`, spelled and parsed the same everywhere.
struct ParameterOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The HMAC hash: sha1 (default), sha256 or sha512, in any case.", valueName: "A"))
    var algorithm: String?

    @Option(help: ArgumentHelp("Digits in a code, 6 to 10 (default 6; not for Steam).", valueName: "N"))
    var digits: Int?

    @Option(help: ArgumentHelp("Period in seconds (default 30; not for HOTP).", valueName: "S"))
    var period: Int64?

    @Option(help: ArgumentHelp("HOTP counter (HOTP only).", valueName: "C"))
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
