/// The Argon2id cost of a password verifier: passes over memory, and memory in bytes.
///
/// The SDK's embedded services (the recovery-account service and the account provider)
/// store the cost with each verifier, so changing the cost for new accounts keeps old ones
/// working.
public struct PasswordHashingCost: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Passes over memory (libsodium's `opslimit`).
    public let operations: UInt64
    /// Memory in bytes (libsodium's `memlimit`).
    public let memoryBytes: UInt64

    /// libsodium's "interactive" cost (2 passes, 64 MiB): the default for signing in.
    public static let interactive = PasswordHashingCost(
        unchecked: Argon2id.interactiveOperations, memoryBytes: Argon2id.interactiveMemory)
    /// libsodium's "moderate" cost (3 passes, 256 MiB).
    public static let moderate = PasswordHashingCost(
        unchecked: Argon2id.moderateOperations, memoryBytes: Argon2id.moderateMemory)
    /// The floor: libsodium's smallest accepted cost (1 pass, 8 KiB). It makes tests fast and
    /// protects a stolen verifier file hardly at all: **for tests only**, never real accounts.
    public static let minimum = PasswordHashingCost(
        unchecked: Argon2id.minimumOperations, memoryBytes: Argon2id.minimumMemory)
    /// The ceiling accepted, to bound the work a damaged or hostile record can ask for:
    /// 10 passes, 1 GiB.
    public static let maximum = PasswordHashingCost(unchecked: 10, memoryBytes: 1 << 30)

    /// A cost between ``minimum`` and ``maximum`` (inclusive), or `nil` outside them.
    public init?(operations: UInt64, memoryBytes: UInt64) {
        guard (Self.minimum.operations...Self.maximum.operations).contains(operations),
              (Self.minimum.memoryBytes...Self.maximum.memoryBytes).contains(memoryBytes)
        else { return nil }
        self.init(unchecked: operations, memoryBytes: memoryBytes)
    }

    private init(unchecked operations: UInt64, memoryBytes: UInt64) {
        self.operations = operations
        self.memoryBytes = memoryBytes
    }

    /// `Argon2id(2 passes, 65536 KiB)`.
    public var description: String { "Argon2id(\(operations) passes, \(memoryBytes / 1024) KiB)" }

    /// Decodes a cost, refusing one outside ``minimum``…``maximum``.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let operations = try container.decode(UInt64.self, forKey: .operations)
        let memoryBytes = try container.decode(UInt64.self, forKey: .memoryBytes)
        guard let cost = PasswordHashingCost(operations: operations, memoryBytes: memoryBytes) else {
            throw DecodingError.dataCorruptedError(
                forKey: .operations, in: container, debugDescription: "Argon2id cost out of bounds")
        }
        self = cost
    }

    private enum CodingKeys: String, CodingKey {
        case operations, memoryBytes
    }
}
