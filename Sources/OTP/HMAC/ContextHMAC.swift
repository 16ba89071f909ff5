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
/// The two precomputed contexts are secret (each is equivalent to the key). They live in
/// one heap allocation owned by ``Storage``, written once in `init` and zeroed with
/// `sodium_memzero` when the last copy of this value is released; the per-code copies on
/// the stack and the MAC are zeroed before ``withAuthenticationCode(for:_:)`` returns.
struct ContextHMAC<Digest: BoringSSLDigest>: Sendable {
    private let storage: Storage

    /// Precomputes the inner and outer contexts for `key` (any length, including empty).
    init(key: UnsafeRawBufferPointer) {
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
        storage = Storage(inner: inner, outer: outer)
        withUnsafeMutableBytes(of: &inner) { ConstantTime.zero($0) }
        withUnsafeMutableBytes(of: &outer) { ConstantTime.zero($0) }
    }

    /// Calls `body` with the full HMAC of `message`; the MAC and the contexts it was computed
    /// in are zeroed after `body` returns.
    @inline(__always)
    func withAuthenticationCode<Result>(
        for message: UnsafeRawBufferPointer,
        _ body: (UnsafeRawBufferPointer) -> Result
    ) -> Result {
        var scratch = Scratch(inner: storage.inner, outer: storage.outer)
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

    /// The owner of the two precomputed contexts: immutable after `init`, zeroed in `deinit`.
    private final class Storage: @unchecked Sendable {
        // `@unchecked`: the pointee is written once, in `init`, before the object is shared,
        // and only read afterwards.
        private let contexts: UnsafeMutablePointer<Digest>

        init(inner: Digest, outer: Digest) {
            contexts = .allocate(capacity: 2)
            contexts.initialize(to: inner)
            (contexts + 1).initialize(to: outer)
        }

        /// The context after absorbing `K' ⊕ ipad`.
        var inner: Digest { contexts.pointee }
        /// The context after absorbing `K' ⊕ opad`.
        var outer: Digest { contexts[1] }

        deinit {
            ConstantTime.zero(UnsafeMutableRawBufferPointer(start: contexts, count: 2 * MemoryLayout<Digest>.stride))
            contexts.deallocate()
        }
    }
}
#endif
