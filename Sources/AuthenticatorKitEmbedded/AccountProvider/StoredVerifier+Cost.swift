import SodiumBridge

extension StoredVerifier {
    /// The verifier's Argon2id cost as the store states it, or `nil` when it lies outside
    /// `PasswordHashingCost.minimum`…`PasswordHashingCost.maximum` (or the memory is not whole
    /// KiB). The store is a file: a cost edited into it (`operations=4294967295`) must give a
    /// typed error at once, never hours of hashing.
    var boundedCost: PasswordHashingCost? {
        guard let operations = UInt32(exactly: self.operations), memoryBytes % 1024 == 0,
              let memoryKiB = UInt32(exactly: memoryBytes / 1024)
        else { return nil }
        return PasswordHashingCost(operations: operations, memoryKiB: memoryKiB)
    }
}
