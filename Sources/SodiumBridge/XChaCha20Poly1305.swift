internal import CSodium

/// XChaCha20-Poly1305 (IETF) authenticated encryption with associated data
/// (`crypto_aead_xchacha20poly1305_ietf_*`).
///
/// The 24-byte nonce is large enough to be chosen at random for every message.
package enum XChaCha20Poly1305 {
    /// Key length: 32 bytes.
    package static let keyLength = Int(crypto_aead_xchacha20poly1305_ietf_KEYBYTES)
    /// Nonce length: 24 bytes.
    package static let nonceLength = Int(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES)
    /// Authentication tag length: 16 bytes, appended to the ciphertext.
    package static let tagLength = Int(crypto_aead_xchacha20poly1305_ietf_ABYTES)

    /// Encrypts `plaintext` and authenticates it together with `associatedData`.
    /// - Returns: ciphertext followed by the 16-byte tag.
    package static func seal(
        _ plaintext: [UInt8], key: SecureBytes, nonce: [UInt8], associatedData: [UInt8] = []
    ) throws(SodiumError) -> [UInt8] {
        Sodium.ensureInitialized()
        try check(key: key, nonce: nonce)
        var out = [UInt8](repeating: 0, count: plaintext.count + tagLength)
        var outLength: UInt64 = 0
        key.withBytePointer { k in
            _ = crypto_aead_xchacha20poly1305_ietf_encrypt(
                &out, &outLength,
                plaintext, UInt64(plaintext.count),
                associatedData, UInt64(associatedData.count),
                nil, nonce, k
            )
        }
        return out
    }

    /// Decrypts `ciphertext` (with its tag) into secure memory, or throws
    /// ``SodiumError/authenticationFailed`` if the key, nonce, associated data or any byte is
    /// wrong. Nothing is returned unless the whole message authenticates.
    package static func open(
        _ ciphertext: [UInt8], key: SecureBytes, nonce: [UInt8], associatedData: [UInt8] = []
    ) throws(SodiumError) -> SecureBytes {
        try open(ciphertext[...], key: key, nonce: nonce, associatedData: associatedData[...])
    }

    /// ``open(_:key:nonce:associatedData:)`` of parts of arrays (e.g. of a whole file),
    /// without copying them out.
    package static func open(
        _ ciphertext: ArraySlice<UInt8>, key: SecureBytes, nonce: [UInt8], associatedData: ArraySlice<UInt8>
    ) throws(SodiumError) -> SecureBytes {
        Sodium.ensureInitialized()
        try check(key: key, nonce: nonce)
        guard ciphertext.count >= tagLength else { throw .authenticationFailed }
        var status: Int32 = -1
        let plaintext = SecureBytes(count: ciphertext.count - tagLength, writingWith: { out in
            var outLength: UInt64 = 0
            ciphertext.withUnsafeBufferPointer { c in
                // Never nil: the ciphertext holds at least the tag (checked above).
                guard let cipherBytes = c.baseAddress else { return }
                associatedData.withUnsafeBufferPointer { a in
                    key.withBytePointer { k in
                        status = crypto_aead_xchacha20poly1305_ietf_decrypt(
                            out, &outLength, nil,
                            cipherBytes, UInt64(c.count),
                            a.baseAddress, UInt64(a.count),
                            nonce, k
                        )
                    }
                }
            }
        })
        guard status == 0 else { throw .authenticationFailed }
        return plaintext
    }

    private static func check(key: SecureBytes, nonce: [UInt8]) throws(SodiumError) {
        guard key.count == keyLength else {
            throw .invalidLength(what: "XChaCha20-Poly1305 key", expected: keyLength, actual: key.count)
        }
        guard nonce.count == nonceLength else {
            throw .invalidLength(what: "XChaCha20-Poly1305 nonce", expected: nonceLength, actual: nonce.count)
        }
    }
}
