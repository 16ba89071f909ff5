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
                id: AccountID(rawValue: "a-totp"),
                token: Token(issuer: "GitHub", account: "alice@example.com", generator: totp), createdAt: createdAt
            ),
            Account(
                id: AccountID(rawValue: "a-sha512"), token: Token(issuer: "Bank", account: "alice", generator: long),
                displayName: "Savings 💰", iconReference: "https://example.com/bank.png",
                createdAt: createdAt, modifiedAt: createdAt.addingTimeInterval(0.123_456_789)
            ),
            Account(
                id: AccountID(rawValue: "a-hotp"), token: Token(account: "counter-user", generator: hotp), createdAt: createdAt
            ),
            Account(
                id: AccountID(rawValue: "a-steam"), token: Token(issuer: "Steam", account: "gamer", generator: steam),
                createdAt: createdAt
            ),
            Account(
                id: AccountID(rawValue: "a-personal"),
                provider: Account.ProviderDetails(
                    kind: .personal, issuer: "Contoso ID", userName: "alice@contoso.example", reference: "user-0001",
                    pushApprovalsEnabled: true, device: .enrolled(DeviceCredential(createdAt: createdAt, using: random))),
                createdAt: createdAt
            ),
            Account(
                id: AccountID(rawValue: "a-work"),
                provider: Account.ProviderDetails(
                    kind: .workOrSchool, issuer: "Fabrikam", userName: "a.smith@fabrikam.example", reference: "tenant/42",
                    device: .awaitingVerification(.providerQRCode)),
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
        return Account(token: Token(issuer: issuer, account: userName, generator: generator), createdAt: createdAt)
    }

    /// `count` work-or-school accounts awaiting verification by QR code, identifiers
    /// `<idPrefix><n>` and user names `user<n>` for n in `positions`: they hold no secret, so
    /// tens of thousands are cheap to make (for tests near the vault's limit).
    public static func providerAccountsAwaitingVerification(_ positions: Range<Int>, idPrefix: String) -> [Account] {
        positions.map { position in
            Account(
                id: AccountID(rawValue: "\(idPrefix)\(position)"),
                provider: Account.ProviderDetails(
                    kind: .workOrSchool, issuer: "Tailspin", userName: "user\(position)",
                    device: .awaitingVerification(.providerQRCode)),
                createdAt: createdAt)
        }
    }

    /// ``everyShape(revision:)`` plus a provider account in every other device state: a
    /// personal account awaiting enrolment, one holding only a secret scanned from its
    /// provider, one awaiting verification by password and code, and a work-or-school account
    /// enrolled on top of a scanned secret.
    public static func everyAccountShape(revision: UInt64 = 8) throws -> Vault {
        let random = DeterministicRandom(seed: "AuthenticatorKit sample device states")
        let scanned = try Generator(factor: .timer(period: 30), secret: SecureBytes(randomCount: 20, using: random))
        let scannedHOTP = try Generator(factor: .counter(7), secret: SecureBytes(randomCount: 20, using: random))
        let shapes = try everyShape(revision: revision)
        let more = [
            Account(
                id: AccountID(rawValue: "p-enrolling"),
                provider: Account.ProviderDetails(
                    kind: .personal, issuer: "Contoso ID", userName: "bob@contoso.example", reference: "user-0002",
                    device: .awaitingEnrolment),
                createdAt: createdAt),
            Account(
                id: AccountID(rawValue: "p-scanned"),
                provider: Account.ProviderDetails(
                    kind: .personal, issuer: "Contoso ID", userName: "carol@contoso.example", device: .scannedSecret(scannedHOTP)),
                displayName: "Carol", createdAt: createdAt, modifiedAt: createdAt.addingTimeInterval(1.5)),
            Account(
                id: AccountID(rawValue: "p-waiting"),
                provider: Account.ProviderDetails(
                    kind: .personal, issuer: "Contoso ID", userName: "dave@contoso.example", reference: "user-0004",
                    pushApprovalsEnabled: true, device: .awaitingVerification(.passwordAndAlternateContact)),
                iconReference: "contoso", createdAt: createdAt),
            Account(
                id: AccountID(rawValue: "w-enrolled-scanned"),
                provider: Account.ProviderDetails(
                    kind: .workOrSchool, issuer: "Fabrikam", userName: "erin@fabrikam.example", reference: "tenant/43",
                    pushApprovalsEnabled: true,
                    device: .enrolled(DeviceCredential(createdAt: createdAt, using: random), scannedSecret: scanned)),
                createdAt: createdAt),
        ]
        return Vault(accounts: shapes.accounts + more, settings: shapes.settings, revision: revision)
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
