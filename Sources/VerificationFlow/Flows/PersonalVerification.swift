import OTP
import SodiumBridge
import AccountModel
import Foundation

/// The verification of a restored personal account, as a value-type state machine that an
/// app's screens follow: ``Step/enterPassword`` → ``Step/chooseContact(_:)`` →
/// ``Step/codeSent(_:)`` → ``Step/enterCode(_:)`` → ``Step/verified(_:)``.
///
/// Each method moves the flow one step or throws a typed error and leaves it where it was
/// (except that a lock moves it to ``Step/locked(until:)`` and an expired verification back
/// to ``Step/enterPassword``). Calling a method at the wrong step throws
/// ``VerificationError/outOfOrder(action:step:)``. ``cancel()`` is allowed at any step.
///
/// The flow never changes the account: on ``Step/verified(_:)`` pass its proof to
/// ``DeviceEnrolment/enrol(_:proof:)``. A cancelled, failed or locked flow leaves the account
/// waiting for verification, exactly as it was.
///
/// The verification service counts wrong passwords and codes, expires codes and enforces the
/// resend cooldown; the flow reflects its answers and checks expiry and cooldown locally
/// first, so an app can show them without a round trip.
public struct PersonalVerification: Sendable {
    /// Where the verification is; each step is one screen.
    public enum Step: Sendable, Hashable, Codable {
        /// Ask for the account password.
        case enterPassword
        /// Let the user pick where the code goes, from masked contacts.
        case chooseContact([MaskedContact])
        /// Tell the user where the code went; offer to resend after the cooldown.
        case codeSent(CodeDelivery)
        /// Ask for the code.
        case enterCode(CodeDelivery)
        /// Done: pass the proof to ``DeviceEnrolment``.
        case verified(VerificationProof)
        /// Too many wrong attempts: the service asks to wait until the given time.
        case locked(until: Date)
        /// The user gave up; the account is unchanged.
        case cancelled

        /// The step's name, as used in ``VerificationError/outOfOrder(action:step:)``.
        public var name: String {
            switch self {
            case .enterPassword: return "enterPassword"
            case .chooseContact: return "chooseContact"
            case .codeSent: return "codeSent"
            case .enterCode: return "enterCode"
            case .verified: return "verified"
            case .locked: return "locked"
            case .cancelled: return "cancelled"
            }
        }
    }

    /// Everything needed to resume the flow later, e.g. in another process between sending a
    /// code and entering it. It holds the verification ticket, a short-lived bearer secret:
    /// keep it only where the app keeps its vault, and only while the verification runs.
    public struct Snapshot: Sendable, Hashable, Codable {
        let accountID: AccountID
        let providerAccount: ProviderAccountReference
        let step: Step
        let ticket: VerificationTicket?
        let contacts: [MaskedContact]
    }

    /// The current step.
    public private(set) var step: Step
    /// The vault account being verified.
    public let accountID: AccountID
    /// The provider's reference of that account.
    public let providerAccount: ProviderAccountReference

    private let service: any VerificationService
    private let clock: any TimeSource
    private var ticket: VerificationTicket?
    private var contacts: [MaskedContact]

    /// Starts verifying `account`, at ``Step/enterPassword``.
    /// - Throws: ``VerificationError/verificationNotNeeded`` when the account does not wait
    ///   for verification, ``VerificationError/wrongVerificationMethod(required:)`` when it
    ///   waits for a QR code, ``VerificationError/missingProviderAccount`` when it has no
    ///   provider reference.
    public init(
        for account: Account, service: some VerificationService, clock: some TimeSource = SystemTimeSource()
    ) throws(VerificationError) {
        switch account.restoreState {
        case .active: throw .verificationNotNeeded
        case .needsVerification(.providerQRCode): throw .wrongVerificationMethod(required: .providerQRCode)
        case .needsVerification(.passwordAndAlternateContact): break
        }
        guard let reference = account.providerAccountReference, !reference.rawValue.isEmpty else {
            throw .missingProviderAccount
        }
        self.accountID = account.id
        self.providerAccount = reference
        self.service = service
        self.clock = clock
        self.step = .enterPassword
        self.ticket = nil
        self.contacts = []
    }

    /// Resumes a flow from ``snapshot``.
    public init(resuming snapshot: Snapshot, service: some VerificationService, clock: some TimeSource = SystemTimeSource()) {
        self.accountID = snapshot.accountID
        self.providerAccount = snapshot.providerAccount
        self.step = snapshot.step
        self.ticket = snapshot.ticket
        self.contacts = snapshot.contacts
        self.service = service
        self.clock = clock
    }

    /// The state to keep for ``init(resuming:service:clock:)``.
    public var snapshot: Snapshot {
        Snapshot(accountID: accountID, providerAccount: providerAccount, step: step, ticket: ticket, contacts: contacts)
    }

    /// The proof of verification, once the flow is ``Step/verified(_:)``; otherwise `nil`.
    public var proof: VerificationProof? {
        if case let .verified(proof) = step { return proof }
        return nil
    }

    /// The contacts the password check offered (empty before it), for ``sendCode(to:)``.
    public var offeredContacts: [MaskedContact] { contacts }

    /// The offered contact that `text` names, as a user types it: in full (an e-mail address
    /// or phone number, matched by its mask) or masked as shown. `nil` when it names none of
    /// the offered contacts, or several (their masks look alike).
    public func offeredContact(matching text: String) -> MaskedContact? {
        let masked = (try? AlternateContact(text))?.masked
        let matches = contacts.filter { $0.maskedValue == text || $0.maskedValue == masked }
        guard matches.count == 1 else { return nil }
        return matches.first
    }

    // MARK: Steps

    /// ``Step/enterPassword`` → ``Step/chooseContact(_:)`` when the password is right.
    /// - Throws: ``VerificationError/emptyPassword``,
    ///   ``VerificationError/wrongPassword(attemptsRemaining:)`` (the flow stays),
    ///   ``VerificationError/tooManyAttempts(retryAfter:)`` (the flow moves to ``Step/locked(until:)``),
    ///   ``VerificationError/noAlternateContact``.
    public mutating func submitPassword(_ password: SecureBytes) async throws(VerificationError) {
        try expect(.enterPassword, for: "submitPassword")
        guard !password.isEmpty else { throw .emptyPassword }
        let check: PasswordCheck
        do { check = try await service.checkPassword(password, for: providerAccount) } catch {
            reflect(error)
            throw error
        }
        guard !check.contacts.isEmpty else { throw .noAlternateContact }
        ticket = check.ticket
        contacts = check.contacts
        step = .chooseContact(check.contacts)
    }

    /// ``Step/chooseContact(_:)`` → ``Step/codeSent(_:)``: sends a code to `contact`, one of
    /// those offered.
    /// - Throws: ``VerificationError/unknownContact``,
    ///   ``VerificationError/resendTooSoon(availableAt:)`` (a code was sent moments ago to
    ///   another contact), ``VerificationError/verificationExpired``.
    public mutating func sendCode(to contact: MaskedContact) async throws(VerificationError) {
        guard case .chooseContact = step else { throw outOfOrder("sendCode") }
        guard let offered = contacts.first(where: { $0.id == contact.id }) else { throw .unknownContact }
        try await send(to: offered)
    }

    /// ``Step/codeSent(_:)`` → ``Step/enterCode(_:)``: the user is ready to type the code.
    public mutating func continueToCodeEntry() throws(VerificationError) {
        guard case let .codeSent(delivery) = step else { throw outOfOrder("continueToCodeEntry") }
        step = .enterCode(delivery)
    }

    /// ``Step/codeSent(_:)`` or ``Step/enterCode(_:)`` → ``Step/codeSent(_:)``: sends a new
    /// code to the same contact once the cooldown has passed. The new code replaces the old.
    /// - Throws: ``VerificationError/resendTooSoon(availableAt:)``,
    ///   ``VerificationError/verificationExpired``, ``VerificationError/tooManyAttempts(retryAfter:)``.
    public mutating func resendCode() async throws(VerificationError) {
        let delivery: CodeDelivery
        switch step {
        case let .codeSent(sent), let .enterCode(sent): delivery = sent
        default: throw outOfOrder("resendCode")
        }
        guard clock.now() >= delivery.resendAvailableAt else {
            throw .resendTooSoon(availableAt: delivery.resendAvailableAt)
        }
        try await send(to: delivery.contact)
    }

    /// ``Step/codeSent(_:)`` or ``Step/enterCode(_:)`` → ``Step/chooseContact(_:)``: the
    /// user wants the code sent elsewhere (the cooldown still applies).
    public mutating func chooseAnotherContact() throws(VerificationError) {
        switch step {
        case .codeSent, .enterCode: step = .chooseContact(contacts)
        default: throw outOfOrder("chooseAnotherContact")
        }
    }

    /// ``Step/enterCode(_:)`` → ``Step/verified(_:)`` when the code is right. Spaces in
    /// `code` are ignored.
    /// - Throws: ``VerificationError/codeExpired`` (ask for a new code),
    ///   ``VerificationError/wrongCode(attemptsRemaining:)`` (the flow stays),
    ///   ``VerificationError/tooManyAttempts(retryAfter:)`` (the flow moves to ``Step/locked(until:)``),
    ///   ``VerificationError/verificationExpired`` (back to ``Step/enterPassword``).
    public mutating func submitCode(_ code: String) async throws(VerificationError) {
        guard case let .enterCode(delivery) = step else { throw outOfOrder("submitCode") }
        guard let ticket else { throw .verificationExpired }
        let now = clock.now()
        guard now < delivery.expiresAt else { throw .codeExpired }
        let typed = code.filter { !$0.isWhitespace }
        let grant: EnrolmentGrant
        do { grant = try await service.checkCode(typed, ticket: ticket) } catch {
            reflect(error)
            throw error
        }
        self.ticket = nil
        step = .verified(VerificationProof(
            accountID: accountID, providerAccount: providerAccount, evidence: .passwordAndCode, verifiedAt: clock.now(),
            grant: grant
        ))
    }

    /// ``Step/locked(until:)`` → ``Step/enterPassword`` once the lock has ended.
    /// - Throws: ``VerificationError/tooManyAttempts(retryAfter:)`` while it lasts.
    public mutating func resumeAfterLock() throws(VerificationError) {
        guard case let .locked(until) = step else { throw outOfOrder("resumeAfterLock") }
        guard clock.now() >= until else { throw .tooManyAttempts(retryAfter: until) }
        ticket = nil
        contacts = []
        step = .enterPassword
    }

    /// Any step → ``Step/cancelled``. The account stays as it was.
    public mutating func cancel() {
        ticket = nil
        step = .cancelled
    }

    // MARK: Helpers

    private mutating func send(to contact: MaskedContact) async throws(VerificationError) {
        guard let ticket else { throw .verificationExpired }
        let delivery: CodeDelivery
        do { delivery = try await service.sendCode(to: contact, ticket: ticket) } catch {
            reflect(error)
            throw error
        }
        step = .codeSent(delivery)
    }

    /// Reflects a service error in the step: a lock moves the flow to ``Step/locked(until:)``
    /// and an expired verification back to ``Step/enterPassword``.
    private mutating func reflect(_ error: VerificationError) {
        switch error {
        case let .tooManyAttempts(until):
            ticket = nil
            step = .locked(until: until)
        case .verificationExpired:
            ticket = nil
            step = .enterPassword
        default:
            break
        }
    }

    private func expect(_ expected: Step, for action: String) throws(VerificationError) {
        if case let .locked(until) = step, clock.now() < until { throw .tooManyAttempts(retryAfter: until) }
        guard step == expected else { throw outOfOrder(action) }
    }

    private func outOfOrder(_ action: String) -> VerificationError {
        if case let .locked(until) = step, clock.now() < until { return .tooManyAttempts(retryAfter: until) }
        return .outOfOrder(action: action, step: step.name)
    }
}
