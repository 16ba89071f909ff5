import SodiumBridge

/// Names one escrow key, so that a backup's recovery-account key slot can say which key
/// wraps it and a restore can tell a backup of another recovery account from a damaged one.
/// Not secret.
public struct EscrowKeyIdentifier: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The length of identifiers the embedded service creates: 16 random bytes.
    public static let standardLength = 16

    /// The identifier's bytes.
    public let bytes: [UInt8]

    /// An identifier from its bytes (services create ``standardLength`` random bytes).
    public init(bytes: [UInt8]) { self.bytes = bytes }

    /// An identifier from its lower- or upper-case hex text, or `nil` if `hex` is not hex.
    public init?(hex: String) {
        guard let bytes = Hex.decode(hex) else { return nil }
        self.bytes = bytes
    }

    /// The identifier as lower-case hex.
    public var hex: String { Hex.encode(bytes) }

    /// Same as ``hex``.
    public var description: String { hex }
}

/// A recovery account's 256-bit escrow key and its identifier.
///
/// The recovery-account service keeps the key and releases it only to a valid session; the
/// backup's recovery-account key slot wraps the backup's data key with it. The cloud that
/// holds the backup never holds this key. Printing or dumping it never shows the key.
public struct EscrowKey: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The key length: 32 bytes (256 bits).
    public static let keyLength = 32

    /// Which key this is.
    public let identifier: EscrowKeyIdentifier
    /// The key itself, ``keyLength`` bytes.
    public let key: SecureBytes

    /// An escrow key from its parts.
    public init(identifier: EscrowKeyIdentifier, key: SecureBytes) {
        self.identifier = identifier
        self.key = key
    }

    /// `EscrowKey(<identifier>, key redacted)`: never the key.
    public var description: String { "EscrowKey(\(identifier.hex), key redacted)" }

    /// Same as ``description``.
    public var debugDescription: String { description }

    /// The identifier only, so `dump` shows nothing of the key.
    public var customMirror: Mirror {
        Mirror(self, children: ["identifier": identifier.hex], displayStyle: .struct)
    }
}
