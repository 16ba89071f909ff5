import AccountModel
import Foundation

/// The identity provider of personal accounts, or an organisation's provider for work or
/// school accounts: it registers device credentials and checks what devices send.
///
/// Every requirement is about **one** account, named by its `ProviderAccountReference`
/// (what the vault account keeps in `Account/providerAccountReference`, and what
/// ``VerificationService/signIn(userName:password:)`` reports). An account may have several
/// credentials, one per device; a code or a push approval is valid when it matches *any*
/// of them, so a restored device's new credential and the old device's both work.
///
/// Implementation requirements:
/// - Report nothing about the user's other accounts: answers, errors and timing depend only
///   on the account named (an organisation's administrator learns nothing of them).
/// - ``enrol(_:for:)`` registers the credential or changes nothing; it authenticates the
///   request by the provider's own means (the session of the verification or sign-in that
///   preceded it). The SDK calls it only after a successful verification or sign-in.
/// - ``acceptsCode(_:for:)`` uses the provider's own clock and accepts the current TOTP time
///   step and one step either side.
/// - Throw ``VerificationError/unknownAccount`` for an account the provider does not know and
///   ``VerificationError/providerUnavailable(reason:)`` when it cannot be reached or cannot
///   serve (its own storage problems included).
public protocol AccountProvider: Sendable {
    /// Registers a device credential for `account`.
    /// - Throws: ``VerificationError/credentialAlreadyEnrolled`` for a reused credential
    ///   identifier, ``VerificationError/invalidCredential(reason:)`` for a malformed one.
    func enrol(_ credential: CredentialEnrolment, for account: ProviderAccountReference) async throws(VerificationError)

    /// The identifiers of the credentials registered for `account`, oldest first.
    func credentialIDs(for account: ProviderAccountReference) async throws(VerificationError) -> [String]

    /// Whether `code` is a current code of any credential of `account` (±1 time step).
    func acceptsCode(_ code: String, for account: ProviderAccountReference) async throws(VerificationError) -> Bool

    /// Whether `approval` is signed by any credential of `account`.
    func acceptsApproval(_ approval: PushApproval, for account: ProviderAccountReference) async throws(VerificationError) -> Bool
}
