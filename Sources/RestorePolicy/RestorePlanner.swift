import OTP
import SodiumBridge
import AccountModel
import BackupFormat
import Foundation

/// Decides what a restore does: pure, no I/O, no clock, so every rule is a unit test.
///
/// Rules:
/// - ``ExistingAccountsPolicy/refuseIfNotEmpty``: refuse with
///   ``BackupUnavailableReason/existingAccounts(_:)``, naming them, while the device holds
///   any account. Otherwise the vault becomes the backup's accounts, in order, and the
///   backup's settings with the device's platform.
/// - ``ExistingAccountsPolicy/mergeKeepingExisting``: keep every account and the settings of the
///   device exactly as they are, and append the backup's accounts that are not already
///   there, in the backup's order. An account is already there when the device holds one
///   with the same identifier, or — third party — the same issuer, user name and secret, or
///   — personal, work or school — the same kind, issuer and user name. Those are reported as
///   ``RestorePlan/Outcome/skippedDuplicate(existing:)``.
/// - Per account: third party → ``RestorePlan/Outcome/restoredInFull`` with the same secret.
///   A personal, work or school account is minted at once —
///   ``RestorePlan/Outcome/restoredWithNewDeviceCredential`` (it waits for verification in the
///   planned vault until the coordinator mints its credential) — **only** when its provider
///   said so (``ProviderDecision/enrolNow`` for its provider reference) *and* the backup
///   agrees (a personal account without push approvals). The backup's fields can only add
///   verification, never remove it. Otherwise it is
///   ``RestorePlan/Outcome/needsVerification(_:)`` with the method the provider asked for
///   (``ProviderDecision/verify(_:)``), or — provider said enrol now but the backup
///   disagrees, provider does not know the account, could not be asked, or the account has
///   no reference — the method of the backup's kind
///   (`VerificationMethod/passwordAndAlternateContact` for personal,
///   `VerificationMethod/providerQRCode` for work or school). Each entry reports the
///   provider's answer (``RestorePlan/Entry/providerDecision``).
///
/// Restored accounts keep their identifiers, names, icon references, provider references,
/// push-approval flags and creation times; their modification time is the backup's creation
/// time (the backup does not carry it). No account gets a device credential here.
public enum RestorePlanner {
    /// The plan for restoring `payload` (sealed with `header`) onto the device's `existing`
    /// vault under `policy`.
    ///
    /// - Parameters:
    ///   - payload: the opened backup.
    ///   - header: the header it was sealed with.
    ///   - existing: the device's vault.
    ///   - policy: what to do when `existing` holds accounts.
    ///   - providerDecisions: what each provider account's provider answered, by provider
    ///     reference; an account with no answer (none given, e.g. an import from a password
    ///     or recovery-code file) is ``ProviderDecision/unavailable(reason:)``, and waits for
    ///     verification.
    /// - Throws: ``BackupUnavailableReason/existingAccounts(_:)`` under
    ///   ``ExistingAccountsPolicy/refuseIfNotEmpty`` when `existing` holds accounts;
    ///   ``BackupUnavailableReason/duplicateAccountIdentifier`` when the payload holds an
    ///   account identifier twice (a payload built in code: `SealedBackup` refuses such a
    ///   file); ``BackupUnavailableReason/damaged`` for an OTP secret the OTP module refuses;
    ///   ``BackupUnavailableReason/tooManyAccounts(total:limit:)`` when a merge would leave more
    ///   than `VaultLimits.maximumAccounts` accounts.
    public static func plan(
        _ payload: BackupPayload,
        header: BackupHeader,
        onto existing: Vault,
        policy: ExistingAccountsPolicy,
        providerDecisions: [ProviderAccountReference: ProviderDecision] = [:]
    ) throws(BackupUnavailableReason) -> RestorePlan {
        if policy == .refuseIfNotEmpty, !existing.accounts.isEmpty {
            throw .existingAccounts(existing.accounts.map(ExistingAccountSummary.init))
        }
        // The same check as the payload's decoding (its fast path for ASCII identifiers).
        guard AccountIdentifierCheck.allDifferent(payload.accounts) else { throw .duplicateAccountIdentifier }

        var entries: [RestorePlan.Entry] = []
        var restored: [Account] = []
        entries.reserveCapacity(payload.accounts.count)
        restored.reserveCapacity(payload.accounts.count)
        let existingAccounts = policy == .mergeKeepingExisting ? ExistingAccounts(existing.accounts) : nil
        for backedUp in payload.accounts {
            if let duplicate = existingAccounts?.first(sameAs: backedUp) {
                entries.append(entry(for: backedUp, outcome: .skippedDuplicate(existing: duplicate.id)))
                continue
            }
            let decision = decision(for: backedUp, in: providerDecisions)
            let outcome = outcome(for: backedUp, decision: decision)
            restored.append(try account(from: backedUp, outcome: outcome, restoredAt: header.createdAt))
            entries.append(entry(for: backedUp, outcome: outcome, decision: decision))
        }

        if policy == .mergeKeepingExisting, existing.accounts.count + restored.count > VaultLimits.maximumAccounts {
            throw .tooManyAccounts(total: existing.accounts.count + restored.count, limit: VaultLimits.maximumAccounts)
        }
        let revision = existing.revision == .max ? existing.revision : existing.revision + 1
        let vault: Vault
        switch policy {
        case .refuseIfNotEmpty:
            var settings = payload.settings
            settings.platform = existing.settings.platform
            vault = Vault(accounts: restored, settings: settings, revision: revision, backupState: existing.backupState)
        case .mergeKeepingExisting:
            vault = Vault(
                accounts: existing.accounts + restored, settings: existing.settings, revision: revision,
                backupState: existing.backupState)
        }
        return RestorePlan(entries: entries, header: header, vault: vault)
    }

    /// The provider's answer for `account`: `nil` for a third-party account.
    static func decision(
        for account: BackupAccount, in decisions: [ProviderAccountReference: ProviderDecision]
    ) -> ProviderDecision? {
        switch account.content {
        case .thirdParty:
            return nil
        case let .personal(metadata), let .workOrSchool(metadata):
            guard let reference = metadata.providerAccountReference, !reference.rawValue.isEmpty else {
                return .unavailable(reason: "the account has no provider reference")
            }
            return decisions[reference] ?? .unavailable(reason: "no account provider was asked")
        }
    }

    /// What the restore does with `account` when it is restored, given its provider's
    /// `decision`: minted at once only when the provider said so and the backup agrees.
    static func outcome(for account: BackupAccount, decision: ProviderDecision?) -> RestorePlan.Outcome {
        switch account.content {
        case .thirdParty:
            return .restoredInFull
        case let .personal(metadata):
            switch decision {
            case .enrolNow? where !metadata.pushApprovalsEnabled:
                return .restoredWithNewDeviceCredential
            case let .verify(method)?:
                return .needsVerification(method)
            default:
                return .needsVerification(.passwordAndAlternateContact)
            }
        case .workOrSchool:
            if case let .verify(method)? = decision { return .needsVerification(method) }
            return .needsVerification(.providerQRCode)
        }
    }

    /// Whether the device's `account` is the backup's `backedUp` (see the merge rules).
    static func isSame(_ account: Account, as backedUp: BackupAccount) -> Bool {
        if account.id == backedUp.id { return true }
        guard account.kind == backedUp.kind, account.issuer == backedUp.issuer, account.userName == backedUp.userName else {
            return false
        }
        switch backedUp.content {
        case let .thirdParty(token):
            guard let secret = account.token?.generator.secret else { return false }
            return secret.withUnsafeBytes { mine in
                token.withUnsafeSecretBytes { theirs in ConstantTime.equals(mine, theirs) }
            }
        case .personal, .workOrSchool:
            return true
        }
    }

    private static func entry(
        for account: BackupAccount, outcome: RestorePlan.Outcome, decision: ProviderDecision? = nil
    ) -> RestorePlan.Entry {
        RestorePlan.Entry(
            accountID: account.id, kind: account.kind, issuer: account.issuer, userName: account.userName,
            outcome: outcome, providerDecision: decision)
    }

    /// The vault account for a restored backup account: a third-party account with its
    /// token, or a provider account awaiting verification (none of its device state is in a
    /// backup; the recovery account's own account is enrolled right after the restore).
    private static func account(
        from backedUp: BackupAccount, outcome: RestorePlan.Outcome, restoredAt date: Date
    ) throws(BackupUnavailableReason) -> Account {
        let content: Account.Content
        switch backedUp.content {
        case let .thirdParty(backupToken):
            do {
                content = .thirdParty(
                    Token(issuer: backedUp.issuer, account: backedUp.userName, generator: try backupToken.makeGenerator()))
            } catch {
                throw .damaged
            }
        case let .personal(metadata), let .workOrSchool(metadata):
            let kind: Account.ProviderKind = backedUp.kind == .personal ? .personal : .workOrSchool
            let method: VerificationMethod
            switch outcome {
            case let .needsVerification(required): method = required
            case .restoredInFull, .skippedDuplicate, .restoredWithNewDeviceCredential: method = kind.verificationMethod
            }
            content = .provider(Account.ProviderDetails(
                kind: kind, issuer: backedUp.issuer, userName: backedUp.userName,
                reference: metadata.providerAccountReference, pushApprovalsEnabled: metadata.pushApprovalsEnabled,
                device: .awaitingVerification(method)))
        }
        return Account(
            id: backedUp.id,
            displayName: backedUp.displayName,
            iconReference: backedUp.iconReference,
            createdAt: backedUp.createdAt,
            modifiedAt: max(backedUp.createdAt, date),
            content: content
        )
    }
}

/// The device's accounts, indexed for a merge: the first that is the same as a backed-up
/// account (``RestorePlanner/isSame(_:as:)``) is found without comparing every pair, so a
/// merge stays linear in the accounts' number.
struct ExistingAccounts {
    private let accounts: [Account]
    private var positions: [AccountID: Int] = [:]
    private var byLabel = AccountIndex()

    /// The index of `accounts`, in their order.
    init(_ accounts: [Account]) {
        self.accounts = accounts
        positions.reserveCapacity(accounts.count)
        for (position, account) in accounts.enumerated() {
            if positions[account.id] == nil { positions[account.id] = position }
            byLabel.insert(position, forKey: Self.key(account.kind, account.issuer, account.userName))
        }
    }

    /// The first account (in order) that is the same as `backedUp`, or `nil`.
    func first(sameAs backedUp: BackupAccount) -> Account? {
        let key = Self.key(backedUp.kind, backedUp.issuer, backedUp.userName)
        var first = byLabel.positions(forKey: key).first { RestorePlanner.isSame(accounts[$0], as: backedUp) }
        if let same = positions[backedUp.id] { first = min(first ?? same, same) }
        return first.map { accounts[$0] }
    }

    private static func key(_ kind: AccountKind, _ issuer: String, _ userName: String) -> Int {
        AccountIndex.key(nil, [kind.rawValue, issuer, userName])
    }
}
