#if canImport(CCryptoBoringSSL)
// swift-crypto builds BoringSSL as its `CCryptoBoringSSL` module on Linux, Android, Windows,
// WASI and OpenBSD, and its `Crypto` product links it. Its plain C hash contexts let an HMAC
// state be copied like any struct, with no heap allocation; swift-crypto's own hash types
// wrap the same functions in a heap object per state. See ``ContextHMAC``.
internal import CCryptoBoringSSL

/// A BoringSSL hash context — a plain C struct (`SHA_CTX`, `SHA256_CTX`, `SHA512_CTX`), so
/// the conforming wrapper is copied by value — and the three calls that drive it.
///
/// Nothing is hashed here: each method is one call of BoringSSL's `SHA*_Init`, `SHA*_Update`
/// or `SHA*_Final`, as shipped inside swift-crypto.
///
/// Conforming types hold the C struct and nothing else, so copying one copies the hash state
/// and zeroing its bytes erases it.
protocol BoringSSLDigest {
    /// The hash's block size in bytes (64 for SHA-1 and SHA-256, 128 for SHA-512).
    static var blockByteCount: Int { get }
    /// The digest size in bytes (20, 32 or 64).
    static var digestByteCount: Int { get }
    /// A context ready for input (`SHA*_Init`).
    static func started() -> Self
    /// Absorbs `bytes` (`SHA*_Update`).
    mutating func absorb(_ bytes: UnsafeRawBufferPointer)
    /// Pads, writes the digest to the front of `digest` (at least ``digestByteCount`` bytes)
    /// and leaves the context unusable (`SHA*_Final`).
    mutating func finish(into digest: UnsafeMutableRawBufferPointer)
}

/// BoringSSL's SHA-1 context (`SHA_CTX`).
struct BoringSSLSHA1: BoringSSLDigest {
    private var context = SHA_CTX()

    static var blockByteCount: Int { 64 }
    static var digestByteCount: Int { Int(SHA_DIGEST_LENGTH) }

    static func started() -> BoringSSLSHA1 {
        var digest = BoringSSLSHA1()
        CCryptoBoringSSL_SHA1_Init(&digest.context)
        return digest
    }

    mutating func absorb(_ bytes: UnsafeRawBufferPointer) {
        CCryptoBoringSSL_SHA1_Update(&context, bytes.baseAddress, bytes.count)
    }

    mutating func finish(into digest: UnsafeMutableRawBufferPointer) {
        CCryptoBoringSSL_SHA1_Final(digest.baseAddress?.assumingMemoryBound(to: UInt8.self), &context)
    }
}

/// BoringSSL's SHA-256 context (`SHA256_CTX`).
struct BoringSSLSHA256: BoringSSLDigest {
    private var context = SHA256_CTX()

    static var blockByteCount: Int { 64 }
    static var digestByteCount: Int { Int(SHA256_DIGEST_LENGTH) }

    static func started() -> BoringSSLSHA256 {
        var digest = BoringSSLSHA256()
        CCryptoBoringSSL_SHA256_Init(&digest.context)
        return digest
    }

    mutating func absorb(_ bytes: UnsafeRawBufferPointer) {
        CCryptoBoringSSL_SHA256_Update(&context, bytes.baseAddress, bytes.count)
    }

    mutating func finish(into digest: UnsafeMutableRawBufferPointer) {
        CCryptoBoringSSL_SHA256_Final(digest.baseAddress?.assumingMemoryBound(to: UInt8.self), &context)
    }
}

/// BoringSSL's SHA-512 context (`SHA512_CTX`).
struct BoringSSLSHA512: BoringSSLDigest {
    private var context = SHA512_CTX()

    static var blockByteCount: Int { 128 }
    static var digestByteCount: Int { Int(SHA512_DIGEST_LENGTH) }

    static func started() -> BoringSSLSHA512 {
        var digest = BoringSSLSHA512()
        CCryptoBoringSSL_SHA512_Init(&digest.context)
        return digest
    }

    mutating func absorb(_ bytes: UnsafeRawBufferPointer) {
        CCryptoBoringSSL_SHA512_Update(&context, bytes.baseAddress, bytes.count)
    }

    mutating func finish(into digest: UnsafeMutableRawBufferPointer) {
        CCryptoBoringSSL_SHA512_Final(digest.baseAddress?.assumingMemoryBound(to: UInt8.self), &context)
    }
}
#endif
