internal import CSodium

/// Ed25519 signatures (`crypto_sign_*`).
package enum Ed25519 {
    /// Public key length: 32 bytes.
    package static let publicKeyLength = Int(crypto_sign_PUBLICKEYBYTES)
    /// Secret key length as libsodium stores it (seed ‖ public key): 64 bytes.
    package static let secretKeyLength = Int(crypto_sign_SECRETKEYBYTES)
    /// Seed length: 32 bytes.
    package static let seedLength = Int(crypto_sign_SEEDBYTES)
    /// Signature length: 64 bytes.
    package static let signatureLength = Int(crypto_sign_BYTES)

    /// A key pair whose secret half lives in secure memory.
    package struct KeyPair: Sendable {
        /// The public key (32 bytes).
        package let publicKey: [UInt8]
        /// The secret key (64 bytes, libsodium's seed ‖ public key layout).
        package let secretKey: SecureBytes

        /// A new key pair from `random`.
        package init(using random: some RandomSource = SystemRandom()) {
            let seed = SecureBytes(randomCount: Ed25519.seedLength, using: random)
            // A seed of the right length cannot fail.
            self.init(validSeed: seed)
        }

        /// The key pair determined by a 32-byte seed.
        package init(seed: SecureBytes) throws(SodiumError) {
            guard seed.count == Ed25519.seedLength else {
                throw .invalidLength(what: "Ed25519 seed", expected: Ed25519.seedLength, actual: seed.count)
            }
            self.init(validSeed: seed)
        }

        private init(validSeed seed: SecureBytes) {
            Sodium.ensureInitialized()
            var publicKey = [UInt8](repeating: 0, count: Ed25519.publicKeyLength)
            self.secretKey = SecureBytes(count: Ed25519.secretKeyLength, writingWith: { sk in
                seed.withBytePointer { s in _ = crypto_sign_seed_keypair(&publicKey, sk, s) }
            })
            self.publicKey = publicKey
        }

        /// A detached signature of `message`.
        package func sign(_ message: [UInt8]) -> [UInt8] {
            var signature = [UInt8](repeating: 0, count: Ed25519.signatureLength)
            secretKey.withBytePointer { sk in
                _ = crypto_sign_detached(&signature, nil, message, UInt64(message.count), sk)
            }
            return signature
        }
    }

    /// Whether `signature` is a valid signature of `message` by `publicKey`.
    package static func isValidSignature(_ signature: [UInt8], of message: [UInt8], publicKey: [UInt8]) -> Bool {
        Sodium.ensureInitialized()
        guard signature.count == signatureLength, publicKey.count == publicKeyLength else { return false }
        return crypto_sign_verify_detached(signature, message, UInt64(message.count), publicKey) == 0
    }
}
