import AccountModel

/// Whether the accounts of a payload have different identifiers, as the format requires.
///
/// Identifiers are nearly always ASCII (UUIDs), whose equality as `String`s is equality of
/// bytes: those are hashed as bytes with the standard library's per-process seeded hasher
/// (so no file can choose colliding identifiers) into one open-addressing table, which costs
/// a fraction of a `Set<AccountID>` of 50,000 strings. As soon as one identifier is not ASCII,
/// the check starts again with a `Set<AccountID>`, whose `String` equality also treats
/// canonically equivalent texts as equal.
package enum AccountIdentifierCheck {
    /// Whether no two of `accounts` have equal identifiers.
    package static func allDifferent(_ accounts: [BackupAccount]) -> Bool {
        guard accounts.count > 1 else { return true }
        var capacity = 4
        while capacity < accounts.count * 2 { capacity <<= 1 }
        let mask = capacity - 1
        // Per slot: the index of the account there (-1: empty) and its identifier's hash.
        var slots = [Int](repeating: -1, count: capacity)
        var hashes = [Int](repeating: 0, count: capacity)
        for index in accounts.indices {
            guard let hash = asciiHash(accounts[index].id.rawValue) else { return allDifferentAsStrings(accounts) }
            var slot = hash & mask
            while slots[slot] >= 0 {
                if hashes[slot] == hash, accounts[slots[slot]].id.rawValue == accounts[index].id.rawValue { return false }
                slot = (slot + 1) & mask
            }
            slots[slot] = index
            hashes[slot] = hash
        }
        return true
    }

    /// The seeded hash of `text`'s bytes, or `nil` unless they are all ASCII (or the string
    /// has no contiguous UTF-8, which only a bridged string lacks).
    private static func asciiHash(_ text: String) -> Int? {
        let hash = text.utf8.withContiguousStorageIfAvailable { bytes -> Int? in
            var high: UInt8 = 0
            for byte in bytes { high |= byte }
            guard high < 0x80 else { return nil }
            var hasher = Hasher()
            hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
            return hasher.finalize()
        }
        return hash ?? nil
    }

    /// The same answer through `Set<AccountID>`.
    private static func allDifferentAsStrings(_ accounts: [BackupAccount]) -> Bool {
        var seen: Set<AccountID> = []
        seen.reserveCapacity(accounts.count)
        // By index, so that no account is copied (and its fields retained) to read its id.
        for index in accounts.indices {
            guard seen.insert(accounts[index].id).inserted else { return false }
        }
        return true
    }
}
