internal import CSodium

extension Hash {
    /// The key lengths keyed BLAKE2b accepts: 16…64 bytes.
    package static let keyLengths = Int(crypto_generichash_KEYBYTES_MIN)...Int(crypto_generichash_KEYBYTES_MAX)

    /// BLAKE2b of `message` keyed with a secret `key` that stays in secure memory, with
    /// `outputLength` bytes (16…64): a pseudorandom function of the key, e.g. to derive a
    /// non-secret identifier of a key.
    ///
    /// - Throws: ``SodiumError/invalidLength(what:expected:actual:)`` when the key is not
    ///   16…64 bytes or the output length is not 16…64.
    package static func blake2b(_ message: [UInt8], secretKey key: SecureBytes, outputLength: Int = 32) throws(SodiumError) -> [UInt8] {
        Sodium.ensureInitialized()
        guard keyLengths.contains(key.count) else {
            throw .invalidLength(what: "BLAKE2b key", expected: keyLengths.upperBound, actual: key.count)
        }
        guard outputLengths.contains(outputLength) else {
            throw .invalidLength(what: "BLAKE2b output", expected: outputLengths.upperBound, actual: outputLength)
        }
        var out = [UInt8](repeating: 0, count: outputLength)
        key.withBytePointer { k in
            _ = crypto_generichash(&out, outputLength, message, UInt64(message.count), k, key.count)
        }
        return out
    }
}
