import SodiumBridge
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
    public var recoveryAccount: String
    /// `ios`: the Apple ID (cloud identity) whose iCloud holds the backup; `nil` on `android`,
    /// where the backup lives under the recovery account itself.
    public var cloudIdentity: String?
    /// The recovery-account session the device uploads with; `nil` when there is none (never
    /// signed in on this device, signed out, or the service ended it).
    public var session: StoredRecoverySession?
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
    /// The Swift case name of the last failure (e.g. `generationConflict`), or `nil` when the
    /// last attempt succeeded.
    public var lastFailure: String?
    /// Words that go with ``lastFailure`` (the reason of a storage failure), if any. Never
    /// holds a secret.
    public var lastFailureDetail: String?
    /// With a `generationConflict` failure: the generation the cloud held, if any.
    public var conflictingGeneration: UInt64?
    /// A generation this device uploaded but could not verify (the cloud returned something
    /// else than what was sealed). The cloud holds it; the device does not count it. The next
    /// upload replaces it, expecting exactly that generation.
    public var unverifiedGeneration: UInt64?

    /// The state of a backup chain that has not uploaded anything yet.
    public init(
        recoveryAccount: String,
        cloudIdentity: String? = nil,
        session: StoredRecoverySession? = nil,
        lastUploadedGeneration: UInt64? = nil,
        lastUploadDate: Date? = nil,
        backedUpRevision: UInt64? = nil,
        backupID: UUID = UUID(),
        lastFailure: String? = nil,
        lastFailureDetail: String? = nil,
        conflictingGeneration: UInt64? = nil,
        unverifiedGeneration: UInt64? = nil
    ) {
        self.recoveryAccount = recoveryAccount
        self.cloudIdentity = cloudIdentity
        self.session = session
        self.lastUploadedGeneration = lastUploadedGeneration
        self.lastUploadDate = lastUploadDate
        self.backedUpRevision = backedUpRevision
        self.backupID = backupID
        self.lastFailure = lastFailure
        self.lastFailureDetail = lastFailureDetail
        self.conflictingGeneration = conflictingGeneration
        self.unverifiedGeneration = unverifiedGeneration
    }
}

extension BackupState: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The chain's position and health, never the session token.
    public var description: String {
        let generation = lastUploadedGeneration.map(String.init) ?? "none"
        return "BackupState(account: \(recoveryAccount), generation: \(generation), "
            + "session: \(session == nil ? "none" : "stored, redacted"), failure: \(lastFailure ?? "none"))"
    }
    /// Same as ``description``.
    public var debugDescription: String { description }
    /// Everything but the session token.
    public var customMirror: Mirror {
        Mirror(self, children: [
            "recoveryAccount": recoveryAccount, "cloudIdentity": cloudIdentity as Any,
            "session": session as Any, "lastUploadedGeneration": lastUploadedGeneration as Any,
            "backedUpRevision": backedUpRevision as Any, "backupID": backupID, "lastFailure": lastFailure as Any,
        ], displayStyle: .struct)
    }
}

/// A recovery-account session as a device keeps it between launches: the service's opaque
/// token (a bearer secret, in secure memory) and when it stops being accepted.
///
/// It is stored only in the device's own vault store (encrypted by ``FileAccountStore``);
/// printing or dumping it never shows the token.
public struct StoredRecoverySession: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The token the recovery-account service issued.
    public var token: SecureBytes
    /// When the service stops accepting it.
    public var expirationDate: Date

    /// A stored session from its parts.
    public init(token: SecureBytes, expirationDate: Date) {
        self.token = token
        self.expirationDate = expirationDate
    }

    /// Whether the session has expired at `date` (expiry is inclusive).
    public func isExpired(at date: Date) -> Bool { date >= expirationDate }

    /// Hashes the expiry only; equal sessions hash alike, and the token is never hashed
    /// into a value that could leak it.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(expirationDate)
        hasher.combine(token.count)
    }

    /// `StoredRecoverySession(expires: …, token redacted)`.
    public var description: String { "StoredRecoverySession(expires: \(expirationDate), token redacted)" }
    /// Same as ``description``.
    public var debugDescription: String { description }
    /// The expiry only.
    public var customMirror: Mirror { Mirror(self, children: ["expirationDate": expirationDate], displayStyle: .struct) }
}
