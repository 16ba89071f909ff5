import BackupServices
import Foundation

/// What the sealer writes into a header besides the key slots and the creation time.
public struct BackupMetadata: Sendable, Hashable {
    /// The position of this backup in its chain: the previous backup's generation plus one.
    /// Readers compare it to the last generation they saw to refuse a rollback.
    public var generation: UInt64
    /// The platform of the device that made the backup (and so the cloud it lives in).
    public var platform: Platform
    /// The version of the app that made it (0–64 bytes of UTF-8), for support.
    public var appVersion: String
    /// Identifies the backup chain: the same for every generation of one device's backup.
    public var backupID: UUID

    /// Metadata for a new backup.
    public init(generation: UInt64, platform: Platform, appVersion: String, backupID: UUID) {
        self.generation = generation
        self.platform = platform
        self.appVersion = appVersion
        self.backupID = backupID
    }
}
