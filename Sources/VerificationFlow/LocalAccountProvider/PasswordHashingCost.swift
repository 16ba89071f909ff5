import AccountModel

/// The Argon2id cost of the password verifiers ``LocalAccountProvider`` stores.
///
/// The floor is libsodium's smallest accepted cost (``minimum``: 1 pass, 8 KiB), which
/// protects nothing and exists so tests run fast. Production verifiers use
/// ``interactive`` or more.
public struct PasswordHashingCost: Sendable, Hashable {
    /// The number of passes (`opslimit`).
    public let operations: UInt64
    /// The memory used, in bytes (`memlimit`).
    public let memoryBytes: UInt64

    /// A cost of `operations` passes over `memoryBytes` bytes.
    /// - Throws: ``VerificationError/invalidPasswordHashingCost`` below the floor.
    public init(operations: UInt64, memoryBytes: UInt64) throws(VerificationError) {
        guard operations >= Argon2id.minimumOperations, memoryBytes >= Argon2id.minimumMemory else {
            throw .invalidPasswordHashingCost
        }
        self.operations = operations
        self.memoryBytes = memoryBytes
    }

    private init(validOperations operations: UInt64, memoryBytes: UInt64) {
        self.operations = operations
        self.memoryBytes = memoryBytes
    }

    /// libsodium's interactive cost (2 passes, 64 MiB): the default.
    public static let interactive = PasswordHashingCost(
        validOperations: Argon2id.interactiveOperations, memoryBytes: Argon2id.interactiveMemory
    )
    /// libsodium's moderate cost (3 passes, 256 MiB).
    public static let moderate = PasswordHashingCost(
        validOperations: Argon2id.moderateOperations, memoryBytes: Argon2id.moderateMemory
    )
    /// The floor (1 pass, 8 KiB). **For tests only**: it offers no protection.
    public static let minimum = PasswordHashingCost(
        validOperations: Argon2id.minimumOperations, memoryBytes: Argon2id.minimumMemory
    )
}
