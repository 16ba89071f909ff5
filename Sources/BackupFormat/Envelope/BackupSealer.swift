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
        let headerLength = EnvelopeLayout.fixedHeaderLength + appVersion.count + 1
            + keySlots.reduce(0) { $0 + 3 + Self.bodyLength(of: $1) }
        let plaintextStart = headerLength + EnvelopeLayout.payloadPreambleLength
        let overhead = plaintextStart + XChaCha20Poly1305.tagLength + EnvelopeLayout.checksumLength
        // Room for the payload: a bound computed from the lengths alone, or, when that bound
        // would pass the file limit, the exact length from a measuring pass (which refuses
        // what is over a limit before anything is allocated).
        var room = PayloadEncoding.maximumLength(payload)
        if overhead + room > BackupLimits.maximumFileSize {
            room = try PayloadEncoding.measure(payload)
            guard overhead + room <= BackupLimits.maximumFileSize else {
                throw .tooLarge(field: "file", limit: BackupLimits.maximumFileSize)
            }
        }

        // One buffer for the whole file. The payload is encoded first, where its ciphertext
        // goes (so every limit of it is checked before any key is drawn or derived), then the
        // header is written before it, and the payload is encrypted in place. The buffer
        // never reallocates, so no copy of the plaintext is left in memory it freed; if
        // anything fails meanwhile, it is zeroed.
        var file = RecordWriter(capacity: overhead + room)
        file.append([UInt8](repeating: 0, count: plaintextStart))
        do {
            try PayloadDecoding.checkUniqueIdentifiers(payload.accounts)
            try PayloadEncoding.encode(payload, into: &file)
            let plaintextLength = file.count - plaintextStart
            let ciphertextLength = plaintextLength + XChaCha20Poly1305.tagLength
            guard overhead + plaintextLength <= BackupLimits.maximumFileSize else {
                throw BackupFormatError.tooLarge(field: "file", limit: BackupLimits.maximumFileSize)
            }

            let dataKey = SecureBytes(count: KeyWrapping.keyLength) { random.fill($0) }
            let payloadNonce = random.bytes(XChaCha20Poly1305.nonceLength)
            var header = RecordWriter(capacity: headerLength)
            header.append(EnvelopeLayout.magic)
            header.append(uint16: BackupHeader.currentFormatVersion)
            header.append(uint16: BackupHeader.currentFormatVersion)
            header.append(uint32: UInt32(headerLength))
            header.append(int64: clock.now().millisecondsSince1970)
            header.append(uint64: metadata.generation)
            header.append(metadata.backupID.formatBytes)
            header.append(metadata.platform.formatCode)
            header.append(UInt8(appVersion.count))
            header.append(appVersion)
            header.append(UInt8(keySlots.count))
            for slot in keySlots {
                try writeSlot(slot, dataKey: dataKey, into: &header)
            }
            // The lengths above are the writer's: unreachable.
            guard header.count == headerLength else { throw BackupFormatError.damaged }
            var preamble = header.takeBytes()
            preamble.append(contentsOf: payloadNonce)
            withUnsafeBytes(of: UInt32(ciphertextLength).bigEndian) { preamble.append(contentsOf: $0) }

            file.append([UInt8](repeating: 0, count: XChaCha20Poly1305.tagLength))
            try file.withUnsafeMutableBytes { bytes in
                bytes.copyBytes(from: preamble)
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
            // cannot fail; anything else is the format's own error.
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
