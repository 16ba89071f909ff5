import Crypto

/// The HMAC of an 8-byte counter under one secret, reduced by RFC 4226 dynamic truncation.
///
/// Internal engine behind ``Generator``. Create it once per secret and reuse it for every
/// code: `init` does the HMAC key schedule (hashing an over-long key, absorbing the padded
/// key blocks) once, and ``truncatedValue(counter:)`` then costs one short hash for the
/// inner and one for the outer HMAC step, with no arrays or keys built per code.
struct KeyedHMAC: Sendable {
    /// The hash function with its precomputed states.
    private enum Engine: Sendable {
        case sha1(PrecomputedHMAC<Insecure.SHA1>)
        case sha256(PrecomputedHMAC<SHA256>)
        case sha512(PrecomputedHMAC<SHA512>)
    }

    private let engine: Engine
    /// The HMAC hash.
    let algorithm: Algorithm

    /// Precomputes the HMAC states for `secret` (any length; longer than the hash's block is
    /// hashed first, as RFC 2104 says).
    init(secret: SecureBytes, algorithm: Algorithm) {
        self.algorithm = algorithm
        self.engine = secret.withUnsafeBytes { key in
            switch algorithm {
            case .sha1: return .sha1(PrecomputedHMAC(key: key))
            case .sha256: return .sha256(PrecomputedHMAC(key: key))
            case .sha512: return .sha512(PrecomputedHMAC(key: key))
            }
        }
    }

    /// RFC 4226 section 5.3: HMAC(K, counter as 8 big-endian bytes), then the 31-bit value at
    /// the offset named by the low nibble of the last byte.
    func truncatedValue(counter: UInt64) -> UInt32 {
        switch engine {
        case let .sha1(hmac): return hmac.truncatedValue(counter: counter)
        case let .sha256(hmac): return hmac.truncatedValue(counter: counter)
        case let .sha512(hmac): return hmac.truncatedValue(counter: counter)
        }
    }

    /// The full HMAC of `message` (20, 32 or 64 bytes). For tests and diagnostics; the code
    /// path is ``truncatedValue(counter:)``, which never builds an array.
    func authenticationCode(for message: [UInt8]) -> [UInt8] {
        message.withUnsafeBytes { bytes in
            switch engine {
            case let .sha1(hmac): return hmac.withAuthenticationCode(for: bytes) { Array($0) }
            case let .sha256(hmac): return hmac.withAuthenticationCode(for: bytes) { Array($0) }
            case let .sha512(hmac): return hmac.withAuthenticationCode(for: bytes) { Array($0) }
            }
        }
    }
}
