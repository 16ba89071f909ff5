import SodiumBridge

/// How each kind of key slot turns its secret into a key-encryption key, and how the data
/// key is wrapped under it. The byte-level rules are in `Documentation/BackupFormat.md`.
enum KeyWrapping {
    /// Length of keys: data key, escrow key, every key-encryption key (32 bytes).
    static let keyLength = XChaCha20Poly1305.keyLength
    /// Length of a slot salt (16 bytes; the Argon2id salt length).
    static let saltLength = 16
    /// Length of a wrapped data key: 32 bytes of ciphertext and a 16-byte tag.
    static let wrappedKeyLength = keyLength + XChaCha20Poly1305.tagLength
    /// BLAKE2b input prefix for the recovery-code key-encryption key.
    static let recoveryCodeKeyLabel: [UInt8] = Array("AuthenticatorKit backup v1 recovery-code key".utf8)

    /// Argon2id(password, salt, parameters) → 32 bytes. The caller has checked the bounds.
    static func keyEncryptionKey(
        password: SecureBytes, salt: [UInt8], parameters: PasswordHashingCost
    ) throws(BackupFormatError) -> SecureBytes {
        do {
            return try Argon2id.deriveKey(
                password: password, salt: salt, outputLength: keyLength,
                operations: UInt64(parameters.operations), memoryBytes: UInt64(parameters.memoryKiB) * 1024
            )
        } catch {
            throw .keyDerivationFailed
        }
    }

    /// BLAKE2b-256 keyed with the code's 16 entropy bytes (which never leave secure memory),
    /// over label ‖ salt.
    ///
    /// - Throws: ``BackupFormatError/keyDerivationFailed`` if BLAKE2b refuses the key, which
    ///   cannot happen: a ``RecoveryCode`` always holds 16 bytes, a valid BLAKE2b key length.
    static func keyEncryptionKey(recoveryCode: RecoveryCode, salt: [UInt8]) throws(BackupFormatError) -> SecureBytes {
        var output: [UInt8]
        do {
            output = try Hash.blake2b(recoveryCodeKeyLabel + salt, secretKey: recoveryCode.entropy, outputLength: keyLength)
        } catch {
            throw .keyDerivationFailed
        }
        defer { ConstantTime.zero(&output) }
        return output.withUnsafeBytes { SecureBytes(copyingBuffer: $0) }
    }

    /// XChaCha20-Poly1305 of the data key under `keyEncryptionKey`.
    static func wrap(
        _ dataKey: SecureBytes, under keyEncryptionKey: SecureBytes, nonce: [UInt8], associatedData: [UInt8]
    ) throws(BackupFormatError) -> [UInt8] {
        var plaintext = dataKey.copyBytes()
        defer { ConstantTime.zero(&plaintext) }
        do {
            return try XChaCha20Poly1305.seal(plaintext, key: keyEncryptionKey, nonce: nonce, associatedData: associatedData)
        } catch {
            // Only a key of the wrong length can fail here, and only an escrow key can be one.
            throw .invalidEscrowKey(length: keyEncryptionKey.count)
        }
    }

    /// The data key, or `nil` when the wrapped key does not authenticate under
    /// `keyEncryptionKey` (a wrong key, or a damaged slot).
    static func unwrap(
        _ wrappedKey: [UInt8], under keyEncryptionKey: SecureBytes, nonce: [UInt8], associatedData: [UInt8]
    ) -> SecureBytes? {
        guard let dataKey = try? XChaCha20Poly1305.open(
            wrappedKey, key: keyEncryptionKey, nonce: nonce, associatedData: associatedData
        ), dataKey.count == keyLength else { return nil }
        return dataKey
    }
}
