internal import Crypto
internal import CryptoExtras
internal import Foundation
import SodiumBridge
import OTP

/// The cryptography the formats use, each call bounded by the caller and converted to
/// ``InteropError`` here. AES-GCM, PBKDF2 and scrypt come from swift-crypto; Argon2id and
/// secretstream from libsodium (through SodiumBridge).
enum InteropCrypto {
    /// AES-256-GCM decryption; `nil` when the tag does not verify (wrong key or altered data).
    static func openAESGCM(
        ciphertext: some DataProtocol, tag: some DataProtocol, nonce: [UInt8], key: SecureBytes,
        associatedData: [UInt8] = []
    ) throws(InteropError) -> SecureBytes? {
        guard key.count == 32 else { throw .damaged(reason: "an AES-256 key must be 32 bytes") }
        guard tag.count == 16 else { throw .damaged(reason: "an AES-GCM tag must be 16 bytes, found \(tag.count)") }
        guard nonce.count == 12 else { throw .damaged(reason: "an AES-GCM nonce must be 12 bytes, found \(nonce.count)") }
        do {
            let symmetricKey = key.withUnsafeBytes { SymmetricKey(data: $0) }
            let box = try AES.GCM.SealedBox(nonce: AES.GCM.Nonce(data: nonce), ciphertext: ciphertext, tag: tag)
            var plain = try AES.GCM.open(box, using: symmetricKey, authenticating: associatedData)
            defer { plain.withUnsafeMutableBytes { ConstantTime.zero($0) } }
            return plain.withUnsafeBytes { SecureBytes(copying: $0) }
        } catch {
            return nil
        }
    }

    /// AES-256-GCM encryption with a fresh random 12-byte nonce.
    static func sealAESGCM(
        _ plaintext: some DataProtocol, key: SecureBytes, random: some RandomSource
    ) throws(InteropError) -> (nonce: [UInt8], ciphertext: [UInt8], tag: [UInt8]) {
        let nonce = random.bytes(12)
        do {
            let symmetricKey = key.withUnsafeBytes { SymmetricKey(data: $0) }
            let box = try AES.GCM.seal(plaintext, using: symmetricKey, nonce: AES.GCM.Nonce(data: nonce))
            return (nonce, Array(box.ciphertext), Array(box.tag))
        } catch {
            throw .damaged(reason: "AES-GCM encryption failed")
        }
    }

    /// The PBKDF2 hash functions the formats use.
    enum PBKDF2Hash {
        case sha1, sha256
    }

    /// PBKDF2 with `iterations` already checked against the limits.
    static func pbkdf2(
        password: some DataProtocol, salt: [UInt8], hash: PBKDF2Hash, iterations: Int, length: Int = 32
    ) throws(InteropError) -> SecureBytes {
        let function: KDF.Insecure.PBKDF2.HashFunction = hash == .sha1 ? .insecureSHA1 : .sha256
        do {
            let key = try KDF.Insecure.PBKDF2.deriveKey(
                from: password, salt: salt, using: function, outputByteCount: length, unsafeUncheckedRounds: iterations)
            return key.withUnsafeBytes { SecureBytes(copying: $0) }
        } catch {
            throw .parametersOutOfBounds(parameter: "PBKDF2 parameters", value: "\(iterations) iterations", allowed: "what PBKDF2 accepts")
        }
    }

    /// Checks scrypt costs against `limits`, before any work.
    static func checkScrypt(n: Int64, r: Int64, p: Int64, limits: InteropLimits) throws(InteropError) {
        guard n >= 2, n <= Int64(limits.maximumScryptN), n & (n - 1) == 0 else {
            throw .parametersOutOfBounds(parameter: "scrypt N", value: String(n), allowed: "powers of two from 2 to \(limits.maximumScryptN)")
        }
        guard r >= 1, r <= Int64(limits.maximumScryptR) else {
            throw .parametersOutOfBounds(parameter: "scrypt r", value: String(r), allowed: "1 to \(limits.maximumScryptR)")
        }
        guard p >= 1, p <= Int64(limits.maximumScryptP) else {
            throw .parametersOutOfBounds(parameter: "scrypt p", value: String(p), allowed: "1 to \(limits.maximumScryptP)")
        }
        let memory = 128 * n * r * p
        guard memory <= Int64(limits.maximumScryptMemory) else {
            throw .parametersOutOfBounds(
                parameter: "scrypt memory (128·N·r·p)", value: "\(memory) bytes", allowed: "at most \(limits.maximumScryptMemory) bytes")
        }
    }

    /// scrypt with costs already checked by ``checkScrypt(n:r:p:limits:)``.
    static func scrypt(password: some DataProtocol, salt: [UInt8], n: Int, r: Int, p: Int, length: Int = 32) throws(InteropError) -> SecureBytes {
        do {
            let key = try KDF.Scrypt.deriveKey(
                from: password, salt: salt, outputByteCount: length, rounds: n, blockSize: r, parallelism: p,
                maxMemory: 128 * n * r * p + (1 << 20))
            return key.withUnsafeBytes { SecureBytes(copying: $0) }
        } catch {
            throw .parametersOutOfBounds(parameter: "scrypt parameters", value: "N=\(n), r=\(r), p=\(p)", allowed: "what scrypt accepts")
        }
    }

    /// Checks Argon2id costs against `limits` and libsodium's own, before any work.
    static func checkArgon2(operations: Int64, memory: Int64, limits: InteropLimits) throws(InteropError) {
        guard operations >= Int64(Argon2id.minimumOperations), UInt64(operations) <= limits.maximumArgon2Operations else {
            throw .parametersOutOfBounds(
                parameter: "Argon2id opsLimit", value: String(operations),
                allowed: "\(Argon2id.minimumOperations) to \(limits.maximumArgon2Operations)")
        }
        guard memory >= Int64(Argon2id.minimumMemory), UInt64(memory) <= limits.maximumArgon2Memory else {
            throw .parametersOutOfBounds(
                parameter: "Argon2id memLimit", value: "\(memory) bytes",
                allowed: "\(Argon2id.minimumMemory) to \(limits.maximumArgon2Memory) bytes")
        }
        let (work, overflow) = UInt64(operations).multipliedReportingOverflow(by: UInt64(memory))
        guard !overflow, work <= limits.maximumArgon2Work else {
            throw .parametersOutOfBounds(
                parameter: "Argon2id opsLimit × memLimit", value: "\(operations) × \(memory) bytes",
                allowed: "at most \(limits.maximumArgon2Work) bytes")
        }
    }

    /// Argon2id (libsodium `crypto_pwhash`, v1.3) with costs already checked.
    static func argon2id(password: SecureBytes, salt: [UInt8], operations: Int64, memory: Int64) throws(InteropError) -> SecureBytes {
        do {
            return try Argon2id.deriveKey(
                password: password, salt: salt, outputLength: 32, operations: UInt64(operations), memoryBytes: UInt64(memory))
        } catch {
            switch error {
            case .invalidLength: throw .damaged(reason: "the Argon2id salt must be \(Argon2id.saltLength) bytes")
            case .outOfMemory: throw .parametersOutOfBounds(parameter: "Argon2id memLimit", value: "\(memory) bytes", allowed: "what this device can allocate")
            default: throw .parametersOutOfBounds(parameter: "Argon2id parameters", value: "\(operations), \(memory)", allowed: "libsodium's limits")
            }
        }
    }

    /// SHA-256 of `bytes`, in secure memory.
    static func sha256(_ bytes: some DataProtocol) -> SecureBytes {
        let digest = SHA256.hash(data: bytes)
        return digest.withUnsafeBytes { SecureBytes(copying: $0) }
    }
}
