/// The user name of a recovery account, as its service names it: `alice`,
/// `alice@contoso.example`.
///
/// A named type so that a call site never mixes it up with the other names nearby — an OTP
/// account's own user name, the cloud identity, an issuer. Recovery accounts compare without
/// regard to case, as identity providers do (``isSameAccount(as:)``); `==` compares the
/// text exactly.
///
/// The text is not secret, but it is personal: the SDK never logs it.
public struct RecoveryAccountName: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    /// The user name as text, exactly as given.
    public let rawValue: String

    /// A user name from its text.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// A user name from its text.
    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// A user name from a string literal, e.g. `"alice"`.
    public init(stringLiteral value: String) { self.rawValue = value }

    /// Whether `other` names the same recovery account: the texts are equal without regard
    /// to case (`Alice` and `alice` are one account).
    public func isSameAccount(as other: RecoveryAccountName) -> Bool {
        rawValue.lowercased() == other.rawValue.lowercased()
    }

    /// The user name text.
    public var description: String { rawValue }
}
