import SodiumBridge
#if canImport(CCryptoBoringSSL)
/// HMAC (RFC 2104) of one key from precomputed BoringSSL hash contexts, copied by value for
/// every code.
///
/// Same construction as ``PrecomputedHMAC`` — the contexts after absorbing `K' ⊕ ipad` and
/// `K' ⊕ opad` are kept, and each MAC continues copies of them — but the contexts are plain
/// C structs (``BoringSSLDigest``), so a code needs no heap allocation: swift-crypto's
/// `Insecure.SHA1`, `SHA256` and `SHA512` keep each state in a heap object that is
/// allocated, copied and zeroed whenever a copied state is first updated, which cost more
/// than the two hash computations themselves (Benchmarks/README.md).
///
/// The two precomputed contexts are secret (each is equivalent to the key). They live in a
/// ``SecretStateStorage`` written once, in ``make(key:)``, and zeroed when released. This
/// value is only a pointer into it, so that taking it out of ``KeyedHMAC``'s enum for a code
/// costs no reference counting; ``KeyedHMAC`` keeps the storage beside it. The per-code
/// copies on the stack and the MAC are zeroed before ``withAuthenticationCode(for:_:)``
/// returns.
struct ContextHMAC<Digest: BoringSSLDigest>: Sendable {
    /// The inner context, followed by the outer one. (`nonisolated(unsafe)`: the pointee is
    /// written once, before this value exists, and only read afterwards.)
    nonisolated(unsafe) private let contexts: UnsafePointer<Digest>

    /// Precomputes the inner and outer contexts for `key` (any length, including empty).
    ///
    /// - Returns: the HMAC and the storage that holds its contexts, which must outlive every
    ///   use of the HMAC.
    static func make(key: UnsafeRawBufferPointer) -> (hmac: ContextHMAC, storage: SecretStateStorage) {
        var inner = Digest.started()
        var outer = Digest.started()
        HMACKeySchedule.absorbPaddedKey(
            key,
            blockByteCount: Digest.blockByteCount,
            hashLongKey: { longKey, block in
                var keyHasher = Digest.started()
                keyHasher.absorb(longKey)
                keyHasher.finish(into: block)
                withUnsafeMutableBytes(of: &keyHasher) { ConstantTime.zero($0) }
            },
            absorbInner: { inner.absorb($0) },
            absorbOuter: { outer.absorb($0) }
        )
        let storage = SecretStateStorage(inner, outer)
        withUnsafeMutableBytes(of: &inner) { ConstantTime.zero($0) }
        withUnsafeMutableBytes(of: &outer) { ConstantTime.zero($0) }
        return (ContextHMAC(contexts: storage.states(as: Digest.self)), storage)
    }

    private init(contexts: UnsafePointer<Digest>) {
        self.contexts = contexts
    }

    /// Calls `body` with the full HMAC of `message`; the MAC and the contexts it was computed
    /// in are zeroed after `body` returns.
    @inline(__always)
    func withAuthenticationCode<Result>(
        for message: UnsafeRawBufferPointer,
        _ body: (UnsafeRawBufferPointer) -> Result
    ) -> Result {
        var scratch = Scratch(inner: contexts[0], outer: contexts[1])
        defer { withUnsafeMutableBytes(of: &scratch) { ConstantTime.zero($0) } }
        return withUnsafeMutableBytes(of: &scratch.digest) { digest in
            scratch.inner.absorb(message)
            scratch.inner.finish(into: digest)
            scratch.outer.absorb(UnsafeRawBufferPointer(rebasing: digest[0..<Digest.digestByteCount]))
            scratch.outer.finish(into: digest)
            return body(UnsafeRawBufferPointer(rebasing: digest[0..<Digest.digestByteCount]))
        }
    }

    /// The per-code working state, on the stack and zeroed in one call after use.
    private struct Scratch {
        var inner: Digest
        var outer: Digest
        /// Room for the largest digest (SHA-512's 64 bytes); the inner digest, then the MAC.
        var digest: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
    }
}
#endif
