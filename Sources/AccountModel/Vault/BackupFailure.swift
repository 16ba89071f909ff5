import SodiumBridge

/// Why the last backup attempt failed. Every case says what the app can tell the user; the
/// previous verified backup (if any) is still in the cloud, except after
/// ``verificationFailed`` (see there).
public enum BackupFailure: ReportableError, Equatable, Hashable {
    /// The cloud or the recovery-account service cannot be reached. Try again later.
    case networkUnavailable
    /// The device is not signed in to its platform's cloud.
    case notSignedIn
    /// The device is signed in to its cloud as another identity (iOS: another Apple ID)
    /// than the one backup was turned on with.
    case cloudIdentityMismatch
    /// Another device uploaded to the same backup since this device last did: the cloud
    /// holds generation `cloud`, this device expected `local` (`nil`: no backup). Nothing was
    /// overwritten. Restore with the merge policy to take the other device's accounts, or
    /// delete the cloud backup to start over from this device.
    case generationConflict(local: UInt64?, cloud: UInt64?)
    /// The upload completed, but what the cloud gave back is not what was sealed (it did not
    /// parse, authenticate or match). It does not count: the device's last verified
    /// generation is unchanged and the change stays pending. The cloud now holds that
    /// unverified generation (a compare-and-swap cloud has no staging area); the next upload
    /// replaces it.
    case verificationFailed
    /// The cloud holds no backup although this device last saw generation `generation` there:
    /// it was deleted from the cloud's storage (or by another device). Nothing was uploaded,
    /// so that an older view of the vault never silently takes its place; turning backup on
    /// again starts a new backup chain from this device.
    case backupMissing(generation: UInt64)
    /// The cloud holds generation `found` of this device's backup, older than generation
    /// `recorded`, which this device uploaded and verified: someone put an earlier backup
    /// back (a rollback). Nothing was uploaded over it; a restore from that cloud is refused
    /// as `backupRolledBack` too.
    case backupRolledBack(found: UInt64, recorded: UInt64)
    /// The vault has no accounts, and the cloud holds an earlier backup that has some.
    /// Nothing was uploaded, so that a reset or emptied device never replaces a good backup
    /// with an empty one. Delete the cloud backup if that is what the user wants.
    case emptyVault
    /// The backup could not be sealed (`reason` says why; e.g. it exceeds the format's
    /// limits).
    case sealingFailed(String)
    /// The cloud refused the backup for another reason (storage full, too large, storage
    /// failure); `reason` says which.
    case cloudFailure(String)
    /// The recovery-account service failed for another reason; `reason` says which.
    case serviceFailure(String)
    /// The device's vault store could not be read or written; `reason` says why.
    case storeFailure(String)

    /// What went wrong, in plain words, without secrets.
    public var message: String {
        switch self {
        case .networkUnavailable:
            return "the cloud or the recovery-account service cannot be reached"
        case .notSignedIn:
            return "this device is not signed in to its cloud, or the cloud refused its credentials (for a WebDAV folder: a wrong user name or password)"
        case .cloudIdentityMismatch:
            return "this device is signed in to its cloud as another identity than the one backup uses"
        case let .generationConflict(local, cloud):
            return "another device has updated the backup: the cloud holds \(Self.describe(cloud)), "
                + "this device expected \(Self.describe(local)); nothing was overwritten"
        case .verificationFailed:
            return "the uploaded backup did not read back as it was sealed; it does not count"
        case let .backupMissing(generation):
            return "the cloud no longer holds the backup (this device last saw generation \(generation)); nothing was uploaded"
        case let .backupRolledBack(found, recorded):
            return "the cloud serves backup generation \(found), older than generation \(recorded) that this device uploaded and verified; nothing was uploaded"
        case .emptyVault:
            return "the vault is empty; the earlier backup in the cloud was kept"
        case let .sealingFailed(reason):
            return "the backup could not be sealed: \(reason)"
        case let .cloudFailure(reason):
            return "the cloud refused the backup: \(reason)"
        case let .serviceFailure(reason):
            return "the recovery-account service failed: \(reason)"
        case let .storeFailure(reason):
            return "the vault store failed: \(reason)"
        }
    }

    /// What the user can do, in plain words.
    public var suggestedAction: String {
        switch self {
        case .networkUnavailable: return "Check the connection; the backup is retried with the next change."
        case .notSignedIn: return "Sign in to the device's cloud account."
        case .cloudIdentityMismatch: return "Sign in to the cloud with the identity backup was turned on with."
        case .generationConflict:
            return "Restore the other device's backup with the merge option, or delete the cloud backup to start over."
        case .verificationFailed: return "Try again; if it keeps failing, check the cloud storage."
        case .backupMissing: return "Turn backup on again to start a new backup from this device, or restore from where it is now."
        case .backupRolledBack:
            return "Check who can change the cloud storage; then delete the cloud backup and turn backup on again to upload this device's accounts."
        case .emptyVault: return "Add accounts, or delete the cloud backup if you no longer want it."
        case .sealingFailed: return "Remove some accounts or contact support."
        case .cloudFailure: return "Free up cloud storage or try again later."
        case .serviceFailure: return "Try again later."
        case .storeFailure: return "Restart the app; if it persists, contact support."
        }
    }

    private static func describe(_ generation: UInt64?) -> String {
        generation.map { "generation \($0)" } ?? "no backup"
    }
}

extension BackupFailure {
    /// The name under which a device's vault store records this failure: its ``caseName``,
    /// an explicit, stable constant per case, never derived by reflection. ``init(recordedName:detail:local:cloud:)`` reads it back.
    public var recordedName: String { caseName }

    /// The words recorded beside ``recordedName``: a reason.
    public var recordedDetail: String? {
        switch self {
        case let .sealingFailed(reason), let .cloudFailure(reason), let .serviceFailure(reason),
            let .storeFailure(reason):
            return reason
        default: return nil
        }
    }

    /// The failure recorded as `name` with `detail`; `local` and `cloud` are the generations
    /// of a ``generationConflict(local:cloud:)`` (and `recorded` and `found` of a
    /// ``backupRolledBack(found:recorded:)``). `nil` for a name this version does not know
    /// (a newer version wrote it; the next attempt records its own outcome), and for
    /// `incompleteBackup`, which earlier versions recorded for a third-party account without
    /// an OTP secret: such an account can no longer exist, so the failure no longer applies
    /// (the change it kept pending is still pending, and the next attempt records its own
    /// outcome).
    public init?(recordedName name: String, detail: String?, local: UInt64?, cloud: UInt64?) {
        let detail = detail ?? ""
        switch name {
        case "networkUnavailable": self = .networkUnavailable
        case "notSignedIn": self = .notSignedIn
        case "cloudIdentityMismatch": self = .cloudIdentityMismatch
        case "generationConflict": self = .generationConflict(local: local, cloud: cloud)
        case "verificationFailed": self = .verificationFailed
        case "backupMissing": self = .backupMissing(generation: local ?? 0)
        case "backupRolledBack": self = .backupRolledBack(found: cloud ?? 0, recorded: local ?? 0)
        case "emptyVault": self = .emptyVault
        case "sealingFailed": self = .sealingFailed(detail)
        case "cloudFailure": self = .cloudFailure(detail)
        case "serviceFailure": self = .serviceFailure(detail)
        case "storeFailure": self = .storeFailure(detail)
        default: return nil
        }
    }
}

extension BackupFailure {
    /// The case name scripts match, e.g. `networkUnavailable`: a constant that stays the same whatever
    /// the compiler keeps of the type's metadata.
    public var caseName: String {
        switch self {
        case .networkUnavailable: return "networkUnavailable"
        case .notSignedIn: return "notSignedIn"
        case .cloudIdentityMismatch: return "cloudIdentityMismatch"
        case .generationConflict: return "generationConflict"
        case .verificationFailed: return "verificationFailed"
        case .backupMissing: return "backupMissing"
        case .backupRolledBack: return "backupRolledBack"
        case .emptyVault: return "emptyVault"
        case .sealingFailed: return "sealingFailed"
        case .cloudFailure: return "cloudFailure"
        case .serviceFailure: return "serviceFailure"
        case .storeFailure: return "storeFailure"
        }
    }
}
