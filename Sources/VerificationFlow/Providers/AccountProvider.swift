import AccountModel
import BackupServices
import Foundation

/// The identity provider of personal accounts, or an organisation's provider for work or
/// school accounts: it registers device credentials, checks what devices send, and decides
/// what a restore may mint.
///
/// Every requirement is about **one** account, named by its `ProviderAccountReference`
/// (what the vault account keeps in `Account/providerAccountReference`, and what
/// ``VerificationService/signIn(userName:password:)`` reports). An account may have several
/// credentials, one per device; a code or a push approval is valid when it matches *any*
/// of them that is not revoked, so a restored device's new credential and the old device's
/// both work until one is revoked.
///
/// Implementation requirements (the server side decides; the device only carries proofs):
/// - Report nothing about the user's other accounts: answers, errors and timing depend only
///   on the account named (an organisation's administrator learns nothing of them).
/// - ``enrol(_:for:grant:)`` registers the credential only with an ``EnrolmentGrant`` the
///   provider issued for that account, unexpired and unused, and uses it up; otherwise it
///   changes nothing and throws ``VerificationError/missingEnrolmentGrant`` (empty value),
///   ``VerificationError/forgedEnrolmentGrant`` (not issued by the provider),
///   ``VerificationError/enrolmentGrantForAnotherAccount``,
///   ``VerificationError/enrolmentGrantExpired`` or
///   ``VerificationError/enrolmentGrantAlreadyUsed``. Grants are short-lived (minutes).
/// - ``restoreRequirement(for:recoverySignIn:)`` decides from the provider's own records:
///   ``RestoreRequirement/enrolNow(_:)`` only for a personal account without push
///   approvals whose owning recovery identity is the one `recoverySignIn` proves (its
///   signature by a recovery-account service the provider trusts verifies and it has not
///   expired); ``RestoreRequirement/verify(_:)`` otherwise. Nothing the device sends
///   besides the assertion can change the answer.
/// - ``acceptsCode(_:for:)`` uses the provider's own clock, accepts the current TOTP time
///   step and one step either side, and accepts a time step of a credential at most once:
///   a code of a step at or before the last one accepted for that credential is refused
///   (replay).
/// - ``revokeCredential(_:for:grant:)`` needs a grant from a password sign-in
///   (``ProviderSignIn/grant``), so a thief holding only an old device's credential cannot
///   revoke the owner's others; a revoked credential's codes and approvals are refused and it
///   is no longer listed; the others keep working.
/// - Throw ``VerificationError/unknownAccount`` for an account the provider does not know and
///   ``VerificationError/providerUnavailable(reason:)`` when it cannot be reached or cannot
///   serve (its own storage problems included).
public protocol AccountProvider: Sendable {
    /// Registers a device credential for `account`, authorised by `grant`.
    /// - Throws: the grant errors above; ``VerificationError/credentialAlreadyEnrolled`` for
    ///   a reused credential identifier, ``VerificationError/invalidCredential(reason:)`` for
    ///   a malformed one (the grant is then not used up).
    func enrol(_ credential: CredentialEnrolment, for account: ProviderAccountReference, grant: EnrolmentGrant) async throws(VerificationError)

    /// What a restore may do with `account`: mint a credential at once, with a grant, or
    /// ask for verification. `recoverySignIn` is the recovery-account service's assertion of
    /// the identity the restore's sign-in proved (`RecoverySession/identityAssertion`), or
    /// `nil` when there is none.
    func restoreRequirement(
        for account: ProviderAccountReference, recoverySignIn: RecoveryIdentityAssertion?
    ) async throws(VerificationError) -> RestoreRequirement

    /// The credentials registered for `account` and not revoked, oldest first.
    func credentials(for account: ProviderAccountReference) async throws(VerificationError) -> [ProviderCredential]

    /// Revokes the credential `credentialID` of `account`, authorised by a grant from a
    /// password sign-in to the account.
    /// - Throws: the grant errors above, ``VerificationError/grantDoesNotAllowRevocation``
    ///   for a grant from anything but a password sign-in,
    ///   ``VerificationError/unknownCredential`` when the account has no such credential.
    func revokeCredential(_ credentialID: String, for account: ProviderAccountReference, grant: EnrolmentGrant) async throws(VerificationError)

    /// Whether `code` is a current code of any credential of `account` (±1 time step) whose
    /// time step was not accepted before.
    func acceptsCode(_ code: String, for account: ProviderAccountReference) async throws(VerificationError) -> Bool

    /// Whether `approval` is signed by any credential of `account`.
    func acceptsApproval(_ approval: PushApproval, for account: ProviderAccountReference) async throws(VerificationError) -> Bool
}

extension AccountProvider {
    /// The identifiers of ``credentials(for:)``, oldest first.
    public func credentialIDs(for account: ProviderAccountReference) async throws(VerificationError) -> [String] {
        try await credentials(for: account).map(\.id)
    }
}
