import Foundation

/// Why a backup command (turning backup on or off, signing in, deleting the cloud copy)
/// was refused. ``BackupCoordinator/backUpNow()`` never throws: its status says.
public enum BackupError: ReportableError, Equatable, Hashable {
    /// The recovery account's user name or password is wrong, or the identity provider's
    /// token was not accepted.
    case wrongCredentials
    /// Too many failed sign-ins to the recovery account: the service accepts none, not even
    /// the right password, for `retryAfter` seconds (`RecoveryAccountError/tooManyAttempts(retryAfter:)`).
    case tooManyAttempts(retryAfter: TimeInterval)
    /// On `ios` backup needs the Apple ID (cloud identity) whose iCloud holds the backup.
    case cloudIdentityRequired
    /// Backup is not turned on on this device.
    case notEnabled
    /// Backup on this device uses the recovery account `expected`; sign in with it.
    case differentRecoveryAccount(expected: RecoveryAccountName)
    /// There is no backup in the cloud to delete.
    case backupNotFound
    /// The operation failed for a reason a backup attempt can also fail with.
    case failure(BackupFailure)

    /// What went wrong, in plain words, without secrets.
    public var message: String {
        switch self {
        case .wrongCredentials:
            return "the recovery account's user name or password is wrong"
        case let .tooManyAttempts(retryAfter):
            return RecoveryAccountError.tooManyAttempts(retryAfter: retryAfter).message
        case .cloudIdentityRequired:
            return "on iOS, backup needs the Apple ID (cloud identity) whose iCloud will hold it"
        case .notEnabled:
            return "backup is not turned on on this device"
        case let .differentRecoveryAccount(expected):
            return "backup on this device uses the recovery account \(expected); sign in with it"
        case .backupNotFound:
            return "there is no backup in the cloud"
        case let .failure(failure):
            return failure.message
        }
    }
}

extension BackupError {
    /// The case name scripts match, e.g. `wrongCredentials`: a constant that stays the same whatever
    /// the compiler keeps of the type's metadata.
    public var caseName: String {
        switch self {
        case .wrongCredentials: return "wrongCredentials"
        case .tooManyAttempts: return "tooManyAttempts"
        case .cloudIdentityRequired: return "cloudIdentityRequired"
        case .notEnabled: return "notEnabled"
        case .differentRecoveryAccount: return "differentRecoveryAccount"
        case .backupNotFound: return "backupNotFound"
        case .failure: return "failure"
        }
    }
}
