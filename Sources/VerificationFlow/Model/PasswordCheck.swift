/// What a right password gives: the ticket for the rest of the verification and the
/// account's alternate contacts, masked.
public struct PasswordCheck: Sendable, Hashable {
    /// The handle on this verification, for ``VerificationService/sendCode(to:ticket:)`` and
    /// ``VerificationService/checkCode(_:ticket:)``.
    public let ticket: VerificationTicket
    /// The contacts a code can be sent to (never empty).
    public let contacts: [MaskedContact]

    /// A password check result.
    public init(ticket: VerificationTicket, contacts: [MaskedContact]) {
        self.ticket = ticket
        self.contacts = contacts
    }
}
