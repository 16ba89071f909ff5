import SodiumBridge

/// A backup file whose structure and checksum have been checked, ready to open with a key.
///
/// ```swift
/// let backup = try SealedBackup(bytes: downloaded)
/// print(backup.header.generation)              // no key needed
/// let payload = try backup.open(using: .escrowKey(key))
/// ```
/// Nothing is returned unless the whole file authenticates: the header as the payload's
/// associated data, the payload under the data key, the data key under the slot's key.
public struct SealedBackup: Sendable {
    /// The file.
    public let bytes: [UInt8]
    /// Its header, readable without a key.
    public let header: BackupHeader
    private let payloadNonce: [UInt8]
    private let ciphertextRange: Range<Int>

    /// Checks a file without any key: size, magic, version, checksum, then the structure of
    /// the header and payload section. Work is bounded by ``BackupLimits`` before it starts.
    /// - Throws: ``BackupFormatError/tooLarge(field:limit:)`` (over 16 MiB),
    ///   ``BackupFormatError/notABackup``, ``BackupFormatError/unsupportedVersion(minimumReader:)``,
    ///   ``BackupFormatError/damaged`` (truncated, corrupted, malformed).
    public init(bytes: [UInt8]) throws(BackupFormatError) {
        guard bytes.count <= BackupLimits.maximumFileSize else {
            throw .tooLarge(field: "file", limit: BackupLimits.maximumFileSize)
        }
        try EnvelopeLayout.checkPrefix(bytes)
        guard bytes.count >= EnvelopeLayout.prefixLength + EnvelopeLayout.checksumLength else { throw .damaged }
        // The checksum first, so that accidental damage anywhere is reported as damage
        // (and not as a wrong password, or a limit), before any key work.
        let checksumStart = bytes.count - EnvelopeLayout.checksumLength
        let expected = EnvelopeLayout.checksum(bytes[0..<checksumStart])
        guard ConstantTime.equals(expected, bytes[checksumStart...]) else { throw .damaged }

        let header = try BackupHeader(parsing: bytes)
        var offset = header.byteCount
        guard checksumStart - offset >= EnvelopeLayout.payloadPreambleLength else { throw .damaged }
        let nonce = Array(bytes[offset..<(offset + XChaCha20Poly1305.nonceLength)])
        offset += XChaCha20Poly1305.nonceLength
        var length = 0
        for byte in bytes[offset..<(offset + 4)] { length = length << 8 | Int(byte) }
        offset += 4
        // The ciphertext fills exactly the space up to the checksum.
        guard length >= XChaCha20Poly1305.tagLength, length == checksumStart - offset else { throw .damaged }
        self.bytes = bytes
        self.header = header
        self.payloadNonce = nonce
        self.ciphertextRange = offset..<(offset + length)
    }

    /// The payload, if `key` opens one of the file's slots and the whole file authenticates.
    ///
    /// Only slots of the key's kind are tried (unknown slot types are skipped). A password
    /// slot's Argon2id parameters are checked against the bounds before deriving.
    /// - Throws: ``BackupFormatError/noMatchingKeySlot``, ``BackupFormatError/invalidEscrowKey(length:)``,
    ///   ``BackupFormatError/wrongEscrowKey``, ``BackupFormatError/wrongPassword``,
    ///   ``BackupFormatError/wrongRecoveryCode``, ``BackupFormatError/parametersOutOfBounds(operations:memoryKiB:)``,
    ///   ``BackupFormatError/keyDerivationFailed``, ``BackupFormatError/damaged``,
    ///   ``BackupFormatError/tooLarge(field:limit:)``.
    public func open(using key: BackupKey) throws(BackupFormatError) -> BackupPayload {
        let dataKey = try unwrapDataKey(with: key)
        let plaintext: SecureBytes
        do {
            // Slices of the file, not copies: the ciphertext is most of it.
            plaintext = try XChaCha20Poly1305.open(
                bytes[ciphertextRange], key: dataKey, nonce: payloadNonce,
                associatedData: bytes[0..<header.byteCount]
            )
        } catch {
            throw .damaged
        }
        return try PayloadDecoding.decode(plaintext)
    }

    private func unwrapDataKey(with key: BackupKey) throws(BackupFormatError) -> SecureBytes {
        switch key {
        case let .escrowKey(escrowKey):
            guard escrowKey.count == KeyWrapping.keyLength else { throw .invalidEscrowKey(length: escrowKey.count) }
            let slot = try slot(ofType: EnvelopeLayout.SlotType.escrowKey)
            return try unwrap(slot, under: escrowKey, orThrow: .wrongEscrowKey)
        case let .password(password):
            let slot = try slot(ofType: EnvelopeLayout.SlotType.password)
            guard case let .password(parameters) = slot.summary else { throw .damaged }
            try parameters.checkBounds()
            let keyEncryptionKey = try KeyWrapping.keyEncryptionKey(password: password, salt: slot.salt, parameters: parameters)
            return try unwrap(slot, under: keyEncryptionKey, orThrow: .wrongPassword)
        case let .recoveryCode(code):
            let slot = try slot(ofType: EnvelopeLayout.SlotType.recoveryCode)
            let keyEncryptionKey = try KeyWrapping.keyEncryptionKey(recoveryCode: code, salt: slot.salt)
            return try unwrap(slot, under: keyEncryptionKey, orThrow: .wrongRecoveryCode)
        }
    }

    /// The file's slot of `type` (at most one; the header parser refuses duplicates).
    private func slot(ofType type: UInt8) throws(BackupFormatError) -> ParsedKeySlot {
        guard let slot = header.slots.first(where: { $0.type == type }) else { throw .noMatchingKeySlot }
        return slot
    }

    private func unwrap(_ slot: ParsedKeySlot, under keyEncryptionKey: SecureBytes, orThrow error: BackupFormatError) throws(BackupFormatError) -> SecureBytes {
        guard let dataKey = KeyWrapping.unwrap(
            slot.wrappedKey, under: keyEncryptionKey, nonce: slot.nonce,
            associatedData: slot.associatedData
        ) else { throw error }
        return dataKey
    }
}
