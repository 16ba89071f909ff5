import OTP
import AccountModel
import Foundation

/// The verification of a restored work or school account, as a value-type state machine:
/// ``Step/scanCode`` → ``Step/verified(_:)``.
///
/// The user scans a QR code from their organisation; the app passes the text it holds to
/// ``submitScannedCode(_:)``. A payload for another account or organisation, an expired,
/// used, forged or malformed one is refused with a typed error and the flow stays at
/// ``Step/scanCode`` so the user can scan another. ``cancel()`` is allowed at any step.
///
/// The flow never changes the account: on ``Step/verified(_:)`` pass its proof to
/// ``DeviceEnrolment/enrol(_:proof:)``.
public struct WorkOrSchoolVerification: Sendable {
    /// Where the verification is; each step is one screen.
    public enum Step: Sendable, Hashable, Codable {
        /// Show the camera to scan the organisation's QR code.
        case scanCode
        /// Done: pass the proof to ``DeviceEnrolment``.
        case verified(VerificationProof)
        /// The user gave up; the account is unchanged.
        case cancelled

        /// The step's name, as used in ``VerificationError/outOfOrder(action:step:)``.
        public var name: String {
            switch self {
            case .scanCode: return "scanCode"
            case .verified: return "verified"
            case .cancelled: return "cancelled"
            }
        }
    }

    /// The current step.
    public private(set) var step: Step
    /// The vault account being verified.
    public let accountID: AccountID
    /// The provider's reference of that account.
    public let providerAccount: ProviderAccountReference
    /// The organisation the payload must be for: the account's `Account/issuer`.
    public let organisation: String

    private let service: any VerificationService
    private let clock: any TimeSource

    /// Starts verifying `account`, at ``Step/scanCode``.
    /// - Throws: ``VerificationError/verificationNotNeeded`` when the account does not wait
    ///   for verification, ``VerificationError/wrongVerificationMethod(required:)`` when it
    ///   waits for a password and code, ``VerificationError/missingProviderAccount`` when it
    ///   has no provider reference.
    public init(
        for account: Account, service: some VerificationService, clock: some TimeSource = SystemTimeSource()
    ) throws(VerificationError) {
        switch account.restoreState {
        case .active: throw .verificationNotNeeded
        case .needsVerification(.passwordAndAlternateContact):
            throw .wrongVerificationMethod(required: .passwordAndAlternateContact)
        case .needsVerification(.providerQRCode): break
        }
        guard let reference = account.providerAccountReference, !reference.rawValue.isEmpty else {
            throw .missingProviderAccount
        }
        self.accountID = account.id
        self.providerAccount = reference
        self.organisation = account.issuer
        self.service = service
        self.clock = clock
        self.step = .scanCode
    }

    /// The proof of verification, once the flow is ``Step/verified(_:)``; otherwise `nil`.
    public var proof: VerificationProof? {
        if case let .verified(proof) = step { return proof }
        return nil
    }

    /// ``Step/scanCode`` → ``Step/verified(_:)`` when the service accepts `payload` (the text
    /// read from the QR code; surrounding white space is ignored).
    /// - Throws: ``VerificationError/malformedEnrolmentPayload``,
    ///   ``VerificationError/forgedEnrolmentPayload``,
    ///   ``VerificationError/enrolmentPayloadForAnotherOrganisation``,
    ///   ``VerificationError/enrolmentPayloadForAnotherAccount``,
    ///   ``VerificationError/enrolmentPayloadExpired(at:)``,
    ///   ``VerificationError/enrolmentPayloadAlreadyUsed``; the flow stays at ``Step/scanCode``.
    public mutating func submitScannedCode(_ payload: String) async throws(VerificationError) {
        guard case .scanCode = step else {
            throw .outOfOrder(action: "submitScannedCode", step: step.name)
        }
        let text = payload.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw .malformedEnrolmentPayload }
        let grant = try await service.checkEnrolmentPayload(text, for: providerAccount, organisation: organisation)
        step = .verified(VerificationProof(
            accountID: accountID, providerAccount: providerAccount, evidence: .qrCode, verifiedAt: clock.now(), grant: grant
        ))
    }

    /// Any step → ``Step/cancelled``. The account stays as it was.
    public mutating func cancel() {
        step = .cancelled
    }
}
