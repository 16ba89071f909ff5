/// A push approval as the device returns it: the provider's challenge and the device
/// credential's Ed25519 signature of it (`DeviceCredential/signApproval(_:)`).
public struct PushApproval: Sendable, Hashable {
    /// The challenge the provider sent.
    public let challenge: [UInt8]
    /// The detached Ed25519 signature of `challenge` (64 bytes).
    public let signature: [UInt8]

    /// An approval of `challenge` with `signature`.
    public init(challenge: [UInt8], signature: [UInt8]) {
        self.challenge = challenge
        self.signature = signature
    }
}
