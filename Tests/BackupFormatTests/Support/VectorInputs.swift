import SodiumBridge
import OTP
import AccountModel
import Foundation
import BackupFormat

/// The inputs of the checked-in known-answer vectors, as named in `Vectors/README.md`.
/// The expected values the tests compare against are written out literally in
/// `KnownAnswerVectorTests`, not taken from here.
enum VectorInputs {
    static func generator(_ factor: Factor, _ secret: [UInt8], _ algorithm: Algorithm, _ format: CodeFormat) -> Generator {
        try! Generator(factor: factor, secret: SecureBytes(copying: secret), algorithm: algorithm, format: format)
    }

    // MARK: v1-escrow

    enum Escrow {
        static let seed = "AuthenticatorKit backup vector v1-escrow"
        static let clock = FixedTimeSource(unixTime: 1_700_000_100)
        static let escrowKey = SecureBytes(copying: Array(0x00...0x1F as ClosedRange<UInt8>))
        static let keyID = "k1"
        static let metadata = BackupMetadata(
            generation: 1, platform: .ios, appVersion: "1.0",
            backupID: UUID(uuidString: "00112233-4455-6677-8899-aabbccddeeff")!
        )

        static func payload() -> BackupPayload {
            let token = BackupToken(generator(.timer(period: 30, t0: 0), Array("12345678901234567890".utf8), .sha1, .decimal(digits: 6)))
            let account = BackupAccount(
                id: AccountID(rawValue: "00000000-0000-4000-8000-000000000001"), issuer: "Example", userName: "alice@example.com",
                createdAt: Date(timeIntervalSince1970: 1_700_000_000), content: .thirdParty(token)
            )
            return BackupPayload(accounts: [account], settings: Settings(platform: .ios, backupEnabled: true))
        }

        static func seal() throws -> [UInt8] {
            try BackupSealer(random: DeterministicRandom(seed: seed), clock: clock)
                .seal(payload(), metadata: metadata, keySlots: [.escrowKey(escrowKey, keyID: keyID)])
        }
    }

    // MARK: v1-all-slots

    enum AllSlots {
        static let seed = "AuthenticatorKit backup vector v1-all-slots"
        static let clock = FixedTimeSource(unixTime: 1_700_000_200.25)
        static let escrowKey = SecureBytes(copying: Array(0xE0...0xFF as ClosedRange<UInt8>))
        static let keyID = "recovery-account/escrow-key/3"
        static let password = SecureBytes(copying: Array("correct horse battery staple".utf8))
        static let recoveryCodeSeed = "AuthenticatorKit recovery code vector"
        static let metadata = BackupMetadata(
            generation: 42, platform: .android, appVersion: "2.5.0 (1234)",
            backupID: UUID(uuidString: "6ba7b810-9dad-41d1-80b4-00c04fd430c8")!
        )

        static func vault() -> Vault {
            let sha512Seed = Array("1234567890123456789012345678901234567890123456789012345678901234".utf8)
            let accounts = [
                Account(
                    id: AccountID(rawValue: "acct-1"),
                    token: Token(issuer: "GitHub", account: "octocat",
                                 generator: generator(.timer(period: 30, t0: 0), Array("12345678901234567890".utf8), .sha1, .decimal(digits: 6))),
                    displayName: "Work GitHub", iconReference: "github.png",
                    createdAt: Date(timeIntervalSince1970: 1_600_000_000)
                ),
                Account(
                    id: AccountID(rawValue: "acct-2"),
                    token: Token(issuer: "Example", account: "alice@example.com",
                                 generator: generator(.counter(1), Array("12345678901234567890123456789012".utf8), .sha256, .decimal(digits: 8))),
                    createdAt: Date(timeIntervalSince1970: 1_600_000_001)
                ),
                Account(
                    id: AccountID(rawValue: "acct-3"),
                    token: Token(issuer: "Bank", account: "12345678",
                                 generator: generator(.timer(period: 30, t0: 0), sha512Seed, .sha512, .decimal(digits: 8))),
                    createdAt: Date(timeIntervalSince1970: 1_600_000_002)
                ),
                Account(
                    id: AccountID(rawValue: "acct-4"),
                    token: Token(issuer: "Steam", account: "gabe",
                                 generator: generator(.timer(period: 30, t0: 0), Array(0x01...0x0A as ClosedRange<UInt8>), .sha1, .steam)),
                    createdAt: Date(timeIntervalSince1970: 1_600_000_003)
                ),
                Account(
                    id: AccountID(rawValue: "acct-5"),
                    provider: Account.ProviderDetails(
                        kind: .personal, issuer: "Contoso ID", userName: "bob@contoso.example", reference: "user-123",
                        pushApprovalsEnabled: true,
                        device: .enrolled(DeviceCredential(
                            createdAt: Date(timeIntervalSince1970: 1_600_000_004),
                            using: DeterministicRandom(seed: "vector device credential")))),
                    createdAt: Date(timeIntervalSince1970: 1_600_000_004)
                ),
                Account(
                    id: AccountID(rawValue: "acct-6"),
                    provider: Account.ProviderDetails(
                        kind: .workOrSchool, issuer: "Fabrikam", userName: "carol@fabrikam.example", device: .awaitingEnrolment),
                    displayName: "Fabrikam (work)", createdAt: Date(timeIntervalSince1970: 1_600_000_005)
                ),
            ]
            let settings = Settings(platform: .android, backupEnabled: true, hidesCodes: true, groupsDigits: false,
                                    custom: ["theme": "dark", "lang": "fr"])
            return Vault(accounts: accounts, settings: settings, revision: 17)
        }

        static func recoveryCode() -> RecoveryCode {
            RecoveryCode(using: DeterministicRandom(seed: recoveryCodeSeed))
        }

        static func seal() throws -> [UInt8] {
            try BackupSealer(random: DeterministicRandom(seed: seed), clock: clock).seal(
                BackupPayload(vault: vault()), metadata: metadata,
                keySlots: [
                    .escrowKey(escrowKey, keyID: keyID),
                    .password(password, parameters: .minimum),
                    .recoveryCode(recoveryCode()),
                ]
            )
        }
    }
}
