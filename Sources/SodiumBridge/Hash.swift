internal import CSodium

/// BLAKE2b (`crypto_generichash`), for key derivation inputs and fingerprints.
public enum Hash {
    /// The smallest and largest output lengths BLAKE2b offers.
    public static let outputLengths = Int(crypto_generichash_BYTES_MIN)...Int(crypto_generichash_BYTES_MAX)

    /// BLAKE2b of `message`, optionally keyed, with `outputLength` bytes (16…64).
    public static func blake2b(_ message: [UInt8], key: [UInt8] = [], outputLength: Int = 32) -> [UInt8] {
        Sodium.ensureInitialized()
        precondition(outputLengths.contains(outputLength), "BLAKE2b output length must be 16…64")
        precondition(key.count <= Int(crypto_generichash_KEYBYTES_MAX), "BLAKE2b key must be at most 64 bytes")
        var out = [UInt8](repeating: 0, count: outputLength)
        if key.isEmpty {
            _ = crypto_generichash(&out, outputLength, message, UInt64(message.count), nil, 0)
        } else {
            _ = crypto_generichash(&out, outputLength, message, UInt64(message.count), key, key.count)
        }
        return out
    }
}
