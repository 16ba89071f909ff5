import Foundation

/// The provider's permission to enrol one device credential for one account, issued when the
/// user proved who they are: by ``VerificationService/checkCode(_:ticket:)`` (password and
/// alternate-contact code), ``VerificationService/checkEnrolmentPayload(_:for:organisation:)``
/// (a QR code from the organisation), ``VerificationService/signIn(userName:password:)``
/// (``ProviderSignIn/grant``), or ``AccountProvider/restoreRequirement(for:recoverySignIn:)``
/// (``RestoreRequirement/enrolNow(_:)``, when the provider's records let the recovery sign-in
/// stand for the account).
///
/// ``AccountProvider/enrol(_:for:grant:)`` requires one. It is opaque to the device: the
/// provider alone knows what it means (the embedded provider stores a hash of a random
/// token with the account, what proved it, its expiry and whether it was used) and refuses one
/// it did not issue, for another account, expired or used. ``init(value:)`` only wraps a
/// provider's token: a value a client makes up is refused by the provider.
///
/// It is a short-lived bearer secret: printing or dumping it never shows its value.
public struct EnrolmentGrant: Sendable, Hashable, Codable, CustomStringConvertible,
    CustomDebugStringConvertible, CustomReflectable
{
    /// The opaque value the provider issued.
    public let value: String

    /// A grant with the provider's opaque value (providers create these; third-party
    /// providers wrap their own tokens).
    public init(value: String) { self.value = value }

    /// `EnrolmentGrant(redacted)`.
    public var description: String { "EnrolmentGrant(redacted)" }
    /// Same as ``description``.
    public var debugDescription: String { description }
    /// An empty mirror, so `dump` shows nothing of the value.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }

    /// Decodes the value.
    public init(from decoder: any Decoder) throws {
        self.value = try decoder.singleValueContainer().decode(String.self)
    }

    /// Encodes the value.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
