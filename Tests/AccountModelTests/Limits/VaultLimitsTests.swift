import AccountModel
import AuthenticatorKitTestSupport
import Foundation
import OTP
import SodiumBridge
import Testing

/// Issue 11, reproduction 6 (first half): the vault accepted what a backup could not carry
/// (a 129-byte secret, a 2,000-character issuer from a QR code), and every later backup
/// failed. Every way into the vault now refuses it with the field and the limit.
@Suite("Vault limits")
struct VaultLimitsTests {
    let limit = VaultLimits.maximumTextLength

    func token(issuer: String = "Example", account: String = "alice", secretLength: Int = 20) throws -> Token {
        try limitTestToken(issuer: issuer, account: account, secretLength: secretLength)
    }

    func provider(reference: String? = "user-1", scannedSecretLength: Int? = nil) throws -> Account {
        let device: Account.DeviceState = try scannedSecretLength.map { .scannedSecret(try token(secretLength: $0).generator) }
            ?? .awaitingEnrolment
        return Account(
            provider: Account.ProviderDetails(
                kind: .personal, issuer: "Contoso", userName: "carol", reference: reference.map(ProviderAccountReference.init(rawValue:)),
                device: device),
            createdAt: SampleVaults.createdAt)
    }

    // MARK: The attack: a QR code with a 129-byte secret or a 2,000-character issuer

    @Test func aSecretOneByteLongerThanABackupCarriesIsRefusedByAdd() throws {
        var vault = Vault(platform: .ios)
        let oversized = Account(token: try token(secretLength: 129), createdAt: SampleVaults.createdAt)
        #expect(throws: AccountModelError.secretTooLong(limit: 128)) { try vault.add(oversized) }
        #expect(vault.accounts.isEmpty)
        #expect(vault.revision == 0)
        try vault.add(Account(token: try token(secretLength: 128), createdAt: SampleVaults.createdAt))
        #expect(vault.accounts.count == 1)
    }

    @Test func aTwoThousandCharacterIssuerIsRefusedByAddNamingTheField() throws {
        var vault = Vault(platform: .ios)
        let uri = "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&issuer=" + String(repeating: "A", count: 2000)
        let scanned = try Token(uri: uri)
        #expect(throws: AccountModelError.fieldTooLong(field: .issuer, limit: 1024)) {
            try vault.add(Account(token: scanned, createdAt: SampleVaults.createdAt))
        }
        #expect(vault.revision == 0)
    }

    @Test func textIsMeasuredInUTF8Bytes() throws {
        var vault = Vault(platform: .ios)
        let exactly = String(repeating: "é", count: limit / 2)  // 2 bytes each: exactly the limit
        try vault.add(Account(token: try token(issuer: exactly), createdAt: SampleVaults.createdAt))
        #expect(throws: AccountModelError.fieldTooLong(field: .issuer, limit: limit)) {
            try vault.add(Account(token: try token(issuer: exactly + "a", account: "bob"), createdAt: SampleVaults.createdAt))
        }
    }

    @Test func everyTextFieldABackupCarriesIsBounded() throws {
        let long = String(repeating: "x", count: limit + 1)
        let cases: [(Account, VaultLimits.Field)] = [
            (Account(token: try token(account: long), createdAt: SampleVaults.createdAt), .userName),
            (Account(token: try token(), displayName: long, createdAt: SampleVaults.createdAt), .displayName),
            (Account(token: try token(), iconReference: long, createdAt: SampleVaults.createdAt), .iconReference),
            (Account(id: AccountID(rawValue: long), token: try token(), createdAt: SampleVaults.createdAt), .accountIdentifier),
            (try provider(reference: long), .providerAccountReference),
        ]
        for (account, field) in cases {
            var vault = Vault(platform: .ios)
            #expect(throws: AccountModelError.fieldTooLong(field: field, limit: limit)) { try vault.add(account) }
            #expect(account.backupLimitViolations == [.fieldTooLong(field: field, limit: limit)])
        }
    }

    @Test func aSecretScannedFromAProviderIsBoundedToo() throws {
        var vault = Vault(platform: .ios)
        let account = try provider(scannedSecretLength: 129)
        #expect(throws: AccountModelError.secretTooLong(limit: 128)) { try vault.add(account) }
        // A backup carries no scanned secret: backups would not leave it out.
        #expect(account.backupLimitViolations.isEmpty)
    }

    @Test func renameRefusesANameABackupCannotCarryAndChangesNothing() throws {
        var vault = Vault(platform: .ios)
        let account = Account(token: try token(), createdAt: SampleVaults.createdAt)
        try vault.add(account)
        let long = String(repeating: "n", count: limit + 1)
        #expect(throws: AccountModelError.fieldTooLong(field: .userName, limit: limit)) {
            try vault.renameAccount(withID: account.id, issuer: "Example", userName: long, displayName: nil)
        }
        #expect(throws: AccountModelError.fieldTooLong(field: .displayName, limit: limit)) {
            try vault.renameAccount(withID: account.id, issuer: "Example", userName: "alice", displayName: long)
        }
        #expect(vault.accounts[0].userName == "alice")
        #expect(vault.revision == 1)
    }

    @Test func updateRefusesAGeneratorWhoseSecretIsTooLong() throws {
        var vault = Vault(platform: .ios)
        let account = Account(token: try token(), createdAt: SampleVaults.createdAt)
        try vault.add(account)
        let oversized = try token(secretLength: 200).generator
        #expect(throws: AccountModelError.secretTooLong(limit: 128)) {
            try vault.updateAccount(withID: account.id) { $0.replaceGenerator(with: oversized) }
        }
        #expect(vault.revision == 1)
    }

    @Test func theAccountCountIsBoundedAtFiftyThousand() throws {
        // Provider accounts hold no secret: cheap to make 50,000 of.
        let accounts = SampleVaults.providerAccountsAwaitingVerification(0..<VaultLimits.maximumAccounts, idPrefix: "p")
        var vault = Vault(accounts: accounts, settings: Settings(platform: .ios), revision: 1)
        #expect(throws: AccountModelError.tooManyAccounts(limit: 50_000)) {
            try vault.add(Account(token: try token(), createdAt: SampleVaults.createdAt))
        }
        #expect(vault.accounts.count == 50_000)
        #expect(vault.revision == 1)
    }

    // MARK: Settings

    @Test func settingsSetRefusesACustomValueOrKeyABackupCannotCarry() throws {
        var vault = Vault(platform: .ios)
        let long = String(repeating: "v", count: limit + 1)
        #expect(throws: AccountModelError.fieldTooLong(field: .customSettingValue, limit: limit)) {
            try vault.setSetting(long, forKey: "theme")
        }
        #expect(throws: AccountModelError.fieldTooLong(field: .customSettingKey, limit: limit)) {
            try vault.setSetting("dark", forKey: long)
        }
        #expect(vault.settings.custom.isEmpty)
        #expect(vault.revision == 0)
    }

    @Test func settingsHoldAtMostTwoHundredFiftySixCustomValues() throws {
        var vault = Vault(platform: .ios)
        var settings = vault.settings
        for index in 0..<VaultLimits.maximumCustomSettings { settings.custom["k\(index)"] = "v" }
        try vault.updateSettings(settings)
        #expect(throws: AccountModelError.tooManyCustomSettings(limit: 256)) { try vault.setSetting("v", forKey: "one-more") }
        #expect(vault.settings.custom.count == 256)
        try vault.setSetting("changed", forKey: "k0")  // changing one that is there is fine
    }

    // MARK: An account an earlier version let in

    @Test func anAccountAnEarlierVersionLetInKeepsWorkingAndIsListedAsLeftOut() throws {
        var vault = try OversizedAccounts.vault()
        let oversized = try #require(vault.accounts.first { $0.id == AccountID(rawValue: "oversized-secret") })
        #expect(vault.accountsLeftOutOfBackups.map(\.id) == [oversized.id])
        #expect(vault.accountsLeftOutOfBackups.first?.violations == [.secretTooLong(limit: 128)])
        #expect(vault.accountsLeftOutOfBackups.first?.name == "Oversized (mallory)")
        // Relabelling it (within the limits) is not refused for the secret it already had…
        try vault.renameAccount(withID: oversized.id, issuer: "Renamed", userName: "mallory", displayName: "Mine")
        #expect(vault.accountsLeftOutOfBackups.first?.name == "Mine")
        // …but nothing new beyond the limits gets in with it.
        #expect(throws: AccountModelError.fieldTooLong(field: .issuer, limit: limit)) {
            try vault.renameAccount(withID: oversized.id, issuer: String(repeating: "i", count: limit + 1), userName: "m", displayName: nil)
        }
    }

    @Test func theLeftOutReportHoldsNoSecret() throws {
        let leftOut = try #require(try OversizedAccounts.vault().accountsLeftOutOfBackups.first)
        let secret = try #require(try OversizedAccounts.thirdParty().token?.generator.secret)
        let base32 = Base32.encode(secret)
        #expect(!"\(leftOut)".contains(base32))
        #expect(!String(reflecting: leftOut).contains(base32))
    }

    @Test func aVaultWithinTheLimitsLeavesNothingOut() throws {
        #expect(try SampleVaults.everyAccountShape().accountsLeftOutOfBackups.isEmpty)
    }

    @Test func theLocalVaultFileKeepsAnAccountAnEarlierVersionLetIn() throws {
        let key = SecureBytes(copying: Array(repeating: 7, count: 32))
        let vault = try OversizedAccounts.vault()
        let opened = try LocalVaultFormat.open(try LocalVaultFormat.seal(vault, key: key), key: key)
        #expect(opened.accounts.map(\.id) == vault.accounts.map(\.id))
        #expect(opened.accounts[1].token?.generator.secret.count == 129)
        let issuer = try OversizedAccounts.longIssuer()
        let withIssuer = Vault(accounts: [issuer], settings: Settings(platform: .ios), revision: 1)
        #expect(try LocalVaultFormat.open(try LocalVaultFormat.seal(withIssuer, key: key), key: key).accounts[0].issuer.count == 2000)
    }
}
