/// Why a libsodium operation failed, converted right where the C call is made.
public enum SodiumError: ReportableError, Equatable, Hashable {
    /// A key, nonce, salt or other fixed-size input had the wrong length.
    case invalidLength(what: String, expected: Int, actual: Int)
    /// The ciphertext did not authenticate: wrong key, wrong associated data, or damage.
    case authenticationFailed
    /// Argon2id parameters outside libsodium's own limits.
    case invalidKeyDerivationParameters
    /// Argon2id could not get the memory it was asked for.
    case outOfMemory
    /// A signature did not verify.
    case invalidSignature

    /// What went wrong, without secret material.
    public var message: String {
        switch self {
        case let .invalidLength(what, expected, actual):
            return "\(what) must be \(expected) bytes, got \(actual)"
        case .authenticationFailed:
            return "authentication failed: wrong key or damaged data"
        case .invalidKeyDerivationParameters:
            return "Argon2id parameters are outside libsodium's limits"
        case .outOfMemory:
            return "Argon2id could not allocate the memory it needs"
        case .invalidSignature:
            return "the signature does not verify"
        }
    }
}

extension SodiumError {
    /// The case name scripts match, e.g. `invalidLength`: a constant that stays the same whatever
    /// the compiler keeps of the type's metadata.
    public var caseName: String {
        switch self {
        case .invalidLength: return "invalidLength"
        case .authenticationFailed: return "authenticationFailed"
        case .invalidKeyDerivationParameters: return "invalidKeyDerivationParameters"
        case .outOfMemory: return "outOfMemory"
        case .invalidSignature: return "invalidSignature"
        }
    }
}
