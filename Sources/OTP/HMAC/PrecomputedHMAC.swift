import SodiumBridge
import Crypto

/// HMAC (RFC 2104) of one key, built from swift-crypto's hash functions with the key schedule
/// done once.
///
/// HMAC(K, m) = H((K' ⊕ opad) ‖ H((K' ⊕ ipad) ‖ m)), where K' is the key, or its hash when
/// the key is longer than the hash's block, padded with zeros to one block. The two padded
/// blocks are each exactly one block long, so hashing them leaves a hash state that depends
/// on the key only. This type absorbs them once, in `init`, and keeps the two states; every
/// MAC then copies them, which saves two of the four compression-function calls per short
/// message and all the per-call key handling of `HMAC<H>`.
///
/// No hashing is done here: every byte goes through swift-crypto's `H.update` and
/// `H.finalize`. The two states are secret (they are equivalent to the key). swift-crypto
/// keeps each in a heap context that it zeroes when released; the padded key blocks built in
/// `init` are zeroed (``HMACKeySchedule``) before `init` returns.
///
/// Used where swift-crypto does not build BoringSSL (Apple platforms, where these hash types
/// are CryptoKit's); elsewhere ``ContextHMAC`` does the same with plain BoringSSL contexts
/// and no heap work per code. ``KeyedHMAC/Implementation`` names both.
struct PrecomputedHMAC<H: HashFunction>: Sendable {
    /// The hash state after absorbing `K' ⊕ ipad`.
    private let innerState: H
    /// The hash state after absorbing `K' ⊕ opad`.
    private let outerState: H

    /// Precomputes the inner and outer states for `key` (any length, including empty).
    init(key: UnsafeRawBufferPointer) {
        var inner = H()
        var outer = H()
        HMACKeySchedule.absorbPaddedKey(
            key,
            blockByteCount: H.blockByteCount,
            hashLongKey: { longKey, block in
                var keyHasher = H()
                keyHasher.update(bufferPointer: longKey)
                var hashedKey = keyHasher.finalize()
                hashedKey.withUnsafeBytes { digest in
                    UnsafeMutableRawBufferPointer(rebasing: block[0..<digest.count]).copyMemory(from: digest)
                }
                withUnsafeMutableBytes(of: &hashedKey) { ConstantTime.zero($0) }
            },
            absorbInner: { inner.update(bufferPointer: $0) },
            absorbOuter: { outer.update(bufferPointer: $0) }
        )
        self.innerState = inner
        self.outerState = outer
    }

    /// Calls `body` with the full HMAC of `message`; the MAC is zeroed after `body` returns.
    ///
    /// This is the per-code path: no array, no `SymmetricKey`, no key handling. The only heap
    /// work is inside swift-crypto, which gives each of the two copied states its own context
    /// when it is first updated (copy-on-write).
    @inline(__always)
    func withAuthenticationCode<Result>(
        for message: UnsafeRawBufferPointer,
        _ body: (UnsafeRawBufferPointer) -> Result
    ) -> Result {
        var inner = innerState
        inner.update(bufferPointer: message)
        var innerDigest = inner.finalize()
        var outer = outerState
        innerDigest.withUnsafeBytes { outer.update(bufferPointer: $0) }
        var code = outer.finalize()
        let result = code.withUnsafeBytes(body)
        withUnsafeMutableBytes(of: &innerDigest) { ConstantTime.zero($0) }
        withUnsafeMutableBytes(of: &code) { ConstantTime.zero($0) }
        return result
    }
}
