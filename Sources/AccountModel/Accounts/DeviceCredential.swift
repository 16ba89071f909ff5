import OTP
import SodiumBridge
import Foundation

/// A credential created on this device for a personal or work-or-school account: an
/// Ed25519 key pair that signs push approvals, and an OTP seed for codes.
///
/// Its private parts never leave the device: the type is not `Encodable`, its secrets are
/// not public, and no backup type has room for it. A restored account gets a *new*
/// credential; the old device's credential stays valid with the provider.
public struct DeviceCredential: Sendable {
    /// Identifies this credential with the provider (random, not secret).
    public let id: String
    /// When it was created on this device.
    public let createdAt: Date
    /// The signing key pair; its secret half lives in secure memory.
    let signingKey: Ed25519.KeyPair
    /// The TOTP generator for this device's codes (SHA-1, 6 digits, 30 s).
    public let generator: Generator

    /// Mints a new credential: a fresh key pair and a fresh 20-byte OTP seed from `random`.
    public init(createdAt: Date, using random: some RandomSource = SystemRandom()) {
        let idBytes = random.bytes(16)
        self.id = Hex.encode(idBytes)
        self.createdAt = createdAt
        self.signingKey = Ed25519.KeyPair(using: random)
        let seed = SecureBytes(randomCount: 20, using: random)
        do {
            self.generator = try Generator(factor: .timer(period: 30), secret: seed)
        } catch {
            // A 20-byte seed with the default parameters always makes a valid generator.
            preconditionFailure("a 20-byte seed with default parameters is always valid")
        }
    }

    /// Internal: rebuilds a credential from the local store.
    init(id: String, createdAt: Date, signingKey: Ed25519.KeyPair, generator: Generator) {
        self.id = id
        self.createdAt = createdAt
        self.signingKey = signingKey
        self.generator = generator
    }

    /// The public key the provider verifies push approvals with (32 bytes).
    public var publicKey: [UInt8] { signingKey.publicKey }

    /// Signs a push-approval challenge with this device's private key.
    public func signApproval(_ challenge: [UInt8]) -> [UInt8] {
        signingKey.sign(challenge)
    }
}

extension DeviceCredential: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The credential id only.
    public var description: String { "DeviceCredential(\(id))" }
    /// Same as ``description``.
    public var debugDescription: String { description }
    /// Only the id and creation time.
    public var customMirror: Mirror { Mirror(self, children: ["id": id, "createdAt": createdAt]) }
}
