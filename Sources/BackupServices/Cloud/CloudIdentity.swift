/// Who a device is signed in as with its platform's cloud.
///
/// On `ios` it names the Apple ID whose iCloud holds the backup (an app may use the CloudKit
/// user record name rather than the e-mail address: any stable text works, as long as the app
/// uses the same text on every device). On `android` it is the recovery account's user name,
/// because the backup lives in the identity provider's own cloud storage.
///
/// The text is not secret, but it is personal: the SDK shows it only where the app asks.
public struct CloudIdentity: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    /// The identity as text, exactly as given.
    public let rawValue: String

    /// An identity from its text.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// An identity from its text.
    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// An identity from a string literal, e.g. `"alice@icloud.com"`.
    public init(stringLiteral value: String) { self.rawValue = value }

    /// The identity text.
    public var description: String { rawValue }
}
