import Foundation

/// A statement by the recovery-account service that a sign-in proved a recovery identity:
/// opaque bytes the service issues with a ``RecoverySession`` and that an account provider
/// verifies with the service's key before it lets a restore mint a credential at once.
///
/// The device only carries it: it cannot read, widen or forge it. What it holds is up to the
/// service that issued it (the embedded `LocalRecoveryAccountService` signs the account name,
/// a session identifier and the issue and expiry times with Ed25519); the provider decides
/// whether it trusts that service and whether the identity it names owns the account in
/// question.
///
/// It is a short-lived bearer statement: printing or dumping it never shows its bytes.
public struct RecoveryIdentityAssertion: Sendable, Hashable, Codable, CustomStringConvertible,
    CustomDebugStringConvertible, CustomReflectable
{
    /// The bytes the service issued.
    public let bytes: [UInt8]

    /// An assertion with the service's bytes (services create these; an app passes on what
    /// its service returned).
    public init(bytes: [UInt8]) { self.bytes = bytes }

    /// `RecoveryIdentityAssertion(redacted)`.
    public var description: String { "RecoveryIdentityAssertion(\(bytes.count) bytes, redacted)" }
    /// Same as ``description``.
    public var debugDescription: String { description }
    /// An empty mirror, so `dump` shows nothing of the bytes.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
