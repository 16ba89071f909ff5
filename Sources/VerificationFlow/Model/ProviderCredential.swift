import Foundation

/// A device credential as the provider lists it (``AccountProvider/credentials(for:)``):
/// which device it is and when it was enrolled. Nothing secret.
public struct ProviderCredential: Sendable, Hashable, Codable, Identifiable {
    /// The credential's identifier (`DeviceCredential/id` on the device that holds it).
    public let id: String
    /// When the provider enrolled it.
    public let enrolledAt: Date

    /// A listed credential (providers create these).
    public init(id: String, enrolledAt: Date) {
        self.id = id
        self.enrolledAt = enrolledAt
    }
}
