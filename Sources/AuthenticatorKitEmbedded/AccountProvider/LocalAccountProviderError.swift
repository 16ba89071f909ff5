import SodiumBridge
import AccountModel
import VerificationFlow

/// Every way the administration API of ``LocalAccountProvider`` refuses a request: what a
/// provider's console or sign-up does (``LocalAccountProvider/createAccount(userName:kind:organisation:password:alternateContacts:)``,
/// ``LocalAccountProvider/account(named:)``, ``LocalAccountProvider/qrPayload(for:lifetime:)``,
/// ``LocalAccountProvider/lastCode(sentTo:)``…).
///
/// The `AccountProvider` and `VerificationService` operations of the embedded provider
/// throw `VerificationError` instead, as any provider does; there, a store that cannot be
/// read or written is `VerificationError.providerUnavailable(reason:)`.
public enum LocalAccountProviderError: ReportableError, Equatable, Hashable {
    /// An account with this user name (ignoring case) already exists.
    case accountAlreadyExists(userName: String)
    /// The account cannot be created: `reason` says what is wrong.
    case invalidAccount(reason: String)
    /// The password is empty.
    case emptyPassword
    /// The provider has no account with this user name or reference.
    case unknownAccount
    /// The account is verified with another method than the request needs: a QR enrolment
    /// payload was asked for a personal account, which is verified with its password and a
    /// code (`required`).
    case wrongVerificationMethod(required: VerificationMethod)
    /// The text is neither an e-mail address nor a phone number.
    case invalidContact(String)
    /// Argon2id parameters below the floor (libsodium's minimum) or above its maximum.
    case invalidPasswordHashingCost
    /// Reading or writing the provider's directory failed.
    case storageFailure(String)
    /// The provider's store file is damaged or of an unknown version.
    case storageDamaged(path: String)

    /// The Swift case name, e.g. `accountAlreadyExists`.
    public var caseName: String {
        switch self {
        case .accountAlreadyExists: return "accountAlreadyExists"
        case .invalidAccount: return "invalidAccount"
        case .emptyPassword: return "emptyPassword"
        case .unknownAccount: return "unknownAccount"
        case .wrongVerificationMethod: return "wrongVerificationMethod"
        case .invalidContact: return "invalidContact"
        case .invalidPasswordHashingCost: return "invalidPasswordHashingCost"
        case .storageFailure: return "storageFailure"
        case .storageDamaged: return "storageDamaged"
        }
    }

    /// What went wrong, in plain words, without secrets.
    public var message: String {
        switch self {
        case let .accountAlreadyExists(userName):
            return "an account named \(userName) already exists"
        case let .invalidAccount(reason):
            return "invalid account: \(reason)"
        case .emptyPassword:
            return "the password is empty"
        case .unknownAccount:
            return "the provider has no such account"
        case let .wrongVerificationMethod(required):
            switch required {
            case .passwordAndAlternateContact:
                return "this account is verified with its password and a code sent to an alternate contact"
            case .providerQRCode:
                return "this account is verified with a QR code from its organisation"
            }
        case let .invalidContact(text):
            return "\(text) is neither an e-mail address nor a phone number"
        case .invalidPasswordHashingCost:
            return "Argon2id parameters are below the floor or above libsodium's limits"
        case let .storageFailure(reason):
            return "storage failure: \(reason)"
        case let .storageDamaged(path):
            return "the provider store \(path) is damaged or of an unknown version"
        }
    }

    /// How a protocol operation reports this storage problem: the provider cannot serve.
    var unavailable: VerificationError {
        .providerUnavailable(reason: message)
    }
}
