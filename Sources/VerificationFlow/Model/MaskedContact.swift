/// An alternate contact as an app sees it: masked, with an identifier to choose it by.
///
/// The full address or number never leaves the verification service.
public struct MaskedContact: Sendable, Hashable, Codable, Identifiable {
    /// The service's identifier for this contact within the account (stable between
    /// password checks; not the contact itself).
    public let id: String
    /// E-mail address or phone number, so an app can show the right icon.
    public let kind: AlternateContact.Kind
    /// The masked value to show, e.g. `a•••@example.com` or `•••• 1234`.
    public let maskedValue: String

    /// A masked contact (verification services create these).
    public init(id: String, kind: AlternateContact.Kind, maskedValue: String) {
        self.id = id
        self.kind = kind
        self.maskedValue = maskedValue
    }
}
