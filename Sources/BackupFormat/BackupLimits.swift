import AccountModel

/// The limits of format version 1. Writers refuse to exceed them and readers check them
/// before doing the work they bound, so a hostile file costs at most this much.
///
/// A limit that is exceeded is reported as ``BackupFormatError/tooLarge(field:limit:)``.
/// Lengths are in bytes (text is measured in UTF-8 bytes); counts are in items.
///
/// The limits of the accounts and settings a payload carries are the vault's own
/// (`VaultLimits` in `AccountModel`, defined there once): a vault refuses what a backup could
/// not carry, so every account a vault accepts can be backed up.
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
    /// The most accounts in one backup: `VaultLimits.maximumAccounts` (50,000).
    public static let maximumAccounts = VaultLimits.maximumAccounts
    /// The largest account record: 64 KiB.
    public static let maximumAccountRecordLength = RecordLimits.backup.maximumAccountRecordLength
    /// The largest settings record: 1 MiB.
    public static let maximumSettingsRecordLength = RecordLimits.backup.maximumSettingsRecordLength
    /// The longest text field in the payload (identifiers, issuer, names, references,
    /// custom setting keys and values): `VaultLimits.maximumTextLength` (1 KiB).
    public static let maximumTextLength = VaultLimits.maximumTextLength
    /// The longest OTP secret: `VaultLimits.maximumSecretLength` (128 bytes, 1,024 bits).
    public static let maximumSecretLength = VaultLimits.maximumSecretLength
    /// The most app-defined custom settings: `VaultLimits.maximumCustomSettings` (256).
    public static let maximumCustomSettings = VaultLimits.maximumCustomSettings
}
