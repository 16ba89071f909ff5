import BackupServices
import Foundation

/// The clear-text header of a sealed backup: what anyone holding the file can read without
/// a key, all of it authenticated (a changed byte makes the file fail to open).
///
/// Read it with ``init(inspecting:)`` from a whole file to show what a backup is
/// (`authenticator inspect`): that runs exactly steps 1–6 of the format's reading rules
/// (size, magic, versions, checksum, header, payload section), so it refuses every file
/// that opening would refuse without a key. ``init(parsing:)`` reads just the header from a
/// prefix of a file, to compare generations before downloading the rest. Neither decrypts
/// anything.
public struct BackupHeader: Sendable, Hashable {
    /// The format version this library writes, and the highest minimum reader version it
    /// reads.
    public static let currentFormatVersion: UInt16 = 1

    /// The version of the format the writer used.
    public let formatVersion: UInt16
    /// The oldest reader version that can open the file. A reader refuses a file whose
    /// minimum is above its own version, and reads any other, ignoring what it does not know.
    public let minimumReaderVersion: UInt16
    /// When the backup was sealed, to the millisecond.
    public let createdAt: Date
    /// The position of this backup in its chain (grows by one per upload).
    public let generation: UInt64
    /// The backup chain's identifier.
    public let backupID: UUID
    /// The platform of the device that made it.
    public let platform: Platform
    /// The version of the app that made it.
    public let appVersion: String
    /// The key slots, in file order.
    public var keySlots: [KeySlotSummary] { slots.map(\.summary) }
    /// The header's length in bytes: the payload starts here.
    public let byteCount: Int

    /// The slots with their wrapped keys, for opening.
    let slots: [ParsedKeySlot]

    /// The generation, platform, app version and backup identifier, as the sealer was given
    /// them (seal the next generation with `generation + 1`).
    public var metadata: BackupMetadata {
        BackupMetadata(generation: generation, platform: platform, appVersion: appVersion, backupID: backupID)
    }

    /// Inspects a whole backup file without a key: steps 1–6 of the format's reading rules,
    /// exactly those ``SealedBackup/init(bytes:)`` runs — the file size (at most 16 MiB),
    /// the magic, the versions, the checksum, the header's structure and limits, and the
    /// payload section's length. A file is inspected only if it would get as far as the key.
    /// - Throws: ``BackupFormatError/tooLarge(field:limit:)``, ``BackupFormatError/notABackup``,
    ///   ``BackupFormatError/unsupportedVersion(minimumReader:)``, ``BackupFormatError/damaged``.
    public init(inspecting file: [UInt8]) throws(BackupFormatError) {
        self = try SealedBackup(bytes: file).header
    }

    /// Reads the header at the start of `bytes` (a whole file, or a prefix that holds at
    /// least the header). Checks its structure and limits; does not check the file's
    /// size, checksum or payload section, nor authenticate anything — to inspect a file, use
    /// ``init(inspecting:)``.
    /// - Throws: ``BackupFormatError/notABackup``, ``BackupFormatError/unsupportedVersion(minimumReader:)``,
    ///   ``BackupFormatError/damaged``, ``BackupFormatError/tooLarge(field:limit:)``.
    public init(parsing bytes: [UInt8]) throws(BackupFormatError) {
        try EnvelopeLayout.checkPrefix(bytes)
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(BackupFormatError) -> BackupHeader in
                var reader = FormatReader(buffer)
                return try BackupHeader(reading: &reader)
            }
        }
        self = try result.get()
    }

    /// Reads a header whose prefix has been checked.
    private init(reading file: inout FormatReader) throws(BackupFormatError) {
        guard file.remaining >= EnvelopeLayout.prefixLength else { throw .damaged }
        var peek = file
        try peek.skip(12)
        let length = Int(try peek.readUInt32())
        guard length <= BackupLimits.maximumHeaderLength else {
            throw .tooLarge(field: "header", limit: BackupLimits.maximumHeaderLength)
        }
        var reader = try file.nested(count: length)
        let coreBytes = try reader.readBytes(EnvelopeLayout.coreLength)
        let fields = try Self.readCore(coreBytes)
        self.formatVersion = fields.formatVersion
        self.minimumReaderVersion = fields.minimumReaderVersion
        self.createdAt = Date(millisecondsSince1970: fields.createdAtMilliseconds)
        self.generation = fields.generation
        self.backupID = fields.backupID
        self.byteCount = length

        guard let platform = Platform(formatCode: try reader.readUInt8()) else { throw .damaged }
        self.platform = platform
        let appVersionLength = Int(try reader.readUInt8())
        guard appVersionLength <= BackupLimits.maximumAppVersionLength else {
            throw .tooLarge(field: "app version", limit: BackupLimits.maximumAppVersionLength)
        }
        self.appVersion = try FormatReader.decodeUTF8(try reader.readBytes(appVersionLength))

        let slotCount = Int(try reader.readUInt8())
        guard slotCount >= 1 else { throw .damaged }
        guard slotCount <= BackupLimits.maximumKeySlots else {
            throw .tooLarge(field: "key slots", limit: BackupLimits.maximumKeySlots)
        }
        var slots: [ParsedKeySlot] = []
        for _ in 0..<slotCount {
            let slot = try ParsedKeySlot(reading: &reader)
            // At most one slot of each known type; unknown types are not interpreted.
            if case .unknown = slot.summary {} else if slots.contains(where: { $0.type == slot.type }) {
                throw .damaged
            }
            slots.append(slot)
        }
        self.slots = slots
        // Bytes between the last slot and `byteCount` are header extensions of a newer
        // writer: authenticated, ignored.
    }

    private struct CoreFields {
        var formatVersion: UInt16
        var minimumReaderVersion: UInt16
        var createdAtMilliseconds: Int64
        var generation: UInt64
        var backupID: UUID
    }

    private static func readCore(_ buffer: UnsafeRawBufferPointer) throws(BackupFormatError) -> CoreFields {
        var reader = FormatReader(buffer)
        try reader.skip(EnvelopeLayout.magic.count)
        let formatVersion = try reader.readUInt16()
        let minimumReaderVersion = try reader.readUInt16()
        try reader.skip(4)
        let createdAt = try reader.readInt64()
        let generation = try reader.readUInt64()
        let backupID = UUID(formatBytes: try reader.readBytes(16))
        return CoreFields(
            formatVersion: formatVersion, minimumReaderVersion: minimumReaderVersion,
            createdAtMilliseconds: createdAt, generation: generation, backupID: backupID
        )
    }
}
