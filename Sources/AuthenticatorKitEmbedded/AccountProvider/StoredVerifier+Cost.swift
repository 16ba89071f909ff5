import SodiumBridge

extension StoredVerifier {
    /// The verifier's Argon2id cost as the store states it, or `nil` when it lies outside
    /// `PasswordHashingCost.minimum`…`PasswordHashingCost.maximum` (or the memory is not whole
    /// KiB) and is not exactly `configured`, the cost the provider makes verifiers with (inside
    /// the package, tests configure one below the floor). The store is a file: a cost edited
    /// into it (`operations=4294967295`) must give a typed error at once, never hours of hashing.
    func boundedCost(configuredWith configured: PasswordHashingCost) -> PasswordHashingCost? {
        guard let operations = UInt32(exactly: self.operations), memoryBytes % 1024 == 0,
              let memoryKiB = UInt32(exactly: memoryBytes / 1024)
        else { return nil }
        let cost = PasswordHashingCost(unchecked: operations, memoryKiB: memoryKiB)
        return cost.isAccepted(configuredWith: configured) ? cost : nil
    }
}
