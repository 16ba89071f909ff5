import SodiumBridge

/// A backup's generation and a digest of its bytes: what a recovery-account service
/// remembers of the last **verified** backup at one ``BackupLocation``, and what a device
/// remembers of an upload it started (`BackupState.uploadIntent`), to recognise its own upload
/// after being stopped before saving its outcome.
///
/// The backup coordinator records one after each upload it has read back and verified
/// (``RecoveryAccountService/recordVerifiedBackup(_:at:for:)``); a restore compares the
/// cloud's backup with it (``RecoveryAccountService/verifiedBackup(at:for:)``) and refuses a
/// backup older than the record, or of the recorded generation with other bytes — a cloud
/// that serves an earlier backup's files again (a rollback) cannot make a new device restore
/// them. A newer generation than the record (the device stopped between its upload and the
/// record) is accepted.
///
/// The digest is BLAKE2b-256 (32 bytes, unkeyed) of the backup file's bytes exactly as
/// uploaded and downloaded: every byte, header and key slots included
/// (`Documentation/BackupFormat.md`, "Verified-backup records"). Not secret.
public struct BackupFingerprint: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The digest length: 32 bytes.
    public static let digestLength = 32

    /// The backup's generation.
    public let generation: UInt64
    /// BLAKE2b-256 of the backup file's bytes, ``digestLength`` bytes.
    public let digest: [UInt8]

    /// A record from its parts, for services reading back what they stored; `nil` unless
    /// `digest` is ``digestLength`` bytes.
    public init?(generation: UInt64, digest: [UInt8]) {
        guard digest.count == Self.digestLength else { return nil }
        self.generation = generation
        self.digest = digest
    }

    /// The record of the backup file `backupBytes` of `generation`: its digest computed here.
    public init(generation: UInt64, backupBytes: [UInt8]) {
        self.generation = generation
        self.digest = Self.digest(of: backupBytes)
    }

    /// BLAKE2b-256 of `backupBytes`.
    public static func digest(of backupBytes: [UInt8]) -> [UInt8] {
        Hash.blake2b(backupBytes, outputLength: digestLength)
    }

    /// Whether `backupBytes` are the bytes this record's digest was made of.
    public func matches(backupBytes: [UInt8]) -> Bool {
        ConstantTime.equals(Self.digest(of: backupBytes), digest)
    }

    /// `BackupFingerprint(generation: 3, digest: 1f2e…)`: the first 8 hex digits.
    public var description: String {
        "BackupFingerprint(generation: \(generation), digest: \(Hex.encode(Array(digest.prefix(4))))…)"
    }

    private enum CodingKeys: String, CodingKey {
        case generation, digest
    }

    /// Decodes `{"generation": 3, "digest": "<64 hex digits>"}`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let generation = try container.decode(UInt64.self, forKey: .generation)
        let hex = try container.decode(String.self, forKey: .digest)
        guard let bytes = Hex.decode(hex), let record = Self(generation: generation, digest: bytes) else {
            throw DecodingError.dataCorruptedError(
                forKey: .digest, in: container, debugDescription: "a digest is 64 hex digits")
        }
        self = record
    }

    /// Encodes the generation and the digest as lower-case hex.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(generation, forKey: .generation)
        try container.encode(Hex.encode(digest), forKey: .digest)
    }
}
