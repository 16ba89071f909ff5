import SodiumBridge

/// The RFC 2104 key schedule, shared by both HMAC engines (``PrecomputedHMAC`` and
/// ``ContextHMAC``): the key K', padded to one block and XORed with `ipad` and `opad`.
enum HMACKeySchedule {
    /// Calls `absorbInner` with K' ⊕ ipad, then `absorbOuter` with K' ⊕ opad, from one
    /// block-sized buffer that is zeroed before this returns.
    ///
    /// K' is `key` padded with zeros to `blockByteCount`, or, when `key` is longer than a
    /// block, its hash (RFC 2104 section 2), which `hashLongKey` writes to the front of the
    /// buffer it is given.
    static func absorbPaddedKey(
        _ key: UnsafeRawBufferPointer,
        blockByteCount: Int,
        hashLongKey: (_ key: UnsafeRawBufferPointer, _ digest: UnsafeMutableRawBufferPointer) -> Void,
        absorbInner: (UnsafeRawBufferPointer) -> Void,
        absorbOuter: (UnsafeRawBufferPointer) -> Void
    ) {
        withUnsafeTemporaryAllocation(byteCount: blockByteCount, alignment: 16) { block in
            defer { ConstantTime.zero(block) }
            block.initializeMemory(as: UInt8.self, repeating: 0)
            if key.count > blockByteCount {
                hashLongKey(key, block)
            } else if !key.isEmpty {
                UnsafeMutableRawBufferPointer(rebasing: block[0..<key.count]).copyMemory(from: key)
            }
            for index in 0..<blockByteCount { block[index] ^= 0x36 }
            absorbInner(UnsafeRawBufferPointer(block))
            // (K' ⊕ ipad) ⊕ (ipad ⊕ opad) = K' ⊕ opad.
            for index in 0..<blockByteCount { block[index] ^= 0x36 ^ 0x5c }
            absorbOuter(UnsafeRawBufferPointer(block))
        }
    }
}
