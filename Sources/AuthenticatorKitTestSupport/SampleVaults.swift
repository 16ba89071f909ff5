import AuthenticatorKit
import Foundation

/// Vaults that exercise every field a store must keep, built from fixed values and a
/// deterministic random source so that tests are reproducible.
public enum SampleVaults {
    /// The creation time of every sample account: 2023-11-14T22:13:20Z.
    public static let createdAt = Date(timeIntervalSince1970: 1_700_000_000)

    /// The RFC 4226 / RFC 6238 SHA-1 test secret, ASCII `12345678901234567890`.
    public static let rfcSecret = SecureBytes(copying: Array("12345678901234567890".utf8))

    /// A vault with one account of every shape: TOTP (SHA-1, and SHA-512 with 8 digits,
    /// a 60-second period and a non-zero T0), HOTP (SHA-256), Steam Guard, a personal account
    /// with a device credential and push approvals, a work-or-school account awaiting
    /// verification; settings with every typed field changed and Unicode custom values.
    ///
    /// - Parameter revision: the revision the vault has.
    public static func everyShape(revision: UInt64 = 7) throws -> Vault {
        let random = DeterministicRandom(seed: "AuthenticatorKit sample vault")
        let totp = try Generator(factor: .timer(period: 30), secret: rfcSecret)
        let long = try Generator(
            factor: .timer(period: 60, t0: 100), secret: SecureBytes(randomCount: 64, using: random),
            algorithm: .sha512, format: .decimal(digits: 8)
        )
        let hotp = try Generator(
            factor: .counter(42), secret: SecureBytes(randomCount: 32, using: random),
            algorithm: .sha256, format: .decimal(digits: 8)
        )
        let steam = try Generator.steam(secret: SecureBytes(randomCount: 20, using: random))
        let accounts = [
            Account(
                id: AccountID(rawValue: "a-totp"), kind: .thirdParty, issuer: "GitHub", userName: "alice@example.com",
                token: Token(issuer: "GitHub", account: "alice@example.com", generator: totp), createdAt: createdAt
            ),
            Account(
                id: AccountID(rawValue: "a-sha512"), kind: .thirdParty, issuer: "Bank", userName: "alice",
                displayName: "Savings 💰", iconReference: "https://example.com/bank.png",
                token: Token(issuer: "Bank", account: "alice", generator: long),
                createdAt: createdAt, modifiedAt: createdAt.addingTimeInterval(0.123_456_789)
            ),
            Account(
                id: AccountID(rawValue: "a-hotp"), kind: .thirdParty, issuer: "", userName: "counter-user",
                token: Token(account: "counter-user", generator: hotp), createdAt: createdAt
            ),
            Account(
                id: AccountID(rawValue: "a-steam"), kind: .thirdParty, issuer: "Steam", userName: "gamer",
                token: Token(issuer: "Steam", account: "gamer", generator: steam), createdAt: createdAt
            ),
            Account(
                id: AccountID(rawValue: "a-personal"), kind: .personal, issuer: "Contoso ID", userName: "alice@contoso.example",
                providerAccountReference: "user-0001", pushApprovalsEnabled: true,
                deviceCredential: DeviceCredential(createdAt: createdAt, using: random), createdAt: createdAt
            ),
            Account(
                id: AccountID(rawValue: "a-work"), kind: .workOrSchool, issuer: "Fabrikam", userName: "a.smith@fabrikam.example",
                providerAccountReference: "tenant/42", restoreState: .needsVerification(.providerQRCode),
                createdAt: createdAt
            ),
        ]
        let settings = Settings(
            platform: .android, backupEnabled: true, hidesCodes: true, groupsDigits: false,
            custom: ["theme": "dark", "Ünïcødé 🔑": "värde", "empty": ""]
        )
        return Vault(accounts: accounts, settings: settings, revision: revision)
    }

    /// A third-party TOTP account named `userName` at `issuer` with a secret derived from
    /// both (so distinct names give distinct accounts).
    public static func thirdPartyAccount(issuer: String = "Example", userName: String) throws -> Account {
        let secret = SecureBytes(copying: Hash.blake2b(Array("\(issuer)/\(userName)".utf8), outputLength: 20))
        let generator = try Generator(factor: .timer(period: 30), secret: secret)
        return Account(
            kind: .thirdParty, issuer: issuer, userName: userName,
            token: Token(issuer: issuer, account: userName, generator: generator), createdAt: createdAt
        )
    }

    /// ``everyShape(revision:)`` with a device backup state in which every field is set,
    /// the session token included.
    public static func withBackupState(revision: UInt64 = 9) throws -> Vault {
        let vault = try everyShape(revision: revision)
        let state = BackupState(
            recoveryAccount: "alice@contoso.example",
            cloudIdentity: "alice@icloud.example",
            session: RecoverySession(
                userName: "alice@contoso.example", token: SecureBytes(copying: Array("sample session token".utf8)),
                expirationDate: createdAt.addingTimeInterval(30 * 24 * 3600)),
            lastUploadedGeneration: 12,
            lastUploadDate: createdAt.addingTimeInterval(60),
            backedUpRevision: revision - 1,
            backupID: UUID(uuid: (0xA1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 0xF6)),
            lastFailure: .generationConflict(local: 14, cloud: 13),
            unverifiedGeneration: 14
        )
        return Vault(accounts: vault.accounts, settings: vault.settings, revision: revision, backupState: state)
    }
}
