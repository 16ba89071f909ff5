import AccountModel

/// The limits of format version 1. Writers refuse to exceed them and readers check them
/// before doing the work they bound, so a hostile file costs at most this much.
///
/// A limit that is exceeded is reported as ``BackupFormatError/tooLarge(field:limit:)``.
/// Lengths are in bytes (text is measured in UTF-8 bytes); counts are in items.
public enum BackupLimits {
    /// The largest file: 16 MiB.
    public static let maximumFileSize = 16 * 1024 * 1024
    /// The largest header, key slots included: 8 KiB.
    public static let maximumHeaderLength = 8 * 1024
    /// The most key slots in one header (of any type, unknown ones included).
    public static let maximumKeySlots = 8
    /// The largest key slot body: 1 KiB.
    public static let maximumKeySlotLength = 1024
    /// The longest app version text.
    public static let maximumAppVersionLength = 64
    /// The longest escrow key identifier.
    public static let maximumKeyIdentifierLength = 128
    /// The most accounts in one backup.
    public static let maximumAccounts = RecordLimits.maximumAccounts
    /// The largest account record: 64 KiB.
    public static let maximumAccountRecordLength = RecordLimits.maximumAccountRecordLength
    /// The largest settings record: 1 MiB.
    public static let maximumSettingsRecordLength = RecordLimits.maximumSettingsRecordLength
    /// The longest text field in the payload (identifiers, issuer, names, references,
    /// custom setting keys and values).
    public static let maximumTextLength = RecordLimits.maximumTextLength
    /// The longest OTP secret: 128 bytes (1,024 bits).
    public static let maximumSecretLength = RecordLimits.maximumSecretLength
    /// The most app-defined custom settings.
    public static let maximumCustomSettings = RecordLimits.maximumCustomSettings
}
