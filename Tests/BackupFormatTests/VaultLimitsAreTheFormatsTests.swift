import AccountModel
import Foundation
import OTP
import SodiumBridge
import Testing
import BackupFormat

/// Issue 11, reproduction 6: the format's account limits are the vault's (defined once, in
/// `AccountModel`), so what a vault accepts a backup can carry; an older vault's oversized
/// account is the only thing a payload leaves out.
@Suite("The vault's limits are the format's")
struct VaultLimitsAreTheFormatsTests {
    @Test func theAccountAndSettingsLimitsAreTheVaultsOwn() {
        #expect(BackupLimits.maximumAccounts == VaultLimits.maximumAccounts)
        #expect(BackupLimits.maximumTextLength == VaultLimits.maximumTextLength)
        #expect(BackupLimits.maximumSecretLength == VaultLimits.maximumSecretLength)
        #expect(BackupLimits.maximumCustomSettings == VaultLimits.maximumCustomSettings)
    }

    @Test func aVaultWithEveryFieldAtItsLimitCanBeSealedAndOpened() throws {
        let text = String(repeating: "é", count: VaultLimits.maximumTextLength / 2)  // exactly 1,024 bytes
        var vault = Vault(platform: .ios)
        let secret = SecureBytes(copying: [UInt8](repeating: 9, count: VaultLimits.maximumSecretLength))
        let token = Token(issuer: text, account: text, generator: try Generator(factor: .timer(period: 30), secret: secret))
        try vault.add(Account(
            id: AccountID(rawValue: text), token: token, displayName: text, iconReference: text, createdAt: Date(timeIntervalSince1970: 0)))
        try vault.add(Account(
            provider: Account.ProviderDetails(
                kind: .workOrSchool, issuer: text, userName: text, reference: ProviderAccountReference(rawValue: text),
                device: .awaitingEnrolment),
            displayName: text, iconReference: text, createdAt: Date(timeIntervalSince1970: 0)))
        var settings = vault.settings
        for index in 0..<VaultLimits.maximumCustomSettings {
            let key = String(format: "%04d", index) + String(repeating: "k", count: VaultLimits.maximumTextLength - 4)
            settings.custom[key] = text
        }
        try vault.updateSettings(settings)

        let payload = BackupPayload(vault: vault)
        #expect(payload.accounts.count == 2)
        let sealed = try BackupLimitsTests.seal(payload)
        #expect(try SealedBackup(bytes: sealed).open(using: .escrowKey(Fixtures.escrowKey)) == payload)
    }

    @Test func thePayloadOfAnOlderVaultLeavesOutOnlyTheAccountBeyondTheLimits() throws {
        let normal = Account(
            id: AccountID(rawValue: "normal"), token: Token(issuer: "GitHub", account: "alice", generator: Fixtures.generator(.timer(period: 30), [1, 2, 3])),
            createdAt: Date(timeIntervalSince1970: 0))
        let oversized = Account(
            id: AccountID(rawValue: "big"),
            token: Token(issuer: "Big", account: "m", generator: Fixtures.generator(.timer(period: 30), [UInt8](repeating: 1, count: 129))),
            createdAt: Date(timeIntervalSince1970: 0))
        let vault = Vault(accounts: [normal, oversized], settings: Settings(platform: .ios), revision: 2)
        let payload = BackupPayload(vault: vault)
        #expect(payload.accounts.map(\.id) == [normal.id])
        #expect(vault.accountsLeftOutOfBackups.map(\.id) == [oversized.id])
        _ = try BackupLimitsTests.seal(payload)  // seals: the rest of the vault is backed up
    }

    @Test func thePayloadsOwnPassListsWhatItLeavesOutAsTheVaultDoes() throws {
        let account = { (id: String, secretLength: Int) in
            Account(
                id: AccountID(rawValue: id),
                token: Token(issuer: id, account: "m", generator: Fixtures.generator(.timer(period: 30), [UInt8](repeating: 1, count: secretLength))),
                createdAt: Date(timeIntervalSince1970: 0))
        }
        let long = String(repeating: "l", count: VaultLimits.maximumTextLength + 1)
        let vault = Vault(
            accounts: [account("a", 20), account("big", 129), account("b", 128), account(long, 20), account("c", 1)],
            settings: Settings(platform: .ios), revision: 2)
        var leftOut: [AccountLeftOut] = []
        let payload = BackupPayload(vault: vault, leavingOut: &leftOut)
        #expect(payload == BackupPayload(vault: vault))
        #expect(payload.accounts.map(\.id.rawValue) == ["a", "b", "c"])
        #expect(leftOut == vault.accountsLeftOutOfBackups)
        #expect(leftOut.map(\.id.rawValue) == ["big", long])
        #expect(leftOut.map(\.violations) == [
            [.secretTooLong(limit: VaultLimits.maximumSecretLength)],
            [.fieldTooLong(field: .accountIdentifier, limit: VaultLimits.maximumTextLength), .fieldTooLong(field: .issuer, limit: VaultLimits.maximumTextLength)],
        ])
    }
}
