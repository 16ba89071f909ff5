import AccountModel
import AuthenticatorKitTestSupport
import Foundation
import OTP
import SodiumBridge
import Testing

/// `Vault.add(contentsOf:)`: many accounts as one operation, with `add`'s checks, in time
/// linear in the vault's size.
@Suite("Vault batch add")
struct VaultBatchAddTests {
    @Test func addsEveryAccountInOrderAndBumpsTheRevisionOnce() throws {
        var vault = try SampleVaults.everyShape(revision: 7)
        let new = try (0..<3).map { try SampleVaults.thirdPartyAccount(issuer: "Batch", userName: "user\($0)") }
        try vault.add(contentsOf: new)
        #expect(vault.accounts.map(\.id) == (try SampleVaults.everyShape()).accounts.map(\.id) + new.map(\.id))
        #expect(vault.revision == 8)
        try vault.add(contentsOf: [])
        #expect(vault.revision == 8)
    }

    @Test func aDuplicateOfTheVaultOrOfAnEarlierNewAccountAddsNothing() throws {
        let original = try SampleVaults.everyShape(revision: 7)
        let github = try #require(original.account(withID: AccountID(rawValue: "a-totp")))
        let fresh = try SampleVaults.thirdPartyAccount(issuer: "Batch", userName: "fresh")

        // The same issuer, user name and secret as the vault's GitHub, another identifier.
        var vault = original
        let copy = Account(token: try #require(github.token), createdAt: SampleVaults.createdAt)
        #expect(throws: AccountModelError.duplicateAccount(existing: github.id)) {
            try vault.add(contentsOf: [fresh, copy])
        }
        #expect(vault.accounts.map(\.id) == original.accounts.map(\.id))
        #expect(vault.revision == 7)

        // An earlier account of the batch.
        let again = Account(token: try #require(fresh.token), createdAt: SampleVaults.createdAt)
        #expect(throws: AccountModelError.duplicateAccount(existing: fresh.id)) {
            try vault.add(contentsOf: [fresh, again])
        }
        // The same identifier as a vault account.
        let sameID = Account(id: github.id, token: try #require(fresh.token), createdAt: SampleVaults.createdAt)
        #expect(throws: AccountModelError.duplicateAccount(existing: github.id)) {
            try vault.add(contentsOf: [sameID])
        }
        // Another secret under the same names is another account.
        let other = try SampleVaults.thirdPartyAccount(issuer: github.issuer, userName: github.userName + " ")
        try vault.add(contentsOf: [other])
        #expect(vault.accounts.count == original.accounts.count + 1)
        #expect(vault.accounts.map(\.id) == original.accounts.map(\.id) + [other.id])
    }

    @Test func anAccountBeyondALimitAddsNothing() throws {
        var vault = try SampleVaults.everyShape(revision: 7)
        let fine = try SampleVaults.thirdPartyAccount(issuer: "Batch", userName: "fine")
        #expect(throws: AccountModelError.secretTooLong(limit: VaultLimits.maximumSecretLength)) {
            try vault.add(contentsOf: [fine, try OversizedAccounts.thirdParty()])
        }
        #expect(vault.revision == 7)
        #expect(vault.index(ofAccountWithID: fine.id) == nil)
    }

    @Test func aBatchPastTheVaultsLimitAddsNothing() throws {
        let accounts = SampleVaults.providerAccountsAwaitingVerification(0..<(VaultLimits.maximumAccounts - 1), idPrefix: "waiting-")
        var vault = Vault(accounts: accounts, settings: Settings(platform: .ios), revision: 1)
        let two = try (0..<2).map { try SampleVaults.thirdPartyAccount(issuer: "Batch", userName: "user\($0)") }
        #expect(throws: AccountModelError.tooManyAccounts(limit: VaultLimits.maximumAccounts)) {
            try vault.add(contentsOf: two)
        }
        #expect(vault.accounts.count == VaultLimits.maximumAccounts - 1)
        try vault.add(contentsOf: [two[0]])
        #expect(vault.accounts.count == VaultLimits.maximumAccounts)
        #expect(vault.revision == 2)
    }
}
