import AccountModel

/// The provider account the user just signed in to with its password
/// (``VerificationService/signIn(userName:password:)``), to add it to this device: what the
/// vault account needs to find it again and show it.
public struct ProviderSignIn: Sendable, Hashable {
    /// The provider's reference of the account: what every ``AccountProvider`` call names it
    /// by, and what goes in `Account/providerAccountReference`.
    public let reference: ProviderAccountReference
    /// `AccountKind/personal` or `AccountKind/workOrSchool`.
    public let kind: AccountKind
    /// What the vault shows as the account's issuer: the organisation of a work or school
    /// account (what its QR enrolment payloads are issued for), the provider's own name for a
    /// personal account.
    public let issuer: String
    /// The account's user name, as the provider writes it.
    public let userName: String
    /// The provider's grant to enrol one credential for the account (or to revoke one):
    /// what ``VerificationProof/providerSignIn(_:for:at:)`` carries to ``DeviceEnrolment``.
    public let grant: EnrolmentGrant

    /// A sign-in result (verification services create these).
    public init(reference: ProviderAccountReference, kind: AccountKind, issuer: String, userName: String, grant: EnrolmentGrant) {
        self.reference = reference
        self.kind = kind
        self.issuer = issuer
        self.userName = userName
        self.grant = grant
    }
}
