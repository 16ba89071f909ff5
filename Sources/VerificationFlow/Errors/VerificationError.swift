import SodiumBridge
import AccountModel
import Foundation

/// Every way verification, enrolment or a provider refuses a request: what any
/// ``AccountProvider`` or ``VerificationService`` and the SDK's own flows can throw.
///
/// Cases carry what an app needs to show (attempts left, when a lock ends, when a resend is
/// possible). ``message`` explains the problem in plain words and never contains a password,
/// a code, an OTP seed or a private key.
public enum VerificationError: ReportableError, Equatable, Hashable {
    // MARK: Flow and enrolment
    /// A flow step was asked for when the flow was elsewhere, e.g. `submitCode` before a code
    /// was sent. `action` is the method called, `step` the flow's current step.
    case outOfOrder(action: String, step: String)
    /// The account does not wait for verification (it is active, or a third-party account).
    case verificationNotNeeded
    /// The account waits for another method than the flow started for it.
    case wrongVerificationMethod(required: VerificationMethod)
    /// The account has no provider account reference, so no provider knows it.
    case missingProviderAccount
    /// The proof passed to enrolment was made for another account.
    case proofForAnotherAccount
    /// The vault holds no account with this identifier.
    case accountNotFound(AccountID)
    /// The vault already holds this account (same issuer and user name) as `existing`: the
    /// provider account signed in to was added to this device before.
    case duplicateAccount(existing: AccountID)
    /// The device's vault could not be read, changed or saved; the `AccountModelError` of
    /// the `AccountStore` or `Vault` says why.
    case vaultFailure(AccountModelError)

    // MARK: Personal accounts: password and alternate contact
    /// The password is empty.
    case emptyPassword
    /// The password is wrong (or, at a sign-in, the user name unknown: the two are not told
    /// apart); after `attemptsRemaining` more wrong ones every attempt waits.
    case wrongPassword(attemptsRemaining: Int)
    /// Too many wrong passwords or codes recently: the service takes no attempt before
    /// `retryAfter` (delays grow with each further failure; they are never permanent).
    case tooManyAttempts(retryAfter: Date)
    /// The account has no alternate e-mail address or phone number on file.
    case noAlternateContact
    /// The chosen contact is not one of those offered.
    case unknownContact
    /// The text is neither an e-mail address nor a phone number
    /// (``AlternateContact/init(_:)``).
    case invalidContact(String)
    /// A new code can be sent at `availableAt`, not before.
    case resendTooSoon(availableAt: Date)
    /// The code is wrong; after `attemptsRemaining` more wrong ones every attempt waits.
    case wrongCode(attemptsRemaining: Int)
    /// The code has expired: ask for a new one.
    case codeExpired
    /// No code was sent for this verification yet.
    case noCodeSent
    /// The verification started too long ago, or was replaced or finished: start again.
    case verificationExpired

    // MARK: Work or school accounts: QR enrolment payload
    /// The scanned text is not an enrolment payload.
    case malformedEnrolmentPayload
    /// The payload's signature does not verify: it was altered or not issued by the provider.
    case forgedEnrolmentPayload
    /// The payload was issued for another account.
    case enrolmentPayloadForAnotherAccount
    /// The payload was issued by or for another organisation.
    case enrolmentPayloadForAnotherOrganisation
    /// The payload expired at the given time: ask the organisation for a new one.
    case enrolmentPayloadExpired(at: Date)
    /// The payload was already used to enrol a device.
    case enrolmentPayloadAlreadyUsed

    // MARK: Providers
    /// The provider knows no such account.
    case unknownAccount
    /// A credential with this identifier is already enrolled.
    case credentialAlreadyEnrolled
    /// The credential cannot be enrolled: `reason` says which part is wrong.
    case invalidCredential(reason: String)
    /// Enrolment was asked for without a grant (an empty one).
    case missingEnrolmentGrant
    /// The grant was not issued by the provider (or was altered).
    case forgedEnrolmentGrant
    /// The grant was issued for another account.
    case enrolmentGrantForAnotherAccount
    /// The grant has expired: verify again.
    case enrolmentGrantExpired
    /// The grant was used already: verify again.
    case enrolmentGrantAlreadyUsed
    /// Revoking a credential needs a grant from a password sign-in to the account; this one
    /// came from another proof (a verification code, a QR code or a recovery sign-in).
    case grantDoesNotAllowRevocation
    /// The account has no credential with this identifier (never enrolled, or revoked).
    case unknownCredential
    /// The provider or verification service cannot be reached, or cannot serve the request
    /// (e.g. its own storage failed); `reason` says why, without secrets.
    case providerUnavailable(reason: String)

    /// What went wrong, in plain words, without secrets.
    public var message: String {
        switch self {
        case let .outOfOrder(action, step):
            return "\(action) is not possible at the \(step) step"
        case .verificationNotNeeded:
            return "this account does not need verification"
        case let .wrongVerificationMethod(required):
            switch required {
            case .passwordAndAlternateContact:
                return "this account is verified with its password and a code sent to an alternate contact"
            case .providerQRCode:
                return "this account is verified with a QR code from its organisation"
            }
        case .missingProviderAccount:
            return "this account has no provider account reference"
        case .proofForAnotherAccount:
            return "the verification was made for another account"
        case let .accountNotFound(id):
            return "no account with identifier \(id) in the vault"
        case let .duplicateAccount(existing):
            return "this account is already in the vault as \(existing)"
        case let .vaultFailure(error):
            return "the vault cannot be read or saved: \(error.message)"
        case .emptyPassword:
            return "the password is empty"
        case let .wrongPassword(attemptsRemaining):
            return "wrong password; \(attemptsRemaining) attempt\(attemptsRemaining == 1 ? "" : "s") left"
        case let .tooManyAttempts(retryAfter):
            return "too many wrong attempts; try again after \(Self.format(retryAfter))"
        case .noAlternateContact:
            return "the account has no alternate e-mail address or phone number on file"
        case .unknownContact:
            return "that contact is not one of those offered"
        case let .invalidContact(text):
            return "\(text) is neither an e-mail address nor a phone number"
        case let .resendTooSoon(availableAt):
            return "a new code can be sent after \(Self.format(availableAt))"
        case let .wrongCode(attemptsRemaining):
            return "wrong code; \(attemptsRemaining) attempt\(attemptsRemaining == 1 ? "" : "s") left"
        case .codeExpired:
            return "the code has expired; ask for a new one"
        case .noCodeSent:
            return "no code has been sent yet"
        case .verificationExpired:
            return "this verification has expired or was replaced; start again"
        case .malformedEnrolmentPayload:
            return "this is not an enrolment QR code"
        case .forgedEnrolmentPayload:
            return "this enrolment QR code was not issued by the provider or was altered"
        case .enrolmentPayloadForAnotherAccount:
            return "this enrolment QR code is for another account"
        case .enrolmentPayloadForAnotherOrganisation:
            return "this enrolment QR code is for another organisation"
        case let .enrolmentPayloadExpired(at):
            return "this enrolment QR code expired at \(Self.format(at)); ask for a new one"
        case .enrolmentPayloadAlreadyUsed:
            return "this enrolment QR code has already been used; ask for a new one"
        case .unknownAccount:
            return "the provider has no such account"
        case .credentialAlreadyEnrolled:
            return "this credential is already enrolled"
        case let .invalidCredential(reason):
            return "invalid credential: \(reason)"
        case .missingEnrolmentGrant:
            return "enrolment needs a grant from the provider: verify first"
        case .forgedEnrolmentGrant:
            return "the enrolment grant was not issued by the provider"
        case .enrolmentGrantForAnotherAccount:
            return "the enrolment grant was issued for another account"
        case .enrolmentGrantExpired:
            return "the enrolment grant has expired; verify again"
        case .enrolmentGrantAlreadyUsed:
            return "the enrolment grant has already been used; verify again"
        case .grantDoesNotAllowRevocation:
            return "revoking a device needs a sign-in to the account with its password"
        case .unknownCredential:
            return "the account has no such device credential"
        case let .providerUnavailable(reason):
            return "the provider is unavailable: \(reason)"
        }
    }

    private static func format(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }
}

extension VerificationError {
    /// The case name scripts match, e.g. `outOfOrder`: a constant that stays the same whatever
    /// the compiler keeps of the type's metadata.
    public var caseName: String {
        switch self {
        case .outOfOrder: return "outOfOrder"
        case .verificationNotNeeded: return "verificationNotNeeded"
        case .wrongVerificationMethod: return "wrongVerificationMethod"
        case .missingProviderAccount: return "missingProviderAccount"
        case .proofForAnotherAccount: return "proofForAnotherAccount"
        case .accountNotFound: return "accountNotFound"
        case .emptyPassword: return "emptyPassword"
        case .wrongPassword: return "wrongPassword"
        case .tooManyAttempts: return "tooManyAttempts"
        case .noAlternateContact: return "noAlternateContact"
        case .unknownContact: return "unknownContact"
        case .resendTooSoon: return "resendTooSoon"
        case .wrongCode: return "wrongCode"
        case .codeExpired: return "codeExpired"
        case .noCodeSent: return "noCodeSent"
        case .verificationExpired: return "verificationExpired"
        case .malformedEnrolmentPayload: return "malformedEnrolmentPayload"
        case .forgedEnrolmentPayload: return "forgedEnrolmentPayload"
        case .enrolmentPayloadForAnotherAccount: return "enrolmentPayloadForAnotherAccount"
        case .enrolmentPayloadForAnotherOrganisation: return "enrolmentPayloadForAnotherOrganisation"
        case .enrolmentPayloadExpired: return "enrolmentPayloadExpired"
        case .enrolmentPayloadAlreadyUsed: return "enrolmentPayloadAlreadyUsed"
        case .unknownAccount: return "unknownAccount"
        case .credentialAlreadyEnrolled: return "credentialAlreadyEnrolled"
        case .invalidCredential: return "invalidCredential"
        case .providerUnavailable: return "providerUnavailable"
        case .missingEnrolmentGrant: return "missingEnrolmentGrant"
        case .forgedEnrolmentGrant: return "forgedEnrolmentGrant"
        case .enrolmentGrantForAnotherAccount: return "enrolmentGrantForAnotherAccount"
        case .enrolmentGrantExpired: return "enrolmentGrantExpired"
        case .enrolmentGrantAlreadyUsed: return "enrolmentGrantAlreadyUsed"
        case .grantDoesNotAllowRevocation: return "grantDoesNotAllowRevocation"
        case .unknownCredential: return "unknownCredential"
        case .invalidContact: return "invalidContact"
        case .duplicateAccount: return "duplicateAccount"
        case .vaultFailure: return "vaultFailure"
        }
    }
}
