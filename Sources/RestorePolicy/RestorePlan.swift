import AccountModel
import BackupFormat

/// What a restore will do, account by account, and the vault it will write.
///
/// Made by ``RestorePlanner/plan(_:header:onto:policy:providerDecisions:)`` from an opened
/// backup and the device's current vault; nothing is written until the app commits it.
public struct RestorePlan: Sendable {
    /// One account of the backup and what the restore does with it.
    public struct Entry: Sendable, Hashable {
        /// The account's identifier (kept from the backup; for a skipped duplicate, the
        /// backup's identifier, while ``Outcome/skippedDuplicate(existing:)`` names the
        /// device's account).
        public let accountID: AccountID
        /// Personal, work or school, or third party.
        public let kind: AccountKind
        /// The service or organisation.
        public let issuer: String
        /// The user's name there.
        public let userName: String
        /// What happens to it.
        public let outcome: Outcome
        /// What the account's provider answered (why a personal, work or school account got
        /// its outcome); `nil` for a third-party account or a skipped duplicate.
        public let providerDecision: ProviderDecision?

        /// An entry from its parts.
        public init(
            accountID: AccountID, kind: AccountKind, issuer: String, userName: String, outcome: Outcome,
            providerDecision: ProviderDecision? = nil
        ) {
            self.accountID = accountID
            self.kind = kind
            self.issuer = issuer
            self.userName = userName
            self.outcome = outcome
            self.providerDecision = providerDecision
        }
    }

    /// What a restore does with one account of the backup.
    public enum Outcome: Sendable, Hashable {
        /// A third-party account, restored with the same secret: its codes are the same as
        /// the old device's.
        case restoredInFull
        /// A personal account whose provider said, from its own records, that the recovery
        /// sign-in stands for it (``ProviderDecision/enrolNow``: the recovery account's own
        /// account, without push approvals): the device mints a new credential of its own
        /// when the restore is committed. Its codes differ from the old device's, and both
        /// stay valid.
        case restoredWithNewDeviceCredential
        /// Restored as metadata only: the account works again after the user verifies with
        /// the method given (a personal account's password and a code sent to an alternate
        /// contact, or a QR code from a work or school provider).
        case needsVerification(VerificationMethod)
        /// Merge policy only: the device already holds this account (the one named), so the
        /// backup's copy was not restored and the device's was left as it is.
        case skippedDuplicate(existing: AccountID)

        /// `restoredInFull`, `restoredWithNewDeviceCredential`, `needsVerification` or
        /// `skippedDuplicate`: the Swift case name, for scripts and JSON output.
        public var caseName: String {
            switch self {
            case .restoredInFull: return "restoredInFull"
            case .restoredWithNewDeviceCredential: return "restoredWithNewDeviceCredential"
            case .needsVerification: return "needsVerification"
            case .skippedDuplicate: return "skippedDuplicate"
            }
        }
    }

    /// One entry per account of the backup, in the backup's order.
    public let entries: [Entry]
    /// The backup's header: generation, platform, creation time, chain identifier.
    public let header: BackupHeader
    /// The vault the restore writes: the restored accounts (after the device's own under
    /// the merge policy), the settings, and a revision one above the device's.
    public let vault: Vault

    /// A plan from its parts. Apps get plans from ``RestorePlanner``; this initialiser is
    /// for coordinators that adjust a plan's vault (for example to keep the device's backup
    /// chain in it).
    public init(entries: [Entry], header: BackupHeader, vault: Vault) {
        self.entries = entries
        self.header = header
        self.vault = vault
    }

    /// The identifiers of the accounts skipped as duplicates (merge policy).
    public var skippedDuplicates: [AccountID] {
        entries.compactMap { entry in
            if case .skippedDuplicate = entry.outcome { return entry.accountID }
            return nil
        }
    }

    /// The identifiers of the accounts that wait for verification after the restore.
    public var accountsNeedingVerification: [AccountID] {
        entries.compactMap { entry in
            if case .needsVerification = entry.outcome { return entry.accountID }
            return nil
        }
    }
}
