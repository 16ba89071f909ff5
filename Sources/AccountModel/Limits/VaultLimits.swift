/// The limits of what a vault holds: the limits of the backup format, defined here once, so
/// that whatever a vault accepts a backup can carry.
///
/// Every way into a vault checks them — ``Vault/add(_:)``, ``Vault/updateAccount(withID:at:_:)``,
/// ``Vault/renameAccount(withID:issuer:userName:displayName:at:)``,
/// ``Vault/updateSettings(_:)`` and ``Vault/setSetting(_:forKey:)`` — and refuses what exceeds
/// them with a typed error that names the field and the limit:
/// ``AccountModelError/fieldTooLong(field:limit:)``, ``AccountModelError/secretTooLong(limit:)``,
/// ``AccountModelError/tooManyAccounts(limit:)`` or
/// ``AccountModelError/tooManyCustomSettings(limit:)``. The backup format (`BackupLimits` in
/// `BackupFormat`) uses these same values.
///
/// Lengths are in bytes: text is measured in UTF-8 bytes, a secret in raw bytes (not its
/// Base32 text). The number of digits (6–10, or Steam's 5) and the period (at least one
/// second) are `Generator`'s own rules, which a backup carries as they are.
///
/// A vault written by an earlier version may already hold an account beyond them
/// (``Account/limitViolations``): it keeps working on the device, and backups leave it out and
/// say so (``Vault/accountsLeftOutOfBackups``).
public enum VaultLimits {
    /// The most accounts in a vault (and in one backup): 50,000.
    public static let maximumAccounts = 50_000
    /// The longest text field (identifier, issuer, user name, display name, icon reference,
    /// provider reference, custom setting key and value): 1 KiB of UTF-8.
    public static let maximumTextLength = 1024
    /// The longest OTP secret: 128 bytes (1,024 bits).
    public static let maximumSecretLength = 128
    /// The most app-defined custom settings (``Settings/custom``): 256.
    public static let maximumCustomSettings = 256

    /// A text field the limits bound, as ``AccountModelError/fieldTooLong(field:limit:)`` names it.
    public enum Field: String, Sendable, Hashable, CaseIterable, Codable {
        /// ``Account/id``.
        case accountIdentifier
        /// ``Account/issuer``.
        case issuer
        /// ``Account/userName``.
        case userName
        /// ``Account/displayName``.
        case displayName
        /// ``Account/iconReference``.
        case iconReference
        /// ``Account/ProviderDetails/reference``.
        case providerAccountReference
        /// A key of ``Settings/custom``.
        case customSettingKey
        /// A value of ``Settings/custom``.
        case customSettingValue

        /// The field in plain words, e.g. `user name`.
        public var name: String {
            switch self {
            case .accountIdentifier: return "account identifier"
            case .issuer: return "issuer"
            case .userName: return "user name"
            case .displayName: return "display name"
            case .iconReference: return "icon reference"
            case .providerAccountReference: return "provider account reference"
            case .customSettingKey: return "custom setting key"
            case .customSettingValue: return "custom setting value"
            }
        }
    }
}
