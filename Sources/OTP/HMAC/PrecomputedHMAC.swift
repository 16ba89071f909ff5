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
/// `init` are zeroed here before `init` returns.
struct PrecomputedHMAC<H: HashFunction>: Sendable {
    /// The hash state after absorbing `K' ⊕ ipad`.
    private let innerState: H
    /// The hash state after absorbing `K' ⊕ opad`.
    private let outerState: H

    /// Precomputes the inner and outer states for `key` (any length, including empty).
    init(key: UnsafeRawBufferPointer) {
        let blockCount = H.blockByteCount
        var inner = H()
        var outer = H()
        withUnsafeTemporaryAllocation(byteCount: blockCount, alignment: 16) { block in
            defer { ConstantTime.zero(block) }
            block.initializeMemory(as: UInt8.self, repeating: 0)
            if key.count > blockCount {
                // RFC 2104 section 2: keys longer than the block are hashed first.
                var keyHasher = H()
                keyHasher.update(bufferPointer: key)
                var hashedKey = keyHasher.finalize()
                hashedKey.withUnsafeBytes { digest in
                    UnsafeMutableRawBufferPointer(rebasing: block[0..<digest.count]).copyMemory(from: digest)
                }
                withUnsafeMutableBytes(of: &hashedKey) { ConstantTime.zero($0) }
            } else if !key.isEmpty {
                UnsafeMutableRawBufferPointer(rebasing: block[0..<key.count]).copyMemory(from: key)
            }
            for index in 0..<blockCount { block[index] ^= 0x36 }
            inner.update(bufferPointer: UnsafeRawBufferPointer(block))
            // (K' ⊕ ipad) ⊕ (ipad ⊕ opad) = K' ⊕ opad.
            for index in 0..<blockCount { block[index] ^= 0x36 ^ 0x5c }
            outer.update(bufferPointer: UnsafeRawBufferPointer(block))
        }
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

    /// RFC 4226 section 5.3: the HMAC of `counter` as 8 big-endian bytes, reduced by dynamic
    /// truncation to 31 bits.
    @inline(__always)
    func truncatedValue(counter: UInt64) -> UInt32 {
        withUnsafeBytes(of: counter.bigEndian) { message in
            withAuthenticationCode(for: message) { mac in
                DynamicTruncation.value(of: mac)
            }
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
