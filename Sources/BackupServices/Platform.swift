/// The platform a device (and so its cloud backup) belongs to.
public enum Platform: String, Sendable, Hashable, CaseIterable, Codable {
    /// Apple devices; backups live in the user's iCloud.
    case ios
    /// Android devices; backups live in the identity provider's own cloud storage.
    case android
}
