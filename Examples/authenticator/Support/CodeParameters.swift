import ArgumentParser
import AuthenticatorKit

/// The values of `--algorithm`, `--digits`, `--period` and `--counter`.
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
