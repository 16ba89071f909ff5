import SodiumBridge
import Foundation

/// A signed-in session of a recovery account: what ``RecoveryAccountService`` returns from
/// ``RecoveryAccountService/signIn(with:)`` and asks for before it releases the
/// escrow key or the backup location.
///
/// The token is a bearer secret: keep the session in the platform's secure storage (Keychain,
/// Android Keystore) if you persist it. Printing or dumping a session never shows the token.
public struct RecoverySession: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The recovery account's user name: who signed in, as the service says (for an external
    /// token, the account the service mapped the token's subject to).
    public let userName: RecoveryAccountName
    /// The opaque token the service issued; meaningful to that service only.
    public let token: SecureBytes
    /// When the session stops being accepted. Sign in again (or ``RecoveryAccountService/refresh(_:)``
    /// before then) to continue.
    public let expirationDate: Date
    /// The service's statement that this sign-in proved ``userName``, for an account provider
    /// to verify (``RecoveryIdentityAssertion``); `nil` when the service issues none, or for a
    /// session restored from storage (it is short-lived and never stored). Without it, every
    /// provider account of a restore waits for verification.
    public let identityAssertion: RecoveryIdentityAssertion?

    /// A session from its parts, for services and for apps restoring a stored session.
    public init(
        userName: RecoveryAccountName, token: SecureBytes, expirationDate: Date,
        identityAssertion: RecoveryIdentityAssertion? = nil
    ) {
        self.userName = userName
        self.token = token
        self.expirationDate = expirationDate
        self.identityAssertion = identityAssertion
    }

    /// Whether the session has expired at `date` (expiry is inclusive: a session is no longer
    /// valid at its ``expirationDate``).
    public func isExpired(at date: Date) -> Bool {
        date >= expirationDate
    }

    /// Equal sessions have the same user name, token and expiry. The identity assertion is
    /// not compared: it is a short-lived statement about the sign-in, never stored with the
    /// session.
    public static func == (lhs: RecoverySession, rhs: RecoverySession) -> Bool {
        lhs.userName == rhs.userName && lhs.expirationDate == rhs.expirationDate && lhs.token == rhs.token
    }

    /// Hashes the user name and expiry only, so the token never goes into a value that
    /// could leak it; equal sessions hash alike.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(userName)
        hasher.combine(expirationDate)
        hasher.combine(token.count)
    }

    /// `RecoverySession(user: alice, expires: …, token redacted)`: never the token.
    public var description: String {
        "RecoverySession(user: \(userName), expires: \(expirationDate), token redacted)"
    }

    /// Same as ``description``.
    public var debugDescription: String { description }

    /// The user name and expiry only, so `dump` shows nothing of the token.
    public var customMirror: Mirror {
        Mirror(self, children: ["userName": userName.rawValue, "expirationDate": expirationDate], displayStyle: .struct)
    }
}
