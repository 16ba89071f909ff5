import SodiumBridge
import BackupServices
import Foundation

/// What a device remembers about its own cloud backup: which recovery account and cloud
/// identity it backs up to, the session it uses, and how far the backup chain has got.
///
/// It lives in the ``Vault`` (``Vault/backupState``) so that a store saves it together with
/// the accounts, under the same compare-and-swap, and it is device-local: no backup payload
/// has a field for it, so a restore never brings another device's session or chain with it.
/// The backup coordinator of `AuthenticatorKit` reads and writes it; apps normally only show
/// what the coordinator's status says.
public struct BackupState: Sendable, Hashable {
    /// The user name of the recovery account that holds the backup's escrow key.
    public var recoveryAccount: RecoveryAccountName
    /// The cloud identity the backup lives under when it is not the recovery account: `ios`,
    /// the Apple ID whose iCloud holds the backup; a portable location, the provider's identity
    /// (the WebDAV user at the folder). `nil` on `android`, where the backup lives under the
    /// recovery account itself.
    public var cloudIdentity: CloudIdentity?
    /// The recovery-account session the device uploads with; `nil` when there is none (never
    /// signed in on this device, signed out, or the service ended it). Its user name is
    /// ``recoveryAccount``.
    public var session: RecoverySession?
    /// The generation of the last upload that was verified (read back, authenticated and
    /// compared); `nil` before the first.
    public var lastUploadedGeneration: UInt64?
    /// When that upload was verified.
    public var lastUploadDate: Date?
    /// The vault revision whose contents the last verified upload holds; `nil` before the
    /// first. While it differs from ``Vault/revision``, a change is waiting to be uploaded.
    public var backedUpRevision: UInt64?
    /// Identifies the backup chain: the same for every generation, kept by a restored device
    /// that continues the chain.
    public var backupID: UUID
    /// Why the last attempt failed, or `nil` when it succeeded. Never holds a secret.
    public var lastFailure: BackupFailure?
    /// A generation this device uploaded but could not verify (the cloud returned something
    /// else than what was sealed). The cloud holds it; the device does not count it. The next
    /// upload replaces it, expecting exactly that generation.
    public var unverifiedGeneration: UInt64?
    /// When the cloud's backup was last read back and authenticated as this device's: after a
    /// verified upload, or by a verification without restoring
    /// (`BackupCoordinator.verifyBackup()`); `nil` before the first.
    public var lastVerified: Date?
    /// Since when backup has been failing: the time of the first failed attempt after the last
    /// success; `nil` while it is not failing. ``lastFailure`` says why.
    public var failingSince: Date?
    /// An upload this device started and has not yet seen through: the generation and the
    /// digest of the bytes it is uploading, saved **before** the upload. When the device is
    /// stopped after the cloud took the upload but before it saved the outcome, its next
    /// upload meets its own generation in the cloud: the digest tells it apart from another
    /// device's, so the coordinator adopts it instead of reporting a conflict forever.
    /// `nil` when no upload is under way.
    public var uploadIntent: BackupFingerprint?

    /// The state of a backup chain that has not uploaded anything yet.
    public init(
        recoveryAccount: RecoveryAccountName,
        cloudIdentity: CloudIdentity? = nil,
        session: RecoverySession? = nil,
        lastUploadedGeneration: UInt64? = nil,
        lastUploadDate: Date? = nil,
        backedUpRevision: UInt64? = nil,
        backupID: UUID = UUID(),
        lastFailure: BackupFailure? = nil,
        unverifiedGeneration: UInt64? = nil,
        lastVerified: Date? = nil,
        failingSince: Date? = nil,
        uploadIntent: BackupFingerprint? = nil
    ) {
        self.recoveryAccount = recoveryAccount
        self.cloudIdentity = cloudIdentity
        self.session = session
        self.lastUploadedGeneration = lastUploadedGeneration
        self.lastUploadDate = lastUploadDate
        self.backedUpRevision = backedUpRevision
        self.backupID = backupID
        self.lastFailure = lastFailure
        self.unverifiedGeneration = unverifiedGeneration
        self.lastVerified = lastVerified
        self.failingSince = failingSince
        self.uploadIntent = uploadIntent
    }
}

extension BackupState {
    /// The identity the backup is addressed by: ``cloudIdentity``, else the recovery account.
    public var backupIdentity: CloudIdentity {
        cloudIdentity ?? CloudIdentity(recoveryAccount.rawValue)
    }
}

extension BackupState: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The chain's position and health, never the session token.
    public var description: String {
        let generation = lastUploadedGeneration.map(String.init) ?? "none"
        return "BackupState(account: \(recoveryAccount), generation: \(generation), "
            + "session: \(session == nil ? "none" : "stored, redacted"), failure: \(lastFailure?.recordedName ?? "none"))"
    }
    /// Same as ``description``.
    public var debugDescription: String { description }
    /// Everything but the session token.
    public var customMirror: Mirror {
        Mirror(self, children: [
            "recoveryAccount": recoveryAccount.rawValue, "cloudIdentity": cloudIdentity as Any,
            "session": session as Any, "lastUploadedGeneration": lastUploadedGeneration as Any,
            "backedUpRevision": backedUpRevision as Any, "backupID": backupID, "lastFailure": lastFailure?.recordedName as Any,
            "lastVerified": lastVerified as Any, "failingSince": failingSince as Any,
            "uploadIntent": uploadIntent as Any,
        ], displayStyle: .struct)
    }
}
