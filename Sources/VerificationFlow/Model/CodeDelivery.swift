import Foundation

/// A one-time code on its way to an alternate contact.
public struct CodeDelivery: Sendable, Hashable, Codable {
    /// Where it went.
    public let contact: MaskedContact
    /// When it was sent.
    public let sentAt: Date
    /// When it stops being accepted.
    public let expiresAt: Date
    /// When another code can be sent (to this or another contact).
    public let resendAvailableAt: Date

    /// A delivery (verification services create these).
    public init(contact: MaskedContact, sentAt: Date, expiresAt: Date, resendAvailableAt: Date) {
        self.contact = contact
        self.sentAt = sentAt
        self.expiresAt = expiresAt
        self.resendAvailableAt = resendAvailableAt
    }
}
