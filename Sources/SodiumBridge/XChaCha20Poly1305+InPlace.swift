internal import CSodium

extension XChaCha20Poly1305 {
    /// Encrypts a message where it lies: `buffer` holds the plaintext followed by
    /// ``tagLength`` bytes of room, and afterwards the ciphertext followed by the tag — the
    /// same bytes ``seal(_:key:nonce:associatedData:)`` returns, with no second buffer and no
    /// copy of the plaintext left behind. `associatedData` must not overlap `buffer`.
    package static func sealInPlace(
        _ buffer: UnsafeMutableRawBufferPointer, key: SecureBytes, nonce: [UInt8], associatedData: UnsafeRawBufferPointer
    ) throws(SodiumError) {
        Sodium.ensureInitialized()
        guard key.count == keyLength else {
            throw .invalidLength(what: "XChaCha20-Poly1305 key", expected: keyLength, actual: key.count)
        }
        guard nonce.count == nonceLength else {
            throw .invalidLength(what: "XChaCha20-Poly1305 nonce", expected: nonceLength, actual: nonce.count)
        }
        guard buffer.count >= tagLength, let base = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
            throw .invalidLength(what: "XChaCha20-Poly1305 buffer", expected: tagLength, actual: buffer.count)
        }
        let associated = associatedData.baseAddress?.assumingMemoryBound(to: UInt8.self)
        var outLength: UInt64 = 0
        key.withBytePointer { k in
            // libsodium encrypts in place when the ciphertext and the message are the same
            // pointer (the stream is XORed over the message, then the MAC taken over the result).
            _ = crypto_aead_xchacha20poly1305_ietf_encrypt(
                base, &outLength, base, UInt64(buffer.count - tagLength),
                associated, UInt64(associatedData.count), nil, nonce, k
            )
        }
    }
}
