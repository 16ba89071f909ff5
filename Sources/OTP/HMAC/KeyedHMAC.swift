import SodiumBridge
import Crypto

/// The HMAC of an 8-byte counter under one secret, reduced by RFC 4226 dynamic truncation.
///
/// Internal engine behind ``Generator``. Create it once per secret and reuse it for every
/// code: `init` does the HMAC key schedule (hashing an over-long key, absorbing the padded
/// key blocks) once, and ``truncatedValue(counter:)`` then costs one short hash for the
/// inner and one for the outer HMAC step, with no arrays or keys built per code.
struct KeyedHMAC: Sendable {
    /// Where the precomputed hash states live and which code hashes them. Both give the same
    /// MACs (the tests run every check on each); they differ in speed only.
    enum Implementation: Sendable, CaseIterable, CustomStringConvertible {
        #if canImport(CCryptoBoringSSL)
        /// Plain BoringSSL hash contexts, from the BoringSSL that swift-crypto builds on
        /// Linux, Android, Windows, WASI and OpenBSD (``ContextHMAC``): no heap work per code.
        case boringSSLContexts
        #endif
        /// swift-crypto's `Insecure.SHA1`, `SHA256` and `SHA512` (``PrecomputedHMAC``): on
        /// Apple platforms these are CryptoKit's; elsewhere each copied state allocates.
        case swiftCryptoHashes

        /// The fastest implementation this platform has.
        static var fastest: Implementation {
            #if canImport(CCryptoBoringSSL)
            return .boringSSLContexts
            #else
            return .swiftCryptoHashes
            #endif
        }

        var description: String {
            switch self {
            #if canImport(CCryptoBoringSSL)
            case .boringSSLContexts: return "BoringSSL contexts"
            #endif
            case .swiftCryptoHashes: return "swift-crypto hashes"
            }
        }
    }

    /// The hash function with its precomputed states, in one of the two implementations.
    private enum Engine: Sendable {
        #if canImport(CCryptoBoringSSL)
        case contextSHA1(ContextHMAC<BoringSSLSHA1>)
        case contextSHA256(ContextHMAC<BoringSSLSHA256>)
        case contextSHA512(ContextHMAC<BoringSSLSHA512>)
        #endif
        case hashSHA1(PrecomputedHMAC<Insecure.SHA1>)
        case hashSHA256(PrecomputedHMAC<SHA256>)
        case hashSHA512(PrecomputedHMAC<SHA512>)
    }

    private let engine: Engine
    /// Owns the precomputed states of a ``ContextHMAC`` engine (which only points into it);
    /// `nil` for ``PrecomputedHMAC``, whose swift-crypto states own themselves.
    private let stateStorage: SecretStateStorage?
    /// The HMAC hash.
    let algorithm: Algorithm

    /// Precomputes the HMAC states for `secret` (any length; longer than the hash's block is
    /// hashed first, as RFC 2104 says).
    init(secret: SecureBytes, algorithm: Algorithm, implementation: Implementation = .fastest) {
        self.algorithm = algorithm
        (engine, stateStorage) = secret.withUnsafeBytes { key -> (Engine, SecretStateStorage?) in
            switch (implementation, algorithm) {
            #if canImport(CCryptoBoringSSL)
            case (.boringSSLContexts, .sha1):
                let (hmac, storage) = ContextHMAC<BoringSSLSHA1>.make(key: key)
                return (.contextSHA1(hmac), storage)
            case (.boringSSLContexts, .sha256):
                let (hmac, storage) = ContextHMAC<BoringSSLSHA256>.make(key: key)
                return (.contextSHA256(hmac), storage)
            case (.boringSSLContexts, .sha512):
                let (hmac, storage) = ContextHMAC<BoringSSLSHA512>.make(key: key)
                return (.contextSHA512(hmac), storage)
            #endif
            case (.swiftCryptoHashes, .sha1): return (.hashSHA1(PrecomputedHMAC(key: key)), nil)
            case (.swiftCryptoHashes, .sha256): return (.hashSHA256(PrecomputedHMAC(key: key)), nil)
            case (.swiftCryptoHashes, .sha512): return (.hashSHA512(PrecomputedHMAC(key: key)), nil)
            }
        }
    }

    /// RFC 4226 section 5.3: HMAC(K, counter as 8 big-endian bytes), then the 31-bit value at
    /// the offset named by the low nibble of the last byte.
    func truncatedValue(counter: UInt64) -> UInt32 {
        withUnsafeBytes(of: counter.bigEndian) { message in
            withAuthenticationCode(for: message) { DynamicTruncation.value(of: $0) }
        }
    }

    /// The full HMAC of `message` (20, 32 or 64 bytes). For tests and diagnostics; the code
    /// path is ``truncatedValue(counter:)``, which never builds an array.
    func authenticationCode(for message: [UInt8]) -> [UInt8] {
        message.withUnsafeBytes { bytes in withAuthenticationCode(for: bytes) { Array($0) } }
    }

    /// Calls `body` with the HMAC of `message`, which is zeroed after `body` returns.
    @inline(__always)
    private func withAuthenticationCode<Result>(
        for message: UnsafeRawBufferPointer,
        _ body: (UnsafeRawBufferPointer) -> Result
    ) -> Result {
        switch engine {
        #if canImport(CCryptoBoringSSL)
        case let .contextSHA1(hmac): return hmac.withAuthenticationCode(for: message, body)
        case let .contextSHA256(hmac): return hmac.withAuthenticationCode(for: message, body)
        case let .contextSHA512(hmac): return hmac.withAuthenticationCode(for: message, body)
        #endif
        case let .hashSHA1(hmac): return hmac.withAuthenticationCode(for: message, body)
        case let .hashSHA256(hmac): return hmac.withAuthenticationCode(for: message, body)
        case let .hashSHA512(hmac): return hmac.withAuthenticationCode(for: message, body)
        }
    }
}

/// RFC 4226 section 5.3 dynamic truncation.
enum DynamicTruncation {
    /// The 31-bit big-endian value at the offset named by the low nibble of the MAC's last
    /// byte. `mac` must be at least 20 bytes (every SHA-1/256/512 HMAC is).
    @inline(__always)
    static func value(of mac: UnsafeRawBufferPointer) -> UInt32 {
        let offset = Int(mac[mac.count - 1] & 0x0f)
        return (UInt32(mac[offset] & 0x7f) << 24)
            | (UInt32(mac[offset + 1]) << 16)
            | (UInt32(mac[offset + 2]) << 8)
            | UInt32(mac[offset + 3])
    }
}
