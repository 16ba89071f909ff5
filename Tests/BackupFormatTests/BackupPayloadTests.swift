import OTP
import AccountModel
import Foundation
import Testing
import BackupFormat

@Suite("BackupPayload from a vault")
struct BackupPayloadTests {
    @Test func everyAccountAppearsInTheVaultsOrder() throws {
        let payload = BackupPayload(vault: Fixtures.vault())
        #expect(payload.accounts.map(\.id.rawValue) == ["a1", "a2", "a3", "a4", "a5"])
        #expect(payload.accounts.map(\.kind) == [.thirdParty, .thirdParty, .thirdParty, .personal, .workOrSchool])
    }

    @Test func thirdPartyAccountsAreCarriedInFull() throws {
        let account = BackupPayload(vault: Fixtures.vault()).accounts[0]
        #expect(account.issuer == "GitHub")
        #expect(account.userName == "octocat")
        #expect(account.displayName == "Work GitHub")
        #expect(account.iconReference == "github.png")
        #expect(account.createdAt == Date(timeIntervalSince1970: 1_600_000_000))
        let token = try #require(account.token)
        #expect(token.algorithm == .sha1)
        #expect(token.format == .decimal(digits: 6))
        #expect(token.factor == .timer(period: 30, t0: 0))
        #expect(token.secret.copyBytes() == Fixtures.rfcSeed)
        #expect(account.providerMetadata == nil)
    }

    @Test func counterAndSteamParametersAreCarried() throws {
        let accounts = BackupPayload(vault: Fixtures.vault()).accounts
        let hotp = try #require(accounts[1].token)
        #expect(hotp.algorithm == .sha256)
        #expect(hotp.format == .decimal(digits: 8))
        #expect(hotp.factor == .counter(42))
        let steam = try #require(accounts[2].token)
        #expect(steam.format == .steam)
    }

    @Test func personalAndWorkOrSchoolAccountsAreCarriedAsMetadataOnly() throws {
        let accounts = BackupPayload(vault: Fixtures.vault()).accounts
        #expect(accounts[3].token == nil)
        #expect(accounts[3].providerMetadata == .init(providerAccountReference: "user-123", pushApprovalsEnabled: true))
        #expect(accounts[3].issuer == "Contoso ID")
        #expect(accounts[3].userName == "bob@contoso.example")
        #expect(accounts[4].token == nil)
        #expect(accounts[4].providerMetadata == .init(providerAccountReference: nil, pushApprovalsEnabled: false))
        #expect(accounts[4].displayName == "Fabrikam (work)")
    }

    @Test func settingsAreCarried() throws {
        let settings = BackupPayload(vault: Fixtures.vault()).settings
        #expect(settings == Settings(platform: .ios, backupEnabled: true, hidesCodes: true, groupsDigits: false,
                                     custom: ["theme": "dark", "lang": "fr"]))
    }

    @Test func anEmptyVaultGivesAnEmptyPayload() throws {
        let payload = BackupPayload(vault: Vault(platform: .android))
        #expect(payload.accounts.isEmpty)
        #expect(payload.settings.platform == .android)
    }
}

@Suite("BackupPayload round trip")
struct BackupPayloadRoundTripTests {
    /// Apps create accounts at `Date()`, which has sub-millisecond precision; the format keeps
    /// milliseconds. A payload must still equal itself after sealing and opening, or an upload
    /// that compares what it sealed with what it reads back would never verify.
    @Test func aPayloadOfAccountsCreatedAtSubMillisecondInstantsEqualsItselfAfterARoundTrip() throws {
        var vault = Vault(platform: .ios)
        let instant = Date(timeIntervalSince1970: 1_700_000_000.123_456_7)
        try vault.add(Account(token: Token(issuer: "GitHub", account: "octocat", generator: Fixtures.generator(.timer(period: 30), Fixtures.rfcSeed)), createdAt: instant))
        let payload = BackupPayload(vault: vault)
        #expect(payload.accounts[0].createdAt == Date(timeIntervalSince1970: 1_700_000_000.123))
        let opened = try Fixtures.open(Fixtures.sealedWithEscrow(payload), using: .escrowKey(Fixtures.escrowKey))
        #expect(opened == payload)
    }
}
