import AuthenticatorKit

extension Algorithm {
    /// The algorithm an `--algorithm` value names (any letter case), or `sha1` when the
    /// option was not given.
    ///
    /// - Throws: `OTPError.unknownAlgorithm` for any other name.
    static func option(_ name: String?) throws -> Algorithm {
        guard let name else { return .sha1 }
        guard let algorithm = Algorithm(name: name) else { throw OTPError.unknownAlgorithm(name) }
        return algorithm
    }
}
