import BackupServices
import SodiumBridge
import DurableStorage
import Foundation

/// The Ed25519 public key with which a recovery-account service signs its
/// `RecoveryIdentityAssertion`s: what an account provider is configured to trust
/// (``LocalAccountProvider/RecoveryIdentityTrust``). Not a secret.
public struct RecoveryIdentityVerificationKey: Sendable, Hashable, Codable {
    /// The 32-byte Ed25519 public key.
    public let bytes: [UInt8]

    /// A key from its 32 bytes.
    /// - Throws: `RecoveryAccountError/serviceFailure(reason:)` for another length.
    public init(bytes: [UInt8]) throws(RecoveryAccountError) {
        guard bytes.count == Ed25519.publicKeyLength else {
            throw .serviceFailure(reason: "an identity verification key has \(Ed25519.publicKeyLength) bytes")
        }
        self.bytes = bytes
    }

    /// Decodes the 32 bytes, checking their length.
    public init(from decoder: any Decoder) throws {
        let bytes = try decoder.singleValueContainer().decode([UInt8].self)
        do { try self.init(bytes: bytes) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    /// Encodes the 32 bytes.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(bytes)
    }
}

/// The claims of an assertion of ``LocalRecoveryAccountService``:
/// `akrid1.<claims>.<signature>` (UTF-8), where `<claims>` is base64url (no padding) of the
/// JSON `{"sub", "sid", "iat", "exp"}` — the account's user name, a session identifier, and
/// the issue and expiry times in Unix seconds — and `<signature>` base64url of the Ed25519
/// signature of `akrid1.<claims>` by the service's identity key.
struct IdentityAssertionClaims: Codable, Equatable {
    static let prefix = "akrid1"
    /// Longer assertions are refused before any parsing.
    static let maximumLength = 2048

    var subject: String
    var sessionID: String
    var issuedAt: Int64
    var expiresAt: Int64

    enum CodingKeys: String, CodingKey {
        case subject = "sub", sessionID = "sid", issuedAt = "iat", expiresAt = "exp"
    }

    /// The signed assertion.
    func signed(with keyPair: Ed25519.KeyPair) -> RecoveryIdentityAssertion {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let claims = (try? encoder.encode(self)) ?? Data()
        let body = "\(Self.prefix).\(Base64URL.encode(Array(claims)))"
        let signature = keyPair.sign(Array(body.utf8))
        return RecoveryIdentityAssertion(bytes: Array("\(body).\(Base64URL.encode(signature))".utf8))
    }

    /// The claims of `assertion` when its signature verifies with one of `keys`, else `nil`.
    static func verified(_ assertion: RecoveryIdentityAssertion, keys: [RecoveryIdentityVerificationKey]) -> IdentityAssertionClaims? {
        guard assertion.bytes.count <= maximumLength, let text = String(bytes: assertion.bytes, encoding: .utf8) else { return nil }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == prefix,
              let claimBytes = Base64URL.decode(String(parts[1])),
              let signature = Base64URL.decode(String(parts[2])),
              let claims = try? JSONDecoder().decode(IdentityAssertionClaims.self, from: Data(claimBytes))
        else { return nil }
        let body = Array("\(parts[0]).\(parts[1])".utf8)
        guard keys.contains(where: { Ed25519.isValidSignature(signature, of: body, publicKey: $0.bytes) }) else { return nil }
        return claims
    }
}

extension LocalRecoveryAccountService {
    /// How long an identity assertion is valid after sign-in (never past the session): 15
    /// minutes, enough to plan and commit a restore.
    public static let identityAssertionLifetime: TimeInterval = 15 * 60

    /// The public key this service signs its identity assertions with, created (with its
    /// private half, kept in the service's folder) on first use. Give it to an account
    /// provider that should trust this service's sign-ins.
    /// - Throws: `RecoveryAccountError/unreachable`, `RecoveryAccountError/serviceFailure(reason:)`.
    public func identityVerificationKey() async throws(RecoveryAccountError) -> RecoveryIdentityVerificationKey {
        try requireReachable()
        try createAccountsFolder()
        let keyPair = try await withLock { () throws(RecoveryAccountError) in try identityKeyPairHoldingLock() }
        return try RecoveryIdentityVerificationKey(bytes: keyPair.publicKey)
    }

    /// The assertion that the session with `tokenHash`, of `userName`, proved that user
    /// until `expiration` (at most ``identityAssertionLifetime`` from now). Called with the
    /// service's lock held; `nil` when the identity key cannot be read or made (the session
    /// then simply carries none, and restores ask for verification).
    func identityAssertionHoldingLock(for userName: String, tokenHash: [UInt8], expiration: Date) -> RecoveryIdentityAssertion? {
        guard let keyPair = try? identityKeyPairHoldingLock() else { return nil }
        let now = clock.now()
        let issuedAt = Int64(now.timeIntervalSince1970.rounded(.down))
        let until = min(expiration, now.addingTimeInterval(Self.identityAssertionLifetime))
        let claims = IdentityAssertionClaims(
            subject: userName, sessionID: Hex.encode(Array(tokenHash.prefix(16))), issuedAt: issuedAt,
            expiresAt: Int64(until.timeIntervalSince1970.rounded(.down)))
        return claims.signed(with: keyPair)
    }

    /// The file of the identity key's 32-byte seed (hex), beside the account files; its
    /// leading dot keeps it apart from them.
    private var identityKeyFile: URL { accountsFolder.appendingPathComponent(".identity-key") }

    /// The identity key pair, created and stored when missing. The caller holds the lock.
    private func identityKeyPairHoldingLock() throws(RecoveryAccountError) -> Ed25519.KeyPair {
        let file = identityKeyFile
        if let stored = try Self.storage({ () throws(StorageError) in try AtomicFile.read(file, limit: 2 * Ed25519.seedLength) }) {
            guard stored.count == 2 * Ed25519.seedLength,
                  var seed = Hex.decode(String(decoding: stored, as: UTF8.self))
            else { throw .serviceFailure(reason: "\(file.path) is damaged") }
            defer { ConstantTime.zero(&seed) }
            do { return try Ed25519.KeyPair(seed: SecureBytes(copying: seed)) } catch {
                throw .serviceFailure(reason: "\(file.path) is damaged")
            }
        }
        var seed = random.bytes(Ed25519.seedLength)
        defer { ConstantTime.zero(&seed) }
        var text = Array(Hex.encode(seed).utf8)
        defer { ConstantTime.zero(&text) }
        try Self.storage { () throws(StorageError) in try AtomicFile.write(text, to: file) }
        do { return try Ed25519.KeyPair(seed: SecureBytes(copying: seed)) } catch {
            throw .serviceFailure(reason: "cannot make the identity key")
        }
    }
}
