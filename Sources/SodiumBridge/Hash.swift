internal import CSodium

/// BLAKE2b (`crypto_generichash`), for key derivation inputs and fingerprints.
package enum Hash {
    /// The smallest and largest output lengths BLAKE2b offers.
    package static let outputLengths = Int(crypto_generichash_BYTES_MIN)...Int(crypto_generichash_BYTES_MAX)

    /// BLAKE2b of `message`, optionally keyed, with `outputLength` bytes (16…64).
    package static func blake2b(_ message: [UInt8], key: [UInt8] = [], outputLength: Int = 32) -> [UInt8] {
        blake2b(message[...], key: key, outputLength: outputLength)
    }

    /// ``blake2b(_:key:outputLength:)`` of part of an array, without copying it out.
    package static func blake2b(_ message: ArraySlice<UInt8>, key: [UInt8] = [], outputLength: Int = 32) -> [UInt8] {
        Sodium.ensureInitialized()
        precondition(outputLengths.contains(outputLength), "BLAKE2b output length must be 16…64")
        precondition(key.count <= Int(crypto_generichash_KEYBYTES_MAX), "BLAKE2b key must be at most 64 bytes")
        var out = [UInt8](repeating: 0, count: outputLength)
        message.withUnsafeBufferPointer { m in
            if key.isEmpty {
                _ = crypto_generichash(&out, outputLength, m.baseAddress, UInt64(m.count), nil, 0)
            } else {
                _ = crypto_generichash(&out, outputLength, m.baseAddress, UInt64(m.count), key, key.count)
            }
        }
        return out
    }
}
