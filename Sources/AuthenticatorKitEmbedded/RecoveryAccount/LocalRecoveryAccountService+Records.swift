import BackupServices
import SodiumBridge
import Foundation

/// One account's file.
struct AccountRecord: Codable, Equatable {
    var format = 1
    var userName: String
    var verifier: PasswordVerifier
    var escrowKey: EscrowKeyRecord?
    var sessions: [SessionRecord] = []
    var backupLocation: BackupLocation?
    /// The last verified backup per location (absent in files written before records existed).
    var verifiedBackups: [VerifiedBackupEntry]?

    init(userName: String, verifier: PasswordVerifier) {
        self.userName = userName
        self.verifier = verifier
    }
}

/// The verified-backup record of one backup location.
struct VerifiedBackupEntry: Codable, Equatable {
    var location: BackupLocation
    var record: BackupFingerprint
}

/// A session as the service remembers it: a hash of the token, never the token.
struct SessionRecord: Codable, Equatable {
    /// BLAKE2b-256 of the token, hex.
    var tokenHash: String
    var expirationMilliseconds: Int64
    var ended: Bool

    /// BLAKE2b-256 of `token`. Tokens are 32 random bytes, so a fast hash suffices.
    static func hash(of token: SecureBytes) -> [UInt8] {
        var copy = token.copyBytes()
        defer { ConstantTime.zero(&copy) }
        return Hash.blake2b(copy, outputLength: 32)
    }
}

/// The escrow key as stored: identifier and key as hex.
struct EscrowKeyRecord: Codable, Equatable {
    var identifier: String
    var key: String

    init(identifier: String, key: SecureBytes) {
        self.identifier = identifier
        var copy = key.copyBytes()
        defer { ConstantTime.zero(&copy) }
        self.key = Hex.encode(copy)
    }

    /// The key, or `nil` when the record is damaged.
    var escrowKey: EscrowKey? {
        guard let identifier = EscrowKeyIdentifier(hex: identifier), !identifier.bytes.isEmpty,
              var bytes = Hex.decode(key)
        else { return nil }
        defer { ConstantTime.zero(&bytes) }
        guard bytes.count == EscrowKey.keyLength else { return nil }
        return EscrowKey(identifier: identifier, key: SecureBytes(copying: bytes))
    }
}

/// An Argon2id password verifier: salt, cost and 32 bytes of output.
struct PasswordVerifier: Codable, Equatable {
    static let outputLength = 32
    /// The salt used to spend the same work on an unknown user name as on a real one.
    static let decoySalt = [UInt8](repeating: 0, count: Argon2id.saltLength)

    var salt: String
    var cost: PasswordHashingCost
    var hash: String

    /// A verifier for `password` with a fresh salt.
    static func make(
        for password: SecureBytes, cost: PasswordHashingCost, random: any RandomSource
    ) throws(RecoveryAccountError) -> PasswordVerifier {
        let salt = random.bytes(Argon2id.saltLength)
        var output = try derive(password, salt: salt, cost: cost).copyBytes()
        defer { ConstantTime.zero(&output) }
        return PasswordVerifier(salt: Hex.encode(salt), cost: cost, hash: Hex.encode(output))
    }

    /// Argon2id of `password`.
    static func derive(
        _ password: SecureBytes, salt: [UInt8], cost: PasswordHashingCost
    ) throws(RecoveryAccountError) -> SecureBytes {
        do {
            return try Argon2id.deriveKey(
                password: password, salt: salt, outputLength: outputLength,
                operations: cost.operationsLimit, memoryBytes: cost.memoryBytes
            )
        } catch {
            throw .serviceFailure(reason: error.message)
        }
    }

    /// Whether `password` matches, compared in constant time.
    func matches(_ password: SecureBytes) throws(RecoveryAccountError) -> Bool {
        guard let salt = Hex.decode(salt), salt.count == Argon2id.saltLength,
              let expected = Hex.decode(hash), expected.count == Self.outputLength
        else { throw .serviceFailure(reason: "a password verifier is damaged") }
        let derived = try Self.derive(password, salt: salt, cost: cost)
        return derived.withUnsafeBytes { actual in
            expected.withUnsafeBytes { ConstantTime.equals(actual, $0) }
        }
    }
}
