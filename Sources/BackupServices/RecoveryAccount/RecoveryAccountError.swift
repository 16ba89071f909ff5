import SodiumBridge
import Foundation

/// Why a recovery-account operation failed. Every case says what an app needs to tell the user.
///
/// Messages never contain passwords, tokens or keys.
public enum RecoveryAccountError: ReportableError, Equatable, Hashable {
    /// The user name or the password is wrong, or an external token did not verify (forged,
    /// expired, already used, or for no known account). A wrong user name and a wrong
    /// password are not told apart, so that nobody can learn which user names exist.
    case wrongCredentials
    /// The service does not accept this kind of credential at all (for example a password at
    /// a service that signs users in only through their identity provider).
    case unsupportedCredential(RecoveryCredential.Kind)
    /// The session has expired: sign in again.
    case sessionExpired
    /// The session was ended — its sessions were revoked, a refresh replaced it — or the
    /// service does not know it: sign in again.
    case sessionRevoked
    /// The service cannot be reached: no network, or (for `LocalRecoveryAccountService`) its
    /// folder is missing or another process held its lock past the service's time limit.
    case unreachable
    /// An account with this user name already exists.
    case accountAlreadyExists(userName: RecoveryAccountName)
    /// There is no account with this user name (administrative operations only; signing in
    /// reports ``wrongCredentials`` instead).
    case accountNotFound(userName: RecoveryAccountName)
    /// The user name cannot be used; `reason` says why.
    case invalidUserName(reason: String)
    /// The new password is shorter than `minimumLength` bytes.
    case passwordTooShort(minimumLength: Int)
    /// Too many failed password sign-ins for this user name: the service accepts none — not
    /// even the right password — for `retryAfter` seconds (after 5 failures within 15 minutes,
    /// with growing delays). An unknown user name is throttled exactly like a real one, so
    /// the error never tells whether the account exists; strangers can only delay the owner,
    /// never lock them out for good.
    case tooManyAttempts(retryAfter: TimeInterval)
    /// The service has recorded a verified backup of generation `recorded` at this backup
    /// location, and refuses to record a lower generation, or generation `recorded` with other
    /// bytes: the record only moves forward (``RecoveryAccountService/recordVerifiedBackup(_:at:for:)``).
    case backupRecordRegressed(recorded: UInt64)
    /// The service failed in a way not listed above (permissions, damaged records); `reason`
    /// says what happened.
    case serviceFailure(reason: String)

    /// What went wrong, in plain words.
    public var message: String {
        switch self {
        case .wrongCredentials:
            return "the user name or password is wrong"
        case let .unsupportedCredential(kind):
            return "the recovery-account service does not accept \(kind.rawValue) sign-in"
        case .sessionExpired:
            return "the recovery-account session has expired: sign in again"
        case .sessionRevoked:
            return "the recovery-account session was ended: sign in again"
        case .unreachable:
            return "the recovery-account service cannot be reached"
        case let .accountAlreadyExists(userName):
            return "a recovery account named \(userName) already exists"
        case let .accountNotFound(userName):
            return "there is no recovery account named \(userName)"
        case let .invalidUserName(reason):
            return "the user name cannot be used: \(reason)"
        case let .passwordTooShort(minimumLength):
            return "the password must be at least \(minimumLength) bytes long"
        case let .tooManyAttempts(retryAfter):
            return "too many failed sign-ins: try again in \(Self.seconds(retryAfter))"
        case let .backupRecordRegressed(recorded):
            return "the recovery-account service has recorded backup generation \(recorded) here; "
                + "an older backup, or another backup of that generation, cannot replace it"
        case let .serviceFailure(reason):
            return "the recovery-account service failed: \(reason)"
        }
    }
}

extension RecoveryAccountError {
    /// The case name scripts match, e.g. `wrongCredentials`: a constant that stays the same whatever
    /// the compiler keeps of the type's metadata.
    public var caseName: String {
        switch self {
        case .wrongCredentials: return "wrongCredentials"
        case .unsupportedCredential: return "unsupportedCredential"
        case .sessionExpired: return "sessionExpired"
        case .sessionRevoked: return "sessionRevoked"
        case .unreachable: return "unreachable"
        case .accountAlreadyExists: return "accountAlreadyExists"
        case .accountNotFound: return "accountNotFound"
        case .invalidUserName: return "invalidUserName"
        case .passwordTooShort: return "passwordTooShort"
        case .tooManyAttempts: return "tooManyAttempts"
        case .backupRecordRegressed: return "backupRecordRegressed"
        case .serviceFailure: return "serviceFailure"
        }
    }

    /// `1 second`, `30 seconds`: whole seconds, rounded up.
    static func seconds(_ interval: TimeInterval) -> String {
        let whole = interval.isFinite ? max(1, Int(min(interval, 86_400 * 365).rounded(.up))) : 1
        return whole == 1 ? "1 second" : "\(whole) seconds"
    }
}
