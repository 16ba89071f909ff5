import BackupServices
import SodiumBridge
import AccountModel

/// Why a backup cannot be restored (or kept up to date) right now: every case is one an app
/// can show, with ``suggestedAction`` saying what the user can do about it.
public enum BackupUnavailableReason: ReportableError, Equatable, Hashable {
    /// The backup lives in the other platform's cloud (an iPhone backup in iCloud cannot be
    /// read on Android, and the reverse).
    case platformMismatch(backup: Platform, device: Platform)
    /// The recovery-account service records the backup in `location`, which is not the cloud
    /// this device looks in: a portable location (a WebDAV folder) while the device looks in
    /// its platform's cloud, the reverse, or another portable folder.
    case backupElsewhere(BackupLocation)
    /// The cloud or the recovery-account service cannot be reached.
    case networkUnavailable
    /// The device is not signed in to the cloud that holds the backup.
    case notSignedIn
    /// iOS: the device is signed in to iCloud with another Apple ID than the one holding the
    /// backup.
    case cloudIdentityMismatch
    /// There is no backup: it was deleted from the old device or from the cloud, or never made.
    case backupNotFound
    /// The device already holds accounts, and the policy refuses to restore over them.
    case existingAccounts([ExistingAccountSummary])
    /// The recovery-account session expired or was revoked: sign in again to finish. A restore
    /// resumes where it stopped; a backup uploads the pending change.
    case backupStale
    /// The backup was written by a newer app; this reader needs at least that format version.
    case unsupportedVersion(minimumReader: Int)
    /// The backup did not authenticate: it was damaged or tampered with.
    case damaged
    /// The recovery account signed in to is not the one that owns this backup.
    case wrongRecoveryAccount
    /// The cloud serves an older backup than the last one the recovery-account service recorded
    /// as verified: generation `found`, while the service records generation `recorded` — or
    /// generation `recorded` itself with other bytes (then `found == recorded`). Someone put an
    /// earlier backup's files back (a rollback), which would silently lose what was added
    /// since. Nothing is restored.
    case backupRolledBack(found: UInt64, recorded: UInt64)
    /// The backup authenticated but holds two accounts with one identifier, which the format
    /// forbids (`BackupFormatError.duplicateAccountIdentifier`): a faulty writer made it.
    case duplicateAccountIdentifier
    /// A merge (``ExistingAccountsPolicy/mergeKeepingExisting``) would leave the vault with
    /// `total` accounts, more than the `limit` a vault holds (`VaultLimits.maximumAccounts`).
    /// Nothing is restored.
    case tooManyAccounts(total: Int, limit: Int)

    /// What the user can do, in plain words.
    public var suggestedAction: String {
        switch self {
        case .platformMismatch:
            return "On the old device, export the accounts to a password-protected file (`authenticator export`) and import it here."
        case .backupElsewhere:
            return "Set this device up to use the location the backup is in, then try again."
        case .networkUnavailable:
            return "Check the connection and try again."
        case .notSignedIn:
            return "Sign in to the device's cloud account, then try again."
        case .cloudIdentityMismatch:
            return "Sign in to iCloud with the Apple ID that the old device used, then try again."
        case .backupNotFound:
            return "Turn on backup on the old device if you still have it, or add the accounts again."
        case .existingAccounts:
            return "Restore on a device without accounts, or remove these accounts first."
        case .backupStale:
            return "Sign in to your recovery account again to continue."
        case .unsupportedVersion:
            return "Update the app, then try again."
        case .damaged:
            return "The backup cannot be used. Make a new backup from the old device if you still have it."
        case .wrongRecoveryAccount:
            return "Sign in with the recovery account that made the backup."
        case .backupRolledBack:
            return "Do not use this backup: back up again from a device that has the accounts, or ask the cloud's administrator to restore the latest backup."
        case .duplicateAccountIdentifier:
            return "The app that made this backup wrote it incorrectly. Update it on the old device and back up again."
        case .tooManyAccounts:
            return "Remove accounts from this device, or restore on a device without accounts."
        }
    }

    /// What went wrong, in plain words.
    public var message: String {
        switch self {
        case let .platformMismatch(backup, device):
            return "the backup is in the \(backup.rawValue) cloud, and this is an \(device.rawValue) device"
        case let .backupElsewhere(location):
            return "the backup is in the \(location), not in the cloud this device looks in"
        case .networkUnavailable:
            return "the cloud or the recovery-account service cannot be reached"
        case .notSignedIn:
            return "this device is not signed in to its cloud account, or the cloud refused its credentials (for a WebDAV folder: a wrong user name or password)"
        case .cloudIdentityMismatch:
            return "this device is signed in to a different cloud account than the one holding the backup"
        case .backupNotFound:
            return "there is no backup for this recovery account"
        case let .existingAccounts(accounts):
            let names = accounts.map(\.label).joined(separator: ", ")
            return "this device already has \(accounts.count) account(s): \(names)"
        case .backupStale:
            return "the recovery-account session expired or was revoked"
        case let .unsupportedVersion(minimumReader):
            return "the backup needs a reader of format version \(minimumReader) or later"
        case .damaged:
            return "the backup is damaged or was tampered with"
        case .wrongRecoveryAccount:
            return "the backup belongs to another recovery account"
        case let .backupRolledBack(found, recorded):
            if found == recorded {
                return "the cloud's backup of generation \(found) is not the one the recovery account recorded as verified"
            }
            return "the cloud serves backup generation \(found), older than generation \(recorded) that the recovery account recorded as verified"
        case .duplicateAccountIdentifier:
            return "the backup holds two accounts with the same identifier, which the format does not allow"
        case let .tooManyAccounts(total, limit):
            return "the merge would leave \(total) accounts on this device, more than the \(limit) a vault holds"
        }
    }
}

/// An account already on the device, named in ``BackupUnavailableReason/existingAccounts(_:)``
/// so the user knows what is in the way. Never holds a secret.
public struct ExistingAccountSummary: Sendable, Hashable {
    /// The account's identifier.
    public let id: AccountID
    /// Its kind.
    public let kind: AccountKind
    /// The issuer, e.g. `GitHub`.
    public let issuer: String
    /// The user name.
    public let userName: String

    /// A summary of `account`.
    public init(_ account: Account) {
        self.id = account.id
        self.kind = account.kind
        self.issuer = account.issuer
        self.userName = account.userName
    }

    /// `Issuer (user name)`, or the user name alone when there is no issuer.
    public var label: String { issuer.isEmpty ? userName : "\(issuer) (\(userName))" }
}

extension BackupUnavailableReason {
    /// The case name scripts match, e.g. `platformMismatch`: a constant that stays the same whatever
    /// the compiler keeps of the type's metadata.
    public var caseName: String {
        switch self {
        case .platformMismatch: return "platformMismatch"
        case .backupElsewhere: return "backupElsewhere"
        case .networkUnavailable: return "networkUnavailable"
        case .notSignedIn: return "notSignedIn"
        case .cloudIdentityMismatch: return "cloudIdentityMismatch"
        case .backupNotFound: return "backupNotFound"
        case .existingAccounts: return "existingAccounts"
        case .backupStale: return "backupStale"
        case .unsupportedVersion: return "unsupportedVersion"
        case .damaged: return "damaged"
        case .wrongRecoveryAccount: return "wrongRecoveryAccount"
        case .backupRolledBack: return "backupRolledBack"
        case .duplicateAccountIdentifier: return "duplicateAccountIdentifier"
        case .tooManyAccounts: return "tooManyAccounts"
        }
    }
}
