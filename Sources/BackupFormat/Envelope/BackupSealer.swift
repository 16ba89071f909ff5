import OTP
import SodiumBridge
import Foundation

/// Seals a payload into a backup file: a random 256-bit data key encrypts the payload with
/// XChaCha20-Poly1305, the whole header is the associated data, and each key slot wraps the
/// data key.
///
/// Randomness and the clock are injected: production code uses the defaults; tests and
/// known-answer vectors pass `DeterministicRandom` and a fixed clock and get the same bytes
/// every time.
public struct BackupSealer: Sendable {
    private let random: any RandomSource
    private let clock: any TimeSource

    /// A sealer drawing keys, nonces and salts from `random` and the creation time from
    /// `clock`.
    public init(random: some RandomSource = SystemRandom(), clock: some TimeSource = SystemTimeSource()) {
        self.random = random
        self.clock = clock
    }

    /// The sealed backup of `payload`, openable with any of `keySlots`.
    ///
    /// Everything is checked before any key is drawn or derived: at least one slot and at
    /// most one of each kind, a 32-byte escrow key, a non-empty password, Argon2id
    /// parameters within bounds, unique account identifiers
    /// (``BackupFormatError/duplicateAccountIdentifier``), every token's parameters as
    /// `Generator` requires them, and every limit of ``BackupLimits``. The payload is
    /// encoded straight into the file's buffer and encrypted there in place, so no copy of
    /// the plaintext remains; if anything fails meanwhile, the buffer is zeroed.
    ///
    /// Randomness is drawn in this order (the known-answer vectors depend on it): the data
    /// key (32 bytes), the payload nonce (24), then for each slot in the order given its
    /// salt (16; password and recovery-code slots only) and its nonce (24).
    public func seal(_ payload: BackupPayload, metadata: BackupMetadata, keySlots: [KeySlot]) throws(BackupFormatError) -> [UInt8] {
        try Self.check(keySlots)
        let appVersion = Array(metadata.appVersion.utf8)
        guard appVersion.count <= BackupLimits.maximumAppVersionLength else {
            throw .tooLarge(field: "app version", limit: BackupLimits.maximumAppVersionLength)
        }
        let plaintextLength = try PayloadEncoding.measure(payload)
        let headerLength = EnvelopeLayout.fixedHeaderLength + appVersion.count + 1
            + keySlots.reduce(0) { $0 + 3 + Self.bodyLength(of: $1) }
        let ciphertextLength = plaintextLength + XChaCha20Poly1305.tagLength
        let fileLength = headerLength + EnvelopeLayout.payloadPreambleLength + ciphertextLength + EnvelopeLayout.checksumLength
        guard fileLength <= BackupLimits.maximumFileSize else {
            throw .tooLarge(field: "file", limit: BackupLimits.maximumFileSize)
        }

        let dataKey = SecureBytes(count: KeyWrapping.keyLength) { random.fill($0) }
        let payloadNonce = random.bytes(XChaCha20Poly1305.nonceLength)

        // One buffer of exactly the file's size: the header, then the payload encoded where
        // its ciphertext goes and encrypted there in place, then the checksum. It never
        // reallocates, so no copy of the plaintext is left in memory it freed.
        var file = RecordWriter(capacity: fileLength)
        file.append(EnvelopeLayout.magic)
        file.append(uint16: BackupHeader.currentFormatVersion)
        file.append(uint16: BackupHeader.currentFormatVersion)
        file.append(uint32: UInt32(headerLength))
        file.append(int64: clock.now().millisecondsSince1970)
        file.append(uint64: metadata.generation)
        file.append(metadata.backupID.formatBytes)
        file.append(metadata.platform.formatCode)
        file.append(UInt8(appVersion.count))
        file.append(appVersion)
        file.append(UInt8(keySlots.count))
        for slot in keySlots {
            try writeSlot(slot, dataKey: dataKey, into: &file)
        }
        guard file.count == headerLength else { throw .damaged }  // the lengths above are the writer's

        file.append(payloadNonce)
        file.append(uint32: UInt32(ciphertextLength))
        let plaintextStart = file.count
        do {
            try PayloadEncoding.encode(payload, into: &file)
            // `measure` wrote the same bytes: unreachable.
            guard file.count - plaintextStart == plaintextLength else { throw BackupFormatError.damaged }
            file.append([UInt8](repeating: 0, count: XChaCha20Poly1305.tagLength))
            try file.withUnsafeMutableBytes { bytes in
                try XChaCha20Poly1305.sealInPlace(
                    UnsafeMutableRawBufferPointer(rebasing: bytes[plaintextStart..<(plaintextStart + ciphertextLength)]),
                    key: dataKey, nonce: payloadNonce,
                    associatedData: UnsafeRawBufferPointer(rebasing: bytes[0..<headerLength]))
            }
        } catch {
            // Whatever was encoded must not outlive the failure.
            var partial = file.takeBytes()
            ConstantTime.zero(&partial)
            // The data key and nonce are drawn at the right lengths above, so encryption
            // cannot fail; an encoding failure is the format's own error.
            throw error as? BackupFormatError ?? .damaged
        }
        // The file so far, still in its one allocation (which has room for the checksum).
        var bytes = file.takeBytes()
        bytes.append(contentsOf: EnvelopeLayout.checksum(bytes[...]))
        return bytes
    }

    /// Refuses slot lists that cannot be sealed, before any work.
    private static func check(_ keySlots: [KeySlot]) throws(BackupFormatError) {
        guard !keySlots.isEmpty else { throw .noKeySlots }
        var types: Set<UInt8> = []
        for slot in keySlots {
            guard types.insert(type(of: slot)).inserted else { throw .duplicateKeySlot }
            switch slot {
            case let .escrowKey(key, keyID):
                guard key.count == KeyWrapping.keyLength else { throw .invalidEscrowKey(length: key.count) }
                guard keyID.utf8.count <= BackupLimits.maximumKeyIdentifierLength else {
                    throw .tooLarge(field: "key identifier", limit: BackupLimits.maximumKeyIdentifierLength)
                }
            case let .password(password, parameters):
                guard !password.isEmpty else { throw .emptyPassword }
                try parameters.checkBounds()
            case .recoveryCode:
                break
            }
        }
    }

    private static func type(of slot: KeySlot) -> UInt8 {
        switch slot {
        case .escrowKey: return EnvelopeLayout.SlotType.escrowKey
        case .password: return EnvelopeLayout.SlotType.password
        case .recoveryCode: return EnvelopeLayout.SlotType.recoveryCode
        }
    }

    /// The slot body's length: its parameters, nonce (24) and wrapped key (48).
    private static func bodyLength(of slot: KeySlot) -> Int {
        let wrapping = XChaCha20Poly1305.nonceLength + KeyWrapping.wrappedKeyLength
        switch slot {
        case let .escrowKey(_, keyID): return 1 + keyID.utf8.count + wrapping
        case .password: return 8 + KeyWrapping.saltLength + wrapping
        case .recoveryCode: return KeyWrapping.saltLength + wrapping
        }
    }

    /// Draws the slot's salt and nonce, derives its key-encryption key, wraps the data key
    /// and writes the slot.
    private func writeSlot(_ slot: KeySlot, dataKey: SecureBytes, into file: inout RecordWriter) throws(BackupFormatError) {
        let type = Self.type(of: slot)
        let parameters: [UInt8]
        let keyEncryptionKey: SecureBytes
        switch slot {
        case let .escrowKey(key, keyID):
            parameters = [UInt8(keyID.utf8.count)] + Array(keyID.utf8)
            keyEncryptionKey = key
        case let .password(password, cost):
            let salt = random.bytes(KeyWrapping.saltLength)
            var writer = FormatWriter(capacity: 8 + salt.count)
            writer.append(uint32: cost.operations)
            writer.append(uint32: cost.memoryKiB)
            writer.append(salt)
            parameters = writer.takeBytes()
            keyEncryptionKey = try KeyWrapping.keyEncryptionKey(password: password, salt: salt, parameters: cost)
        case let .recoveryCode(code):
            let salt = random.bytes(KeyWrapping.saltLength)
            parameters = salt
            keyEncryptionKey = try KeyWrapping.keyEncryptionKey(recoveryCode: code, salt: salt)
        }
        let nonce = random.bytes(XChaCha20Poly1305.nonceLength)
        let wrapped = try KeyWrapping.wrap(dataKey, under: keyEncryptionKey, nonce: nonce, associatedData: [type] + parameters)
        file.append(type)
        file.append(uint16: UInt16(parameters.count + nonce.count + wrapped.count))
        file.append(parameters)
        file.append(nonce)
        file.append(wrapped)
    }
}
