import SodiumBridge

/// Every way the `AccountModel` module refuses an operation: vault changes, settings, and the
/// stores that keep a vault on the device.
///
/// Messages never contain secrets. Store paths and setting values may appear (they are not
/// secret); OTP secrets, keys and user names never do.
public enum AccountModelError: ReportableError, Equatable, Hashable {
    // MARK: Vault operations

    /// The account is already in the vault: same identifier, or same issuer, user name and
    /// secret as `existing`. Nothing was added.
    case duplicateAccount(existing: AccountID)
    /// No account in the vault has this identifier.
    case accountNotFound(AccountID)
    /// A position outside `0..<count` (the number of accounts).
    case indexOutOfRange(index: Int, count: Int)
    /// The revision counter is at its largest value and cannot count another change.
    case revisionOverflow

    // MARK: Limits (what a backup can carry: `VaultLimits`)

    /// The text `field` is longer than `limit` bytes of UTF-8, the most a backup can carry.
    /// Nothing changed.
    case fieldTooLong(field: VaultLimits.Field, limit: Int)
    /// The OTP secret is longer than `limit` bytes, the most a backup can carry. Nothing
    /// changed.
    case secretTooLong(limit: Int)
    /// The vault already holds `limit` accounts, the most a backup can carry. Nothing changed.
    case tooManyAccounts(limit: Int)
    /// The settings would hold more than `limit` app-defined values, the most a backup can
    /// carry. Nothing changed.
    case tooManyCustomSettings(limit: Int)

    // MARK: Settings

    /// A setting key that cannot be used (empty).
    case invalidSettingKey(String)
    /// A value the setting `key` cannot take; `expected` says what it can take.
    case invalidSettingValue(key: String, value: String, expected: String)

    // MARK: Stores

    /// The store holds no vault yet (create one first).
    case vaultNotFound
    /// Compare-and-swap failed: the caller read revision `expected` (`nil`: "no vault yet"),
    /// but the store holds `found` (`nil`: no vault). Another writer changed the vault in
    /// between; reload, re-apply the change and save again.
    case revisionConflict(expected: UInt64?, found: UInt64?)
    /// A save whose vault revision (`revision`) is not greater than the revision it
    /// replaces (`replacing`): every saved change must advance the revision.
    case revisionNotAdvanced(revision: UInt64, replacing: UInt64)
    /// The stored vault is damaged, truncated or not a vault file at all. It was left
    /// untouched, and saves are refused until it is repaired or removed by the user.
    case storeDamaged(reason: String)
    /// The stored vault was written in a format version this SDK does not read.
    case unsupportedStoreVersion(UInt16)
    /// The stored vault was encrypted under a different key than the one the key provider
    /// gave (for example the key was lost and a new one created).
    case keyMismatch
    /// Another writer held the store's lock for longer than the store waits.
    case storeLocked
    /// The store could not be read or written (missing permission, disk full, I/O error).
    case storeUnavailable(reason: String)
    /// The key provider could not give the key (missing, damaged, or refused by the system).
    case keyUnavailable(reason: String)
    /// The key file at `path` is not a regular file owned by this user with permissions of
    /// at most `0600` (`mode` is its permission bits).
    case insecureKeyFile(path: String, mode: UInt16)

    /// What went wrong, in plain words, without secrets.
    public var message: String {
        switch self {
        case let .duplicateAccount(existing):
            return "the account is already in the vault (account \(existing))"
        case let .accountNotFound(id):
            return "no account with identifier \(id)"
        case let .indexOutOfRange(index, count):
            return count == 0
                ? "position \(index) is out of range: the vault is empty"
                : "position \(index) is out of range: positions go from 0 to \(count - 1)"
        case .revisionOverflow:
            return "the vault's revision counter cannot grow any further"
        case let .fieldTooLong(field, limit):
            return "the \(field.name) is longer than \(limit) bytes (UTF-8), the most a backup can carry"
        case let .secretTooLong(limit):
            return "the OTP secret is longer than \(limit) bytes (\(limit * 8) bits), the most a backup can carry"
        case let .tooManyAccounts(limit):
            return "the vault already holds \(limit) accounts, the most a backup can carry"
        case let .tooManyCustomSettings(limit):
            return "the settings would hold more than \(limit) app-defined values, the most a backup can carry"
        case let .invalidSettingKey(key):
            return "\"\(key)\" is not a valid setting key: keys must not be empty"
        case let .invalidSettingValue(key, value, expected):
            return "\"\(value)\" is not a valid value for setting \(key): expected \(expected)"
        case .vaultNotFound:
            return "there is no vault yet: create one first"
        case let .revisionConflict(expected, found):
            return "the vault changed since it was read (read \(Self.describe(expected)), "
                + "stored \(Self.describe(found))): reload and try again"
        case let .revisionNotAdvanced(revision, replacing):
            return "a saved vault must have a newer revision than the one it replaces "
                + "(revision \(revision) does not follow \(replacing))"
        case let .storeDamaged(reason):
            return "the stored vault is damaged and was left untouched: \(reason)"
        case let .unsupportedStoreVersion(version):
            return "the stored vault has format version \(version), which this version of the SDK cannot read"
        case .keyMismatch:
            return "the stored vault was encrypted under a different key"
        case .storeLocked:
            return "another process is writing the vault; try again"
        case let .storeUnavailable(reason):
            return "the vault store cannot be used: \(reason)"
        case let .keyUnavailable(reason):
            return "the vault key is not available: \(reason)"
        case let .insecureKeyFile(path, mode):
            return "the key file \(path) has permissions \(String(mode, radix: 8)); "
                + "it must be a regular file owned by this user with permissions 600"
        }
    }

    private static func describe(_ revision: UInt64?) -> String {
        revision.map { "revision \($0)" } ?? "no vault"
    }
}

extension AccountModelError {
    /// The case name scripts match, e.g. `duplicateAccount`: a constant that stays the same whatever
    /// the compiler keeps of the type's metadata.
    public var caseName: String {
        switch self {
        case .duplicateAccount: return "duplicateAccount"
        case .accountNotFound: return "accountNotFound"
        case .indexOutOfRange: return "indexOutOfRange"
        case .revisionOverflow: return "revisionOverflow"
        case .fieldTooLong: return "fieldTooLong"
        case .secretTooLong: return "secretTooLong"
        case .tooManyAccounts: return "tooManyAccounts"
        case .tooManyCustomSettings: return "tooManyCustomSettings"
        case .invalidSettingKey: return "invalidSettingKey"
        case .invalidSettingValue: return "invalidSettingValue"
        case .vaultNotFound: return "vaultNotFound"
        case .revisionConflict: return "revisionConflict"
        case .revisionNotAdvanced: return "revisionNotAdvanced"
        case .storeDamaged: return "storeDamaged"
        case .unsupportedStoreVersion: return "unsupportedStoreVersion"
        case .keyMismatch: return "keyMismatch"
        case .storeLocked: return "storeLocked"
        case .storeUnavailable: return "storeUnavailable"
        case .keyUnavailable: return "keyUnavailable"
        case .insecureKeyFile: return "insecureKeyFile"
        }
    }
}
