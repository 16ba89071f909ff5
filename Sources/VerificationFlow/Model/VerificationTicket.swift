/// The verification service's handle on one personal verification in progress: issued when
/// the password is right, presented when sending and checking the code.
///
/// It is a short-lived bearer secret: whoever holds it can ask for codes to be sent, so an
/// app keeps it only as long as the verification runs. Printing it never shows its value.
public struct VerificationTicket: Sendable, Hashable, Codable, CustomStringConvertible,
    CustomDebugStringConvertible, CustomReflectable
{
    /// The opaque value the service issued.
    public let value: String

    /// A ticket with the service's opaque value.
    public init(value: String) { self.value = value }

    /// `VerificationTicket(redacted)`.
    public var description: String { "VerificationTicket(redacted)" }
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
