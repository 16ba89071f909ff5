import SodiumBridge
import OTP
import AccountModel
import Foundation
import BackupFormat

/// Inputs shared by the tests: a small vault with one account of every kind and shape, keys,
/// and helpers that seal and open with the escrow slot (fast: no key derivation).
enum Fixtures {
    /// The RFC 6238 / RFC 4226 test seed, ASCII "12345678901234567890".
    static let rfcSeed = Array("12345678901234567890".utf8)
    /// The RFC 6238 SHA-256 seed (32 bytes).
    static let rfcSeed32 = Array("12345678901234567890123456789012".utf8)

    static let escrowKey = SecureBytes(copying: Array(0..<32 as Range<UInt8>))
    static let otherEscrowKey = SecureBytes(copying: Array(repeating: 0xA5, count: 32))
    static let password = SecureBytes(copying: Array("correct horse battery staple".utf8))
    static let clock = FixedTimeSource(unixTime: 1_700_000_100)
    static let backupID = UUID(uuidString: "00112233-4455-6677-8899-AABBCCDDEEFF")!
    static let metadata = BackupMetadata(generation: 7, platform: .ios, appVersion: "1.2.3 (45)", backupID: backupID)

    static func generator(_ factor: Factor, _ secret: [UInt8], _ algorithm: Algorithm = .sha1, _ format: CodeFormat = .decimal(digits: 6)) -> Generator {
        // Valid by construction (tests only).
        try! Generator(factor: factor, secret: SecureBytes(copying: secret), algorithm: algorithm, format: format)
    }

    /// A device credential minted from a fixed seed, so tests can look for its bytes.
    static func deviceCredential() -> DeviceCredential {
        DeviceCredential(createdAt: Date(timeIntervalSince1970: 1_700_000_000), using: DeterministicRandom(seed: "device credential"))
    }

    /// One account of every kind: TOTP, HOTP, Steam; personal with push and a device
    /// credential and a device-bound token; work or school without.
    static func vault() -> Vault {
        let created = Date(timeIntervalSince1970: 1_600_000_000)
        let accounts = [
            Account(
                id: AccountID(rawValue: "a1"),
                token: Token(issuer: "GitHub", account: "octocat", generator: generator(.timer(period: 30), rfcSeed)),
                displayName: "Work GitHub", iconReference: "github.png", createdAt: created
            ),
            Account(
                id: AccountID(rawValue: "a2"),
                token: Token(issuer: "Example", account: "alice@example.com",
                             generator: generator(.counter(42), rfcSeed32, .sha256, .decimal(digits: 8))),
                createdAt: created.addingTimeInterval(1)
            ),
            Account(
                id: AccountID(rawValue: "a3"),
                token: Token(issuer: "Steam", account: "gabe",
                             generator: generator(.timer(period: 30, t0: 0), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], .sha1, .steam)),
                createdAt: created.addingTimeInterval(2)
            ),
            // Enrolled on this device on top of a secret scanned from the provider: neither is backed up.
            Account(
                id: AccountID(rawValue: "a4"),
                provider: Account.ProviderDetails(
                    kind: .personal, issuer: "Contoso ID", userName: "bob@contoso.example", reference: "user-123",
                    pushApprovalsEnabled: true,
                    device: .enrolled(
                        deviceCredential(),
                        scannedSecret: generator(.timer(period: 30), Array(repeating: 0x77, count: 20)))),
                createdAt: created.addingTimeInterval(3)
            ),
            Account(
                id: AccountID(rawValue: "a5"),
                provider: Account.ProviderDetails(
                    kind: .workOrSchool, issuer: "Fabrikam", userName: "carol@fabrikam.example", device: .awaitingEnrolment),
                displayName: "Fabrikam (work)", createdAt: created.addingTimeInterval(4)
            ),
        ]
        let settings = Settings(platform: .ios, backupEnabled: true, hidesCodes: true, groupsDigits: false, custom: ["theme": "dark", "lang": "fr"])
        return Vault(accounts: accounts, settings: settings, revision: 9)
    }

    static func payload() -> BackupPayload {
        BackupPayload(vault: vault())
    }

    /// A payload of `count` third-party accounts sharing one secret buffer.
    static func payload(accountCount count: Int) -> BackupPayload {
        let token = BackupToken(generator(.timer(period: 30), rfcSeed))
        let accounts = (0..<count).map { index in
            BackupAccount(id: AccountID(rawValue: "id-\(index)"), issuer: "Issuer \(index)", userName: "user\(index)@example.com",
                          createdAt: Date(timeIntervalSince1970: 1_600_000_000), content: .thirdParty(token))
        }
        return BackupPayload(accounts: accounts, settings: Settings(platform: .android))
    }

    static func sealer(seed: String = "tests") -> BackupSealer {
        BackupSealer(random: DeterministicRandom(seed: seed), clock: clock)
    }

    /// `payload` sealed with the escrow slot only.
    static func sealedWithEscrow(_ payload: BackupPayload = Fixtures.payload()) throws -> [UInt8] {
        try sealer().seal(payload, metadata: metadata, keySlots: [.escrowKey(escrowKey, keyID: "escrow-1")])
    }

    /// Opens `bytes` with `key`, for tests that expect an error.
    static func open(_ bytes: [UInt8], using key: BackupKey) throws(BackupFormatError) -> BackupPayload {
        try SealedBackup(bytes: bytes).open(using: key)
    }

    /// `bytes` with the final checksum recomputed, as an attacker (not an accident) would.
    static func withFixedChecksum(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.count >= 32 else { return bytes }
        let body = Array(bytes.dropLast(32))
        return body + Hash.blake2b(body, outputLength: 32)
    }

    /// Hex decoding for vectors (whitespace ignored).
    static func bytes(hex: String) -> [UInt8] {
        let digits = hex.unicodeScalars.filter { !$0.properties.isWhitespace }.map { Character($0) }
        var result: [UInt8] = []
        var index = digits.startIndex
        while index + 1 < digits.endIndex {
            result.append(UInt8(String(digits[index...index + 1]), radix: 16)!)
            index += 2
        }
        return result
    }

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }
}
