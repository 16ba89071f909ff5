import BackupServices

/// App settings kept in the vault and carried in backups.
///
/// Typed fields are the ones the SDK understands; `custom` holds app-defined key/values the
/// SDK keeps without interpreting.
public struct Settings: Sendable, Hashable, Codable {
    /// Whether cloud backup is on.
    public var backupEnabled: Bool
    /// This device's platform; decides which cloud holds its backup.
    public var platform: Platform
    /// Whether codes are hidden until tapped.
    public var hidesCodes: Bool
    /// Whether codes are shown in groups (`123 456`).
    public var groupsDigits: Bool
    /// App-defined settings, kept as given.
    public var custom: [String: String]

    /// Settings with defaults: backup off, codes shown and grouped, no custom values.
    public init(
        platform: Platform,
        backupEnabled: Bool = false,
        hidesCodes: Bool = false,
        groupsDigits: Bool = true,
        custom: [String: String] = [:]
    ) {
        self.backupEnabled = backupEnabled
        self.platform = platform
        self.hidesCodes = hidesCodes
        self.groupsDigits = groupsDigits
        self.custom = custom
    }
}
