import OTP
import SodiumBridge
import AccountModel
import Foundation

/// The step after verification: mints a new device credential (Ed25519 key pair and OTP
/// seed) on this device, enrols it with the account's provider, and gives back the account
/// `active` with that credential.
///
/// It is all or nothing: when anything fails, including the provider's enrolment, the
/// method throws and returns nothing, so the caller's account (and vault) stay exactly as
/// they were, waiting for verification. The old device's credential is not touched: the
/// provider accepts codes and push approvals from both.
public struct DeviceEnrolment: Sendable {
    private let provider: any AccountProvider
    private let clock: any TimeSource
    private let random: any RandomSource

    /// An enrolment step that registers credentials with `provider`, dates them with `clock`
    /// and draws their keys from `random`.
    public init(
        provider: some AccountProvider,
        clock: some TimeSource = SystemTimeSource(),
        random: some RandomSource = SystemRandom()
    ) {
        self.provider = provider
        self.clock = clock
        self.random = random
    }

    /// Mints and enrols a new credential for `account`, verified by `proof`.
    ///
    /// `account` must be the one `proof` was made for and still wait for the matching
    /// verification (for ``VerificationProof/Evidence/providerSignIn``: a personal or
    /// work-or-school account awaiting enrolment or holding only a scanned secret). The
    /// provider gets the proof's grant (``AccountProvider/enrol(_:for:grant:)``) and decides;
    /// the account's push-approval setting goes with the credential.
    /// - Returns: `account` enrolled (`Account/DeviceState/enrolled(_:scannedSecret:)`)
    ///   with the new credential, and `modifiedAt` now.
    /// - Throws: ``VerificationError/proofForAnotherAccount``,
    ///   ``VerificationError/verificationNotNeeded``, or the provider's error (the grant
    ///   errors among them); the account is then unchanged.
    public func enrol(_ account: Account, proof: VerificationProof) async throws(VerificationError) -> Account {
        guard proof.accountID == account.id, proof.providerAccount == account.providerAccountReference else {
            throw .proofForAnotherAccount
        }
        guard let details = account.provider, Self.awaitsEnrolment(details, by: proof.evidence) else {
            throw .verificationNotNeeded
        }
        let now = clock.now()
        let credential = DeviceCredential(createdAt: now, using: RandomSourceBox(base: random))
        try await provider.enrol(
            CredentialEnrolment(credential, pushApprovals: details.pushApprovalsEnabled), for: proof.providerAccount,
            grant: proof.grant)
        var enrolled = account
        enrolled.content = .provider(details.enrolled(with: credential))
        enrolled.modifiedAt = now
        return enrolled
    }

    /// Like ``enrol(_:proof:)`` for the account with `id` in `vault`, returning the vault with
    /// that account replaced and its revision increased by one. Other accounts and settings
    /// are untouched.
    /// - Throws: ``VerificationError/accountNotFound(_:)``, the errors of
    ///   ``enrol(_:proof:)``, and ``VerificationError/vaultFailure(_:)`` when the vault
    ///   cannot take the change (e.g. `AccountModelError/revisionOverflow`); the vault is
    ///   then unchanged.
    public func enrol(accountWithID id: AccountID, in vault: Vault, proof: VerificationProof) async throws(VerificationError) -> Vault {
        guard let account = vault.accounts.first(where: { $0.id == id }) else { throw .accountNotFound(id) }
        let enrolled = try await enrol(account, proof: proof)
        var updated = vault
        do {
            try updated.updateAccount(withID: id, at: enrolled.modifiedAt) { stored in
                if let device = enrolled.provider?.device { stored.updateProviderDetails { $0.device = device } }
            }
        } catch {
            // Only a vault already at the largest revision gets here.
            throw .vaultFailure(error)
        }
        return updated
    }

    /// Gives a restored account its new credential right after the restore, with the grant
    /// the provider returned for it (`RestoreRequirement.enrolNow`): the provider decided,
    /// from its own records, that the recovery sign-in stands for the account.
    ///
    /// The account must be a personal account that awaits verification or enrolment, or
    /// holds only a scanned secret.
    /// - Throws: ``VerificationError/missingProviderAccount``, and the errors of
    ///   ``enrol(_:proof:)``.
    public func enrolRestoredAccount(_ account: Account, grant: EnrolmentGrant) async throws(VerificationError) -> Account {
        guard let reference = account.providerAccountReference, !reference.rawValue.isEmpty else {
            throw .missingProviderAccount
        }
        let proof = VerificationProof(
            accountID: account.id, providerAccount: reference, evidence: .recoverySignIn, verifiedAt: clock.now(),
            grant: grant)
        return try await enrol(account, proof: proof)
    }

    /// Whether a provider account in the state `details` says may be enrolled by `evidence`.
    private static func awaitsEnrolment(_ details: Account.ProviderDetails, by evidence: VerificationProof.Evidence) -> Bool {
        switch (evidence, details.device) {
        case (.passwordAndCode, .awaitingVerification(.passwordAndAlternateContact)):
            return true
        case (.qrCode, .awaitingVerification(.providerQRCode)):
            return true
        case (.recoverySignIn, .awaitingVerification(.passwordAndAlternateContact)),
            (.recoverySignIn, .awaitingEnrolment), (.recoverySignIn, .scannedSecret):
            return details.kind == .personal
        case (.providerSignIn, .awaitingEnrolment), (.providerSignIn, .scannedSecret):
            return true
        default:
            return false
        }
    }
}
