/// Where a recovery account's backup lives: which platform's cloud, and which identity in it.
///
/// The backup coordinator records it with the recovery-account service after each upload, so
/// a device that cannot find the backup learns why: it is in the other platform's cloud, or
/// in the iCloud of another Apple ID.
public struct BackupLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The platform whose cloud holds the backup.
    public var platform: Platform
    /// The identity in that cloud: an Apple ID on `ios`, the recovery account on `android`.
    public var cloudIdentity: CloudIdentity

    /// A location from its parts.
    public init(platform: Platform, cloudIdentity: CloudIdentity) {
        self.platform = platform
        self.cloudIdentity = cloudIdentity
    }

    /// `ios cloud of alice@icloud.com`.
    public var description: String { "\(platform.rawValue) cloud of \(cloudIdentity.rawValue)" }
}
