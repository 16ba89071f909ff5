import Foundation
import Logging

/// Verifies restored accounts and gives each its own device credential, with the vault kept
/// in an `AccountStore`.
///
/// After a restore, the personal accounts the provider did not let the recovery sign-in stand
/// for (those with push approvals, and those of other identities) wait for
/// `VerificationMethod/passwordAndAlternateContact`, and work or school accounts for
/// `VerificationMethod/providerQRCode`. For each, the app:
///
/// 1. starts the matching flow — ``personalVerification(for:)`` or
///    ``workOrSchoolVerification(for:)`` — and lets its screens drive it to `verified`;
/// 2. passes the flow's proof to ``complete(with:)``, which mints a **new** device credential
///    (Ed25519 key pair and OTP seed) on this device, enrols it with the provider, marks the
///    account `RestoreState/active` and saves the vault.
///
/// The old device's credential is not touched: the provider accepts codes and push approvals
/// from both devices.
///
/// ``complete(with:)`` is all or nothing for the vault: when the enrolment or the save fails,
/// the stored account still waits for verification, exactly as it was. A proof whose
/// enrolment the provider refused or could not take (unreachable) can be passed again; once
/// the provider enrolled a credential, the proof's grant is used up, so after a failed save
/// the user verifies again (`VerificationError/enrolmentGrantAlreadyUsed`). (A credential the
/// provider registered before a failed save is never used: its private half existed only in
/// this call.)
///
/// It also adds a personal or work-or-school account to this device when the user signs in to
/// its provider account: ``addProviderAccount(userName:password:pushApprovalsEnabled:)``.
///
/// Errors are `VerificationError` cases; a store that cannot be read or written is reported
/// as `VerificationError/vaultFailure(_:)` with the store's `AccountModelError`.
public struct AccountVerificationCoordinator: Sendable {
    /// How many times ``complete(with:)`` reloads the vault when another writer saved in between.
    public static let saveAttempts = 3

    let store: any AccountStore
    let provider: any AccountProvider
    let verificationService: any VerificationService
    let clock: TimeSourceBox
    let random: RandomSourceBox
    let logger: Logger

    /// A coordinator for the vault in `store`.
    /// - Parameters:
    ///   - store: where the device keeps its vault.
    ///   - provider: registers the new device credentials (the identity provider of personal
    ///     accounts, or the organisation's for work or school accounts).
    ///   - verificationService: checks passwords, sends and checks codes, checks QR payloads.
    ///   - clock: dates the new credentials and the accounts' `modifiedAt`; flows use it for
    ///     expiries and cooldowns.
    ///   - random: draws the new credentials' keys and seeds.
    ///   - logger: where to log each verification's outcome (``complete(with:)``): success at
    ///     `notice`, a refusal at `warning`, a provider or store failure at `error`, with the
    ///     account identifier and the error's case name, never a secret or a code. `nil` (the
    ///     default) logs nothing; the coordinator never touches the global logging system.
    public init(
        store: any AccountStore,
        provider: any AccountProvider,
        verificationService: any VerificationService,
        clock: any TimeSource = SystemTimeSource(),
        random: any RandomSource = SystemRandom(),
        logger: Logger? = nil
    ) {
        self.logger = logger ?? .silent(label: "AuthenticatorKit.AccountVerificationCoordinator")
        self.store = store
        self.provider = provider
        self.verificationService = verificationService
        self.clock = TimeSourceBox(base: clock)
        self.random = RandomSourceBox(base: random)
    }

    // MARK: Finding what needs verification

    /// The accounts of the stored vault that wait for verification, in the vault's order: the
    /// ones an app shows with a call to action ("Verify to use this account on this device").
    /// - Throws: `VerificationError/vaultFailure(_:)` when the store cannot be read; an empty
    ///   store has none.
    public func accountsNeedingVerification() async throws(VerificationError) -> [Account] {
        guard let vault = try await loadVault() else { return [] }
        return vault.accounts.filter { $0.restoreState != .active }
    }

    // MARK: Starting a flow

    /// Starts the personal verification (password, then a code sent to an alternate contact)
    /// of the stored account with `id`.
    /// - Throws: `VerificationError/accountNotFound(_:)`,
    ///   `VerificationError/verificationNotNeeded`,
    ///   `VerificationError/wrongVerificationMethod(required:)` (the account waits for a QR
    ///   code), `VerificationError/missingProviderAccount`,
    ///   `VerificationError/vaultFailure(_:)`.
    public func personalVerification(for id: AccountID) async throws(VerificationError) -> PersonalVerification {
        let account = try await storedAccount(withID: id)
        return try PersonalVerification(for: account, service: verificationService, clock: clock)
    }

    /// Starts the work or school verification (a QR enrolment payload from the organisation)
    /// of the stored account with `id`.
    /// - Throws: `VerificationError/accountNotFound(_:)`,
    ///   `VerificationError/verificationNotNeeded`,
    ///   `VerificationError/wrongVerificationMethod(required:)` (the account waits for a
    ///   password and code), `VerificationError/missingProviderAccount`,
    ///   `VerificationError/vaultFailure(_:)`.
    public func workOrSchoolVerification(for id: AccountID) async throws(VerificationError) -> WorkOrSchoolVerification {
        let account = try await storedAccount(withID: id)
        return try WorkOrSchoolVerification(for: account, service: verificationService, clock: clock)
    }

    /// Resumes a personal verification from the `PersonalVerification/snapshot` an earlier
    /// flow of this coordinator kept (e.g. in another process, between sending a code and
    /// entering it), with this coordinator's verification service and clock.
    public func personalVerification(resuming snapshot: PersonalVerification.Snapshot) -> PersonalVerification {
        PersonalVerification(resuming: snapshot, service: verificationService, clock: clock)
    }

    // MARK: Finishing

    /// Mints a new device credential for the account `proof` was made for, enrols it with the
    /// provider, marks the account `RestoreState/active` and saves the vault.
    ///
    /// The save is a compare-and-swap over the revision read: when another writer saved in
    /// between, the vault is read again and the same credential applied to the fresh copy (up
    /// to ``saveAttempts`` times), without touching any other change.
    /// - Returns: the account as saved, with its new `Account/deviceCredential`.
    /// - Throws: `VerificationError/accountNotFound(_:)`,
    ///   `VerificationError/proofForAnotherAccount`,
    ///   `VerificationError/verificationNotNeeded` (the account is active, or another writer
    ///   verified it meanwhile), the provider's errors (such as
    ///   `VerificationError/providerUnavailable(reason:)`), and
    ///   `VerificationError/vaultFailure(_:)`. The stored vault is then unchanged.
    public func complete(with proof: VerificationProof) async throws(VerificationError) -> Account {
        let account: Account
        do {
            account = try await enrolAndSave(proof)
        } catch {
            let level: Logger.Level
            switch error {
            case .providerUnavailable, .vaultFailure: level = .error
            default: level = .warning
            }
            logger.log(level: level, "account verification was refused", metadata: [
                "account": "\(proof.accountID.rawValue)", "error": "\(error.caseName)",
            ])
            throw error
        }
        logger.notice("account verified; new device credential enrolled", metadata: [
            "account": "\(account.id.rawValue)", "kind": "\(account.kind.rawValue)",
        ])
        return account
    }

    /// ``complete(with:)``, without the logging.
    private func enrolAndSave(_ proof: VerificationProof) async throws(VerificationError) -> Account {
        guard var vault = try await loadVault() else { throw .accountNotFound(proof.accountID) }
        guard let account = vault.account(withID: proof.accountID) else { throw .accountNotFound(proof.accountID) }
        let enrolment = DeviceEnrolment(provider: provider, clock: clock, random: random)
        let enrolled = try await enrolment.enrol(account, proof: proof)

        var attempt = 1
        while true {
            let updated = try Self.applying(enrolled, waitingAs: account, to: vault)
            do throws(AccountModelError) {
                try await store.save(updated, replacingRevision: vault.revision)
                return enrolled
            } catch {
                guard case .revisionConflict = error, attempt < Self.saveAttempts else {
                    throw .vaultFailure(error)
                }
                attempt += 1
                guard let fresh = try await loadVault() else { throw .accountNotFound(proof.accountID) }
                vault = fresh
            }
        }
    }

    // MARK: Helpers

    /// `vault` with the new credential and the active state of `enrolled` applied to its copy
    /// of the account, provided that copy still waits as `original` did.
    private static func applying(_ enrolled: Account, waitingAs original: Account, to vault: Vault) throws(VerificationError) -> Vault {
        guard let current = vault.account(withID: enrolled.id) else { throw .accountNotFound(enrolled.id) }
        guard current.restoreState == original.restoreState,
              current.deviceCredential?.id == original.deviceCredential?.id
        else { throw .verificationNotNeeded }
        var updated = vault
        do {
            try updated.updateAccount(withID: enrolled.id, at: enrolled.modifiedAt) { account in
                if let device = enrolled.provider?.device { account.updateProviderDetails { $0.device = device } }
            }
        } catch {
            throw .vaultFailure(error)
        }
        return updated
    }

    private func storedAccount(withID id: AccountID) async throws(VerificationError) -> Account {
        guard let account = try await loadVault()?.account(withID: id) else { throw .accountNotFound(id) }
        return account
    }

    func loadVault() async throws(VerificationError) -> Vault? {
        do { return try await store.load() } catch { throw .vaultFailure(error) }
    }
}
