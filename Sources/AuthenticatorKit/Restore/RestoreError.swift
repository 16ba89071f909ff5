import Foundation

/// Why a step of a ``RestoreSession`` was refused. In every case the device's vault and the
/// cloud copy are left exactly as they were.
public enum RestoreError: ReportableError, Equatable, Hashable {
    /// The backup cannot be restored right now; the reason says why and suggests what to do
    /// (`BackupUnavailableReason/suggestedAction`).
    case unavailable(BackupUnavailableReason)
    /// A step was called out of order: `attempted` is the step the call would reach,
    /// `current` the step the session is at. Recovery starts with
    /// ``RestoreSession/startRecovery()``, then sign-in, plan and commit.
    case outOfOrder(attempted: RestoreStep, current: RestoreStep)
    /// The recovery account's user name or password is wrong.
    case wrongCredentials
    /// Too many failed sign-ins to the recovery account: the service accepts none, not even
    /// the right password, for `retryAfter` seconds (`RecoveryAccountError/tooManyAttempts(retryAfter:)`).
    case tooManyAttempts(retryAfter: TimeInterval)
    /// The device's vault store could not be read or written; `reason` says why.
    case storeFailure(String)
    /// The recovery-account service or the cloud failed in a way not listed above; `reason`
    /// says how.
    case serviceFailure(String)
    /// The device's vault changed between ``RestoreSession/startRecovery()`` and
    /// ``RestoreSession/commit()``; nothing was written. Start again.
    case vaultChanged

    /// What went wrong, in plain words, without secrets.
    public var message: String {
        switch self {
        case let .unavailable(reason):
            return reason.message
        case let .outOfOrder(attempted, current):
            return "the restore cannot go to the \(attempted.rawValue) step from the \(current.rawValue) step; "
                + "start recovery first, then sign in, plan and commit"
        case .wrongCredentials:
            return "the recovery account's user name or password is wrong"
        case let .tooManyAttempts(retryAfter):
            return RecoveryAccountError.tooManyAttempts(retryAfter: retryAfter).message
        case let .storeFailure(reason):
            return "the vault store failed: \(reason)"
        case let .serviceFailure(reason):
            return "the recovery-account service or the cloud failed: \(reason)"
        case .vaultChanged:
            return "the vault changed while the restore was being prepared; nothing was written: start again"
        }
    }

    /// The reason, for ``unavailable(_:)``; `nil` otherwise.
    public var unavailableReason: BackupUnavailableReason? {
        if case let .unavailable(reason) = self { return reason }
        return nil
    }
}

extension RestoreError {
    /// The case name scripts match, e.g. `unavailable`: a constant that stays the same whatever
    /// the compiler keeps of the type's metadata.
    public var caseName: String {
        switch self {
        case .unavailable: return "unavailable"
        case .outOfOrder: return "outOfOrder"
        case .wrongCredentials: return "wrongCredentials"
        case .tooManyAttempts: return "tooManyAttempts"
        case .storeFailure: return "storeFailure"
        case .serviceFailure: return "serviceFailure"
        case .vaultChanged: return "vaultChanged"
        }
    }
}
