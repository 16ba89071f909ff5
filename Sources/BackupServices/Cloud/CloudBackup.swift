import Foundation

/// What a cloud knows about the backup it holds, without the backup's contents.
public struct CloudBackupMetadata: Sendable, Hashable {
    /// The generation the backup was uploaded with. It grows with every upload of the
    /// backup chain; ``CloudBackupProvider/uploadBackup(_:generation:replacing:for:)`` compares
    /// it to refuse a stale writer.
    public var generation: UInt64
    /// The size of the backup in bytes.
    public var byteCount: Int
    /// When the cloud stored this generation.
    public var modified: Date

    /// Metadata from its parts.
    public init(generation: UInt64, byteCount: Int, modified: Date) {
        self.generation = generation
        self.byteCount = byteCount
        self.modified = modified
    }
}

/// The start of the latest backup and its metadata: enough to decode the backup's header
/// (version, platform, generation, key slots) without downloading the whole file.
public struct CloudBackupHeader: Sendable, Hashable {
    /// The backup's metadata.
    public var metadata: CloudBackupMetadata
    /// The first `min(maximumLength, metadata.byteCount)` bytes of the backup, where
    /// `maximumLength` is what the caller asked for.
    public var leadingBytes: [UInt8]

    /// A header from its parts.
    public init(metadata: CloudBackupMetadata, leadingBytes: [UInt8]) {
        self.metadata = metadata
        self.leadingBytes = leadingBytes
    }
}

/// A whole backup as the cloud stores it: opaque (already sealed) bytes and their metadata.
public struct CloudBackup: Sendable, Hashable {
    /// The backup's metadata.
    public var metadata: CloudBackupMetadata
    /// The backup, byte for byte as it was uploaded.
    public var bytes: [UInt8]

    /// A backup from its parts.
    public init(metadata: CloudBackupMetadata, bytes: [UInt8]) {
        self.metadata = metadata
        self.bytes = bytes
    }
}
