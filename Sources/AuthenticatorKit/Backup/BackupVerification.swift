import Foundation

/// What ``BackupCoordinator/verifyBackup()`` found: the cloud's latest backup, downloaded,
/// opened with the recovery account's escrow key and compared account by account with the
/// vault.
public enum BackupVerification: Sendable, Hashable {
    /// The backup opens and holds exactly the vault's accounts: generation `generation`,
    /// `accountCount` accounts.
    case verified(generation: UInt64, accountCount: Int)
    /// The backup (generation `generation`) opens but does not hold the vault as it is: each
    /// difference, in the vault's order then the backup's.
    case differs(generation: UInt64, differences: [BackupDifference])
    /// The backup could not be verified; the reason says why.
    case failed(BackupVerificationFailure)

    /// `verified`, `differs`, or the failure's case name: for scripts and the CLI.
    public var caseName: String {
        switch self {
        case .verified: return "verified"
        case .differs: return "differs"
        case let .failed(failure): return failure.caseName
        }
    }
}

/// One way the cloud's backup differs from the vault. Names accounts, never secrets.
public enum BackupDifference: Sendable, Hashable, CustomStringConvertible {
    /// The vault has this account; the backup does not.
    case missing(AccountID, label: String)
    /// The backup has this account; the vault does not.
    case extra(AccountID, label: String)
    /// Both have it, with different contents (name, secret, parameters, provider details).
    case changed(AccountID, label: String)
    /// The settings differ.
    case settingsChanged

    /// `missing`, `extra`, `changed` or `settingsChanged`.
    public var caseName: String {
        switch self {
        case .missing: return "missing"
        case .extra: return "extra"
        case .changed: return "changed"
        case .settingsChanged: return "settingsChanged"
        }
    }

    /// `missing <id> GitHub (alice)`, tab-free, one line.
    public var description: String {
        switch self {
        case let .missing(id, label), let .extra(id, label), let .changed(id, label):
            return "\(caseName) \(id) \(label)"
        case .settingsChanged:
            return caseName
        }
    }
}

/// Why ``BackupCoordinator/verifyBackup()`` could not verify the backup.
public enum BackupVerificationFailure: ReportableError, Equatable, Hashable {
    /// Backup is not turned on on this device.
    case notEnabled
    /// The recovery-account session expired or was revoked: sign in again first.
    case needsSignIn
    /// The cloud holds no backup (although this device uploaded generation `lastSeen`, when
    /// not `nil`): it was deleted from the cloud's storage or by another device.
    case notFound(lastSeen: UInt64?)
    /// The backup does not parse or authenticate: damaged or tampered with.
    case damaged
    /// The backup's key slot is for another recovery account.
    case wrongRecoveryAccount
    /// The cloud holds generation `cloud` of this device's backup chain, older than generation
    /// `device`, which this device (or, by the recovery-account service's record, a device of
    /// the account) uploaded and verified — or generation `device` itself with other bytes than
    /// recorded: the backup was rolled back.
    case rolledBack(cloud: UInt64, device: UInt64)
    /// The cloud holds another backup chain (generation `cloud`): another device turned backup
    /// on with the same identity and replaced this device's backup.
    case replaced(cloud: UInt64)
    /// The cloud or the recovery-account service cannot be reached.
    case unreachable
    /// Another failure (not signed in to the cloud, another identity, the service or the store
    /// failed); the failure says which.
    case failure(BackupFailure)

    /// What went wrong, in plain words, without secrets.
    public var message: String {
        switch self {
        case .notEnabled: return "backup is not turned on on this device"
        case .needsSignIn: return "the recovery-account session expired or was revoked; sign in again"
        case let .notFound(lastSeen):
            if let lastSeen { return "the cloud holds no backup, although this device uploaded generation \(lastSeen)" }
            return "the cloud holds no backup"
        case .damaged: return "the backup in the cloud is damaged or was tampered with"
        case .wrongRecoveryAccount: return "the backup in the cloud belongs to another recovery account"
        case let .rolledBack(cloud, device):
            return "the cloud holds generation \(cloud), older than generation \(device) this device uploaded"
        case let .replaced(cloud):
            return "the cloud holds another backup (generation \(cloud)): another device replaced this one's"
        case .unreachable: return "the cloud or the recovery-account service cannot be reached"
        case let .failure(failure): return failure.message
        }
    }

    /// The case name scripts match, e.g. `notFound`: a constant that stays the same whatever
    /// the compiler keeps of the type's metadata.
    public var caseName: String {
        switch self {
        case .notEnabled: return "notEnabled"
        case .needsSignIn: return "needsSignIn"
        case .notFound: return "notFound"
        case .damaged: return "damaged"
        case .wrongRecoveryAccount: return "wrongRecoveryAccount"
        case .rolledBack: return "rolledBack"
        case .replaced: return "replaced"
        case .unreachable: return "unreachable"
        case .failure: return "failure"
        }
    }
}

/// Where backup stands, with its health: the status, when the cloud's backup was last
/// verified, and since when backup has been failing.
public struct BackupHealth: Sendable, Hashable {
    /// The status (``BackupCoordinator/status()``).
    public var status: BackupStatus
    /// When the cloud's backup was last read back and authenticated (after an upload, or by
    /// ``BackupCoordinator/verifyBackup()``); `nil` before the first.
    public var lastVerified: Date?
    /// Since when backup has been failing; `nil` while it is not.
    public var failingSince: Date?
    /// Why it is failing: the last failure, `nil` while it is not failing.
    public var failure: BackupFailure?

    /// A health report from its parts.
    public init(status: BackupStatus, lastVerified: Date?, failingSince: Date?, failure: BackupFailure?) {
        self.status = status
        self.lastVerified = lastVerified
        self.failingSince = failingSince
        self.failure = failure
    }
}
