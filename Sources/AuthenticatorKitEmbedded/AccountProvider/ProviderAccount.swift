import AccountModel

/// An account of ``LocalAccountProvider``, as its demo operations describe it.
public struct ProviderAccount: Sendable, Hashable {
    /// The provider's reference: what goes in `Account/providerAccountReference`.
    public let reference: ProviderAccountReference
    /// The user name.
    public let userName: String
    /// `AccountKind/personal` or `AccountKind/workOrSchool`.
    public let kind: AccountKind
    /// The organisation of a work or school account; `nil` for personal accounts.
    public let organisation: String?

    /// An account description.
    public init(reference: ProviderAccountReference, userName: String, kind: AccountKind, organisation: String?) {
        self.reference = reference
        self.userName = userName
        self.kind = kind
        self.organisation = organisation
    }
}
