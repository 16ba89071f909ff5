import SodiumBridge
import AccountModel

/// Checks who the user is before a device-bound account gets a new credential on this
/// device: when the user adds the account by signing in to it, and when a restored account
/// is verified.
///
/// Adding an account: ``signIn(userName:password:)`` with the account's user name and
/// password, as the provider's sign-in screen does. Verifying a restored personal account:
/// the account password, then a one-time code sent to an alternate e-mail address or phone
/// number on file, chosen by the user from masked values. Verifying a restored work or
/// school account: a QR enrolment payload issued by the organisation's provider.
///
/// Implementation requirements:
/// - Count wrong passwords (of sign-ins and verifications alike) and wrong codes per
///   account and, at the limit, lock the account for a while: throw
///   ``VerificationError/locked(until:)`` for every personal call until it ends. Report the
///   attempts left in ``VerificationError/wrongPassword(attemptsRemaining:)`` and
///   ``VerificationError/wrongCode(attemptsRemaining:)``.
/// - Never reveal a full contact: offer ``MaskedContact`` values only, and only after the
///   password is right.
/// - Codes expire (``VerificationError/codeExpired``); sending another code waits for a
///   cooldown (``VerificationError/resendTooSoon(availableAt:)``); a new code replaces the
///   previous one; a ticket is finished by the right code.
/// - An enrolment payload cannot be forged (it is signed or MACed by the provider), is bound
///   to one account and organisation, expires, and is used once.
/// - Throw ``VerificationError/unknownAccount`` for an account the service does not know and
///   ``VerificationError/providerUnavailable(reason:)`` when it cannot be reached or cannot
///   serve (its own storage problems included).
public protocol VerificationService: Sendable {
    /// Signs in to the account named `userName` with its password, when the user adds that
    /// account to this device; no verification is started.
    ///
    /// A wrong password counts like one of ``checkPassword(_:for:)`` (and the last allowed
    /// one locks the account); a right one resets the count. The SDK follows a successful
    /// sign-in with ``VerificationProof/providerSignIn(for:at:)`` and ``DeviceEnrolment``
    /// (``AccountProvider/enrol(_:for:)`` is then called for ``ProviderSignIn/reference``).
    /// - Returns: the account signed in to: its reference, kind, issuer and user name.
    /// - Throws: ``VerificationError/emptyPassword``, ``VerificationError/unknownAccount``,
    ///   ``VerificationError/wrongPassword(attemptsRemaining:)``,
    ///   ``VerificationError/locked(until:)``, ``VerificationError/providerUnavailable(reason:)``.
    func signIn(userName: String, password: SecureBytes) async throws(VerificationError) -> ProviderSignIn

    /// Checks a personal account's password and, when it is right, starts a verification.
    /// - Returns: the ticket for the next steps and the account's contacts, masked.
    /// - Throws: ``VerificationError/wrongPassword(attemptsRemaining:)``,
    ///   ``VerificationError/locked(until:)``, ``VerificationError/noAlternateContact``.
    func checkPassword(_ password: SecureBytes, for account: ProviderAccountReference) async throws(VerificationError) -> PasswordCheck

    /// Sends a new one-time code to `contact`, one of those the password check offered.
    /// - Throws: ``VerificationError/unknownContact``, ``VerificationError/resendTooSoon(availableAt:)``,
    ///   ``VerificationError/verificationExpired``, ``VerificationError/locked(until:)``.
    func sendCode(to contact: MaskedContact, ticket: VerificationTicket) async throws(VerificationError) -> CodeDelivery

    /// Checks the code last sent for `ticket`; returns normally when it is right.
    /// - Throws: ``VerificationError/wrongCode(attemptsRemaining:)``,
    ///   ``VerificationError/codeExpired``, ``VerificationError/noCodeSent``,
    ///   ``VerificationError/verificationExpired``, ``VerificationError/locked(until:)``.
    func checkCode(_ code: String, ticket: VerificationTicket) async throws(VerificationError)

    /// Checks a QR enrolment payload for the work or school `account` of `organisation`, and
    /// uses it up; returns normally when it is valid.
    /// - Throws: ``VerificationError/malformedEnrolmentPayload``,
    ///   ``VerificationError/forgedEnrolmentPayload``,
    ///   ``VerificationError/enrolmentPayloadForAnotherOrganisation``,
    ///   ``VerificationError/enrolmentPayloadForAnotherAccount``,
    ///   ``VerificationError/enrolmentPayloadExpired(at:)``,
    ///   ``VerificationError/enrolmentPayloadAlreadyUsed``.
    func checkEnrolmentPayload(_ payload: String, for account: ProviderAccountReference, organisation: String) async throws(VerificationError)
}
