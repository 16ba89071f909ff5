import OTP
import VerificationFlow
import AccountModel
import Foundation

/// Everything ``LocalAccountProvider`` keeps, as one JSON document written atomically.
///
/// It is the provider's side: it holds the OTP seeds of registered credentials (a provider
/// must know them to check codes), password verifiers (never passwords), the outbox of
/// "sent" codes and the key that MACs enrolment payloads. The file is created with mode 0600.
struct ProviderState: Codable, Equatable {
    static let currentVersion = 1

    var version = ProviderState.currentVersion
    /// Keyed-BLAKE2b key for enrolment payloads; created with the first account.
    var payloadKey = Data()
    /// Accounts by reference.
    var accounts: [String: StoredAccount] = [:]
    /// Personal verifications in progress, by BLAKE2b hash of the ticket value (hex).
    var tickets: [String: StoredTicket] = [:]
    /// The last code sent to each contact, by normalised contact value.
    var outbox: [String: StoredMessage] = [:]
    /// Nonces of enrolment payloads already used (hex).
    var usedPayloadNonces: Set<String> = []
    /// Enrolment grants issued, by BLAKE2b hash of the grant value (hex); `nil` in files
    /// written before grants existed.
    var grants: [String: StoredGrant]?
    /// Recent failed attempts, by throttle key (`password:<user name>`, `code:<reference>`);
    /// kept for unknown user names too, so they are answered like known ones.
    var throttles: [String: StoredThrottle]?
}

struct StoredAccount: Codable, Equatable {
    var reference: String
    var userName: String
    var kind: AccountKind
    var organisation: String?
    var password: StoredVerifier
    var contacts: [AlternateContact]
    var credentials: [StoredCredential] = []
    /// Whether any credential was ever enrolled with push approvals: the provider's own
    /// record, which no backup or vault can change. `nil` (files written before it was kept):
    /// unknown, treated as on.
    var pushApprovals: Bool?
    /// The recovery identity that owns the account (its user name), whose sign-in may stand
    /// for the account at a restore; `nil`: none.
    var recoveryAccount: String?
    /// Identifiers of revoked credentials, never enrolled again.
    var revokedCredentialIDs: [String]?

    var summary: ProviderAccount {
        ProviderAccount(reference: ProviderAccountReference(reference), userName: userName, kind: kind, organisation: organisation)
    }

    /// The contacts as the app sees them; identifiers are 1-based positions.
    var maskedContacts: [MaskedContact] {
        contacts.enumerated().map { index, contact in
            MaskedContact(id: String(index + 1), kind: contact.kind, maskedValue: contact.masked)
        }
    }
}

struct StoredVerifier: Codable, Equatable {
    var salt: Data
    var hash: Data
    var operations: UInt64
    var memoryBytes: UInt64
}

struct StoredCredential: Codable, Equatable {
    var id: String
    var publicKey: Data
    var seed: Data
    var algorithm: Algorithm
    var digits: Int
    var period: Int64
    var enrolledAt: Date
    /// Whether the device answers push approvals with it.
    var pushApprovals: Bool?
    /// The last time step of a code accepted from it: codes of that step or before are
    /// refused (replay).
    var lastAcceptedStep: UInt64?
}

/// What proved the user when a grant was issued.
enum GrantPurpose: String, Codable, Equatable {
    case passwordSignIn, passwordAndCode, qrCode, recoverySignIn
}

/// An enrolment grant as the provider remembers it (the value itself is never stored).
struct StoredGrant: Codable, Equatable {
    var account: String
    var purpose: GrantPurpose
    var expiresAt: Date
    var used: Bool
}

/// Recent failures of one throttle key and when the next attempt is allowed.
struct StoredThrottle: Codable, Equatable {
    var failures: [Date]
    var retryAfter: Date?
}

struct StoredTicket: Codable, Equatable {
    var account: String
    var expiresAt: Date
    var code: String?
    var contactID: String?
    var codeExpiresAt: Date?
    var resendAvailableAt: Date?
}

struct StoredMessage: Codable, Equatable {
    var code: String
    var sentAt: Date
}
