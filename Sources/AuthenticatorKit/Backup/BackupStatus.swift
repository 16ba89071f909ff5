import Foundation

/// Where this device's cloud backup stands, as an app shows it.
public enum BackupStatus: Sendable, Hashable {
    /// Backup is turned off on this device.
    case off
    /// A change is waiting to be uploaded (or backup is on and the vault has nothing to
    /// upload yet).
    case pending
    /// The recovery-account session expired or was revoked: the backup is **stale** until
    /// the user signs in again (``BackupCoordinator/signIn(with:)``), which
    /// uploads the pending change.
    case needsSignIn
    /// The cloud holds the vault as it is, as generation `generation`, verified at `date`.
    case upToDate(generation: UInt64, date: Date)
    /// The last attempt failed; the reason says why and what to do.
    case failed(BackupFailure)

    /// Whether the app should draw attention to backup (a red dot, an exclamation mark):
    /// `true` for ``needsSignIn`` and ``failed(_:)``.
    public var needsAttention: Bool {
        switch self {
        case .needsSignIn, .failed: return true
        case .off, .pending, .upToDate: return false
        }
    }

    /// `off`, `upToDate`, `pending`, `needsSignIn` or `failed`: the Swift case name, for
    /// scripts and JSON output.
    public var stateName: String {
        switch self {
        case .off: return "off"
        case .pending: return "pending"
        case .needsSignIn: return "needsSignIn"
        case .upToDate: return "upToDate"
        case .failed: return "failed"
        }
    }

    /// The generation the cloud holds, for ``upToDate(generation:date:)``; `nil` otherwise
    /// (see ``BackupCoordinator/backupState()`` for the last verified generation).
    public var generation: UInt64? {
        if case let .upToDate(generation, _) = self { return generation }
        return nil
    }

    /// The failure, for ``failed(_:)``; `nil` otherwise.
    public var failure: BackupFailure? {
        if case let .failed(failure) = self { return failure }
        return nil
    }
}
