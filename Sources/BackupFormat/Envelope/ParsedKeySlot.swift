import SodiumBridge

/// A key slot as read from a header: its type, the bytes that go into its associated data,
/// and its nonce and wrapped key.
///
/// ```
/// slot = u8 type  u16 body-length  body
/// escrow key (1):    u8 id-length  id  nonce[24]  wrapped[48]
/// password (2):      u32 operations  u32 memory-KiB  salt[16]  nonce[24]  wrapped[48]
/// recovery code (3): salt[16]  nonce[24]  wrapped[48]
/// ```
/// A body longer than its type needs is allowed (a newer writer's fields; ignored). A slot
/// of an unknown type is kept only as ``KeySlotSummary/unknown(type:)``.
struct ParsedKeySlot: Sendable, Hashable {
    /// The type code.
    let type: UInt8
    /// The body bytes before the nonce (key identifier, KDF parameters and salt), which the
    /// slot's associated data includes.
    let parameters: [UInt8]
    /// The nonce that wrapped the data key (empty for unknown types).
    let nonce: [UInt8]
    /// The wrapped data key (empty for unknown types).
    let wrappedKey: [UInt8]
    /// What the header says about the slot.
    let summary: KeySlotSummary

    /// The salt of a password or recovery-code slot: the last 16 bytes of ``parameters``.
    var salt: [UInt8] { Array(parameters.suffix(KeyWrapping.saltLength)) }

    /// The slot's associated data when wrapping the data key: type ‖ parameters.
    var associatedData: [UInt8] { [type] + parameters }

    /// Reads one slot.
    init(reading header: inout FormatReader) throws(BackupFormatError) {
        let type = try header.readUInt8()
        let length = Int(try header.readUInt16())
        guard length <= BackupLimits.maximumKeySlotLength else {
            throw .tooLarge(field: "key slot", limit: BackupLimits.maximumKeySlotLength)
        }
        var body = try header.nested(count: length)
        self.type = type
        let nonceLength = XChaCha20Poly1305.nonceLength
        switch type {
        case EnvelopeLayout.SlotType.escrowKey:
            let idLength = Int(try body.readUInt8())
            guard idLength <= BackupLimits.maximumKeyIdentifierLength else {
                throw .tooLarge(field: "key identifier", limit: BackupLimits.maximumKeyIdentifierLength)
            }
            let id = try body.readBytes(idLength)
            self.summary = .escrowKey(keyID: try FormatReader.decodeUTF8(id))
            self.parameters = [UInt8(idLength)] + Array(id)
        case EnvelopeLayout.SlotType.password:
            var parametersReader = body
            let operations = try body.readUInt32()
            let memory = try body.readUInt32()
            try body.skip(KeyWrapping.saltLength)
            self.parameters = try parametersReader.readArray(8 + KeyWrapping.saltLength)
            self.summary = .password(PasswordHashingCost(unchecked: operations, memoryKiB: memory))
        case EnvelopeLayout.SlotType.recoveryCode:
            self.parameters = try body.readArray(KeyWrapping.saltLength)
            self.summary = .recoveryCode
        default:
            self.parameters = []
            self.nonce = []
            self.wrappedKey = []
            self.summary = .unknown(type: type)
            return
        }
        self.nonce = try body.readArray(nonceLength)
        self.wrappedKey = try body.readArray(KeyWrapping.wrappedKeyLength)
        // Remaining body bytes: a newer writer's fields, ignored.
    }
}
