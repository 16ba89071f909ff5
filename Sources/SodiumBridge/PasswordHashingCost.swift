/// The cost of an Argon2id password hash or key derivation (RFC 9106, version 0x13, one
/// lane — libsodium's `crypto_pwhash` with `crypto_pwhash_ALG_ARGON2ID13`): the one cost type
/// of the SDK, used by backup password slots and by the embedded services' verifiers.
///
/// Units: ``operations`` is Argon2's `t` (passes over memory, libsodium's `opslimit`);
/// ``memoryKiB`` is Argon2's `m` in KiB (libsodium's `memlimit` is this × 1,024 bytes).
///
/// Bounds, each number checked on its own: at least ``minimum`` (2 passes, 64 MiB —
/// libsodium's `OPSLIMIT_INTERACTIVE` and `MEMLIMIT_INTERACTIVE`), at most ``maximum``
/// (4 passes, 1 GiB — libsodium's `OPSLIMIT_SENSITIVE` and `MEMLIMIT_SENSITIVE`). A cost made
/// with ``init(operations:memoryKiB:)`` is always within them; one read from a backup file is
/// reported as it is and refused before any work if it is outside (a file cannot lower the
/// protection below the floor, nor make a reader spend more than the ceiling).
public struct PasswordHashingCost: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Passes over memory (Argon2's `t`, libsodium's `opslimit`).
    public let operations: UInt32
    /// Memory in KiB (Argon2's `m`; libsodium's `memlimit` is this × 1,024 bytes).
    public let memoryKiB: UInt32

    /// The floor: 2 passes, 64 MiB (libsodium's "interactive" cost).
    public static let minimum = PasswordHashingCost(unchecked: 2, memoryKiB: 64 * 1024)
    /// libsodium's "interactive" cost (2 passes, 64 MiB), the floor: the default for signing in.
    public static let interactive = minimum
    /// libsodium's "moderate" cost (3 passes, 256 MiB): the default for backup password
    /// slots, which are rare, deliberate and attacked offline if stolen.
    public static let moderate = PasswordHashingCost(unchecked: 3, memoryKiB: 256 * 1024)
    /// The ceiling: 4 passes, 1 GiB (libsodium's "sensitive" cost).
    public static let maximum = PasswordHashingCost(unchecked: 4, memoryKiB: 1024 * 1024)

    /// A cost between ``minimum`` and ``maximum`` (inclusive, each number on its own), or
    /// `nil` outside them.
    public init?(operations: UInt32, memoryKiB: UInt32) {
        self.init(unchecked: operations, memoryKiB: memoryKiB)
        guard isWithinBounds else { return nil }
    }

    /// A cost as a file states it, within the bounds or not (check ``isWithinBounds`` before
    /// using it).
    package init(unchecked operations: UInt32, memoryKiB: UInt32) {
        self.operations = operations
        self.memoryKiB = memoryKiB
    }

    /// Whether both numbers lie between ``minimum`` and ``maximum``.
    public var isWithinBounds: Bool {
        (Self.minimum.operations...Self.maximum.operations).contains(operations)
            && (Self.minimum.memoryKiB...Self.maximum.memoryKiB).contains(memoryKiB)
    }

    /// The memory in bytes, as libsodium takes it.
    package var memoryBytes: UInt64 { UInt64(memoryKiB) * 1024 }

    /// The passes as libsodium takes them.
    package var operationsLimit: UInt64 { UInt64(operations) }

    /// `Argon2id(2 passes, 65536 KiB)`.
    public var description: String { "Argon2id(\(operations) passes, \(memoryKiB) KiB)" }

    /// Encodes `operations` and `memoryKiB`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(operations, forKey: .operations)
        try container.encode(memoryKiB, forKey: .memoryKiB)
    }

    /// Decodes a cost, refusing one outside ``minimum``…``maximum``. Reads `memoryKiB`, or the
    /// `memoryBytes` (a multiple of 1,024) that earlier versions wrote.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let operations = try container.decode(UInt32.self, forKey: .operations)
        let memoryKiB: UInt32
        if let kiB = try container.decodeIfPresent(UInt32.self, forKey: .memoryKiB) {
            memoryKiB = kiB
        } else {
            let bytes = try container.decode(UInt64.self, forKey: .memoryBytes)
            guard bytes % 1024 == 0, let kiB = UInt32(exactly: bytes / 1024) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .memoryBytes, in: container, debugDescription: "Argon2id memory is not whole KiB")
            }
            memoryKiB = kiB
        }
        let cost = PasswordHashingCost(unchecked: operations, memoryKiB: memoryKiB)
        guard cost.isAccepted(configuredWith: decoder.userInfo[Self.configuredCostKey] as? PasswordHashingCost) else {
            throw DecodingError.dataCorruptedError(
                forKey: .operations, in: container, debugDescription: "Argon2id cost out of bounds")
        }
        self = cost
    }

    private enum CodingKeys: String, CodingKey {
        case operations, memoryKiB, memoryBytes
    }
}

// MARK: The package's test cost

extension PasswordHashingCost {
    /// Tests only: 1 pass over 8 KiB (the least libsodium's Argon2id takes), far below
    /// ``minimum``, so that the package's tests and test support spend microseconds, not
    /// 100 ms, per hash. Package API: no app can make a cost below the floor, and the public
    /// readers refuse it; only code configured with this very cost (``isAccepted(configuredWith:)``)
    /// reads it back.
    package static let testing = PasswordHashingCost(unchecked: 1, memoryKiB: 8)

    /// Whether this cost, read from a file, may be used by code configured with `configured`:
    /// when it is within the bounds, or exactly the configured cost (so that a service
    /// configured inside the package with ``testing`` reads back the records it wrote). An
    /// app can configure only costs within the bounds, so for it this is ``isWithinBounds``.
    package func isAccepted(configuredWith configured: PasswordHashingCost?) -> Bool {
        isWithinBounds || self == configured
    }

    /// The `userInfo` key of a decoder under which a reader puts the cost it is configured
    /// with (a `PasswordHashingCost`): ``init(from:)`` then also accepts exactly that cost
    /// (``isAccepted(configuredWith:)``).
    package static let configuredCostKey = CodingUserInfoKey(rawValue: "AuthenticatorKit.PasswordHashingCost.configured")!
}
