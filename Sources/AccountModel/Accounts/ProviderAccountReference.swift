/// How an identity provider names one of its accounts (its user id, object id or `sub`):
/// what a personal or work-or-school account in the vault holds to find its provider account,
/// and what every `AccountProvider`-style call names the account by.
///
/// Opaque to the SDK: compared exactly, never shown to users as a name. Not secret.
public struct ProviderAccountReference: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    /// The reference as the provider wrote it.
    public let rawValue: String

    /// A reference from the provider's text.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// A reference from the provider's text.
    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// A reference from a string literal, e.g. `"user-0001"`.
    public init(stringLiteral value: String) { self.rawValue = value }

    /// The reference text.
    public var description: String { rawValue }
}
