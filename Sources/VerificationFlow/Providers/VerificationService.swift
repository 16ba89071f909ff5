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
/// - Bound guessing per account: after 5 wrong passwords (of sign-ins and verifications
///   alike) or 5 wrong codes within 15 minutes, every further attempt waits, with delays
///   that grow with each failure: throw ``VerificationError/tooManyAttempts(retryAfter:)``
///   until then, whatever the password or code. Delays, never a permanent lock: a stranger
///   who knows a user name can slow the owner down, not lock them out. Report the attempts
///   left before the delays in ``VerificationError/wrongPassword(attemptsRemaining:)`` and
///   ``VerificationError/wrongCode(attemptsRemaining:)``.
/// - ``signIn(userName:password:)`` answers an unknown user name exactly as a wrong password
///   — the same error, counted and delayed the same way — after the same work (a decoy
///   password hash at the stored cost), so a user name cannot be probed.
/// - Never reveal a full contact: offer ``MaskedContact`` values only, and only after the
///   password is right.
/// - Codes expire (``VerificationError/codeExpired``); sending another code waits for a
///   cooldown (``VerificationError/resendTooSoon(availableAt:)``); a new code replaces the
///   previous one; a ticket is finished by the right code.
/// - An enrolment payload cannot be forged (it is signed or MACed by the provider), is bound
///   to one account and organisation, expires, and is used once.
/// - Every successful proof — sign-in, right code, valid payload — returns a fresh
///   ``EnrolmentGrant`` for that one account, short-lived and single-use, which the
///   ``AccountProvider`` of the same server accepts in ``AccountProvider/enrol(_:for:grant:)``.
/// - Throw ``VerificationError/unknownAccount`` for an account reference the service does
///   not know and ``VerificationError/providerUnavailable(reason:)`` when it cannot be
///   reached or cannot serve (its own storage problems included).
public protocol VerificationService: Sendable {
    /// Signs in to the account named `userName` with its password, when the user adds that
    /// account to this device; no verification is started.
    ///
    /// A wrong password counts like one of ``checkPassword(_:for:)``; a right one resets the
    /// count. An unknown user name is answered as a wrong password. The SDK follows a
    /// successful sign-in with ``VerificationProof/providerSignIn(_:for:at:)`` and
    /// ``DeviceEnrolment`` (``AccountProvider/enrol(_:for:grant:)`` is then called for
    /// ``ProviderSignIn/reference`` with ``ProviderSignIn/grant``).
    /// - Returns: the account signed in to: its reference, kind, issuer and user name, and a
    ///   grant to enrol one credential or revoke one.
    /// - Throws: ``VerificationError/emptyPassword``,
    ///   ``VerificationError/wrongPassword(attemptsRemaining:)`` (a wrong password or an
    ///   unknown user name), ``VerificationError/tooManyAttempts(retryAfter:)``,
    ///   ``VerificationError/providerUnavailable(reason:)``.
    func signIn(userName: String, password: SecureBytes) async throws(VerificationError) -> ProviderSignIn

    /// Checks a personal account's password and, when it is right, starts a verification.
    /// - Returns: the ticket for the next steps and the account's contacts, masked.
    /// - Throws: ``VerificationError/wrongPassword(attemptsRemaining:)``,
    ///   ``VerificationError/tooManyAttempts(retryAfter:)``, ``VerificationError/noAlternateContact``.
    func checkPassword(_ password: SecureBytes, for account: ProviderAccountReference) async throws(VerificationError) -> PasswordCheck

    /// Sends a new one-time code to `contact`, one of those the password check offered.
    /// - Throws: ``VerificationError/unknownContact``, ``VerificationError/resendTooSoon(availableAt:)``,
    ///   ``VerificationError/verificationExpired``, ``VerificationError/tooManyAttempts(retryAfter:)``.
    func sendCode(to contact: MaskedContact, ticket: VerificationTicket) async throws(VerificationError) -> CodeDelivery

    /// Checks the code last sent for `ticket`.
    /// - Returns: when it is right, a grant to enrol one credential for the ticket's account.
    /// - Throws: ``VerificationError/wrongCode(attemptsRemaining:)``,
    ///   ``VerificationError/codeExpired``, ``VerificationError/noCodeSent``,
    ///   ``VerificationError/verificationExpired``, ``VerificationError/tooManyAttempts(retryAfter:)``.
    func checkCode(_ code: String, ticket: VerificationTicket) async throws(VerificationError) -> EnrolmentGrant

    /// Checks a QR enrolment payload for the work or school `account` of `organisation`, and
    /// uses it up.
    /// - Returns: when it is valid, a grant to enrol one credential for `account`.
    /// - Throws: ``VerificationError/malformedEnrolmentPayload``,
    ///   ``VerificationError/forgedEnrolmentPayload``,
    ///   ``VerificationError/enrolmentPayloadForAnotherOrganisation``,
    ///   ``VerificationError/enrolmentPayloadForAnotherAccount``,
    ///   ``VerificationError/enrolmentPayloadExpired(at:)``,
    ///   ``VerificationError/enrolmentPayloadAlreadyUsed``.
    func checkEnrolmentPayload(_ payload: String, for account: ProviderAccountReference, organisation: String) async throws(VerificationError) -> EnrolmentGrant
}
