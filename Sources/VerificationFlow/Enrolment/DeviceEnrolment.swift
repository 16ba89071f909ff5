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
    /// work-or-school account awaiting enrolment or holding only a scanned secret; for
    /// ``VerificationProof/Evidence/recoverySignIn``: a personal account that awaits
    /// verification or enrolment, or holds only a scanned secret).
    /// - Returns: `account` enrolled (`Account/DeviceState/enrolled(_:scannedSecret:)`)
    ///   with the new credential, and `modifiedAt` now.
    /// - Throws: ``VerificationError/proofForAnotherAccount``,
    ///   ``VerificationError/verificationNotNeeded``, or the provider's error; the account is
    ///   then unchanged.
    public func enrol(_ account: Account, proof: VerificationProof) async throws(VerificationError) -> Account {
        guard proof.accountID == account.id, proof.providerAccount == account.providerAccountReference else {
            throw .proofForAnotherAccount
        }
        guard let details = account.provider, Self.awaitsEnrolment(details, by: proof.evidence) else {
            throw .verificationNotNeeded
        }
        let now = clock.now()
        let credential = DeviceCredential(createdAt: now, using: RandomSourceBox(base: random))
        try await provider.enrol(CredentialEnrolment(credential), for: proof.providerAccount)
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

    /// Gives the recovery account's own personal account (no push approvals) its new
    /// credential right after restore, with no further verification: the recovery sign-in
    /// as `recoveryUserName` that the restore needed is the proof.
    ///
    /// Call it only right after that sign-in succeeded. Same as ``enrol(_:proof:)`` with
    /// ``VerificationProof/recoverySignIn(for:signedInAs:at:)``.
    /// - Throws: ``VerificationError/notTheRecoveryAccount``,
    ///   ``VerificationError/missingProviderAccount``, and the errors of ``enrol(_:proof:)``.
    public func enrolRecoveryAccount(_ account: Account, signedInAs recoveryUserName: String) async throws(VerificationError) -> Account {
        let proof = try VerificationProof.recoverySignIn(for: account, signedInAs: recoveryUserName, at: clock.now())
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
