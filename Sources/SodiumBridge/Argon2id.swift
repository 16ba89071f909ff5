internal import CSodium

/// Argon2id password hashing and key derivation (`crypto_pwhash`, algorithm
/// `crypto_pwhash_ALG_ARGON2ID13`).
package enum Argon2id {
    /// Salt length: 16 bytes.
    package static let saltLength = Int(crypto_pwhash_SALTBYTES)
    /// libsodium's "interactive" operations limit (2).
    package static let interactiveOperations = UInt64(crypto_pwhash_OPSLIMIT_INTERACTIVE)
    /// libsodium's "interactive" memory limit (64 MiB).
    package static let interactiveMemory = UInt64(crypto_pwhash_MEMLIMIT_INTERACTIVE)
    /// libsodium's "moderate" operations limit (3).
    package static let moderateOperations = UInt64(crypto_pwhash_OPSLIMIT_MODERATE)
    /// libsodium's "moderate" memory limit (256 MiB).
    package static let moderateMemory = UInt64(crypto_pwhash_MEMLIMIT_MODERATE)
    /// libsodium's smallest accepted operations limit (1).
    package static let minimumOperations = UInt64(crypto_pwhash_opslimit_min())
    /// libsodium's smallest accepted memory limit (8 KiB).
    package static let minimumMemory = UInt64(crypto_pwhash_memlimit_min())

    /// Derives `outputLength` bytes from `password` and `salt` into secure memory.
    /// - Parameters:
    ///   - operations: the number of passes (`opslimit`).
    ///   - memoryBytes: the memory used, in bytes (`memlimit`).
    package static func deriveKey(
        password: SecureBytes, salt: [UInt8], outputLength: Int, operations: UInt64, memoryBytes: UInt64
    ) throws(SodiumError) -> SecureBytes {
        Sodium.ensureInitialized()
        guard salt.count == saltLength else {
            throw .invalidLength(what: "Argon2id salt", expected: saltLength, actual: salt.count)
        }
        guard outputLength >= Int(crypto_pwhash_BYTES_MIN),
              operations >= minimumOperations, operations <= UInt64(crypto_pwhash_opslimit_max()),
              memoryBytes >= minimumMemory, memoryBytes <= UInt64(crypto_pwhash_memlimit_max())
        else { throw .invalidKeyDerivationParameters }
        var status: Int32 = -1
        let key = SecureBytes(count: outputLength, writingWith: { out in
            password.withBytePointer { p in
                p.withMemoryRebound(to: CChar.self, capacity: Swift.max(1, password.count)) { chars in
                    status = crypto_pwhash(
                        out, UInt64(outputLength), chars, UInt64(password.count),
                        salt, operations, Int(memoryBytes), crypto_pwhash_ALG_ARGON2ID13
                    )
                }
            }
        })
        guard status == 0 else { throw .outOfMemory }
        return key
    }
}
