import OTP
import AccountModel
import AuthenticatorKitTestSupport
import Foundation
import Testing

/// The walk-through of `AccountModel.docc/GettingStarted.md`, so the article keeps compiling
/// and doing what it says.
@Suite("Getting started article")
struct GettingStartedTests {
    @Test func walkThroughCreatesChangesAndReportsADuplicate() async throws {
        let test = try TestDirectory()
        let home = test.url
        let store = FileAccountStore(
            directory: home.appendingPathComponent("vault"),
            keyProvider: FileKeyProvider(file: home.appendingPathComponent("keys/vault.key"))
        )
        if try await store.load() == nil {
            try await store.save(Vault(platform: .ios), replacingRevision: nil)
        }

        let secret = SampleVaults.rfcSecret
        let generator = try Generator(factor: .timer(period: 30), secret: secret)
        let github = Account(token: Token(issuer: "GitHub", account: "alice@example.com", generator: generator), createdAt: Date())
        try await store.modifyVault { vault in
            try vault.add(github)
            try vault.moveAccount(withID: github.id, to: 0)
            try vault.setSetting("true", forKey: "hidesCodes")
        }

        let again = Account(token: Token(issuer: "GitHub", account: "alice@example.com", generator: generator), createdAt: Date())
        var reported: AccountID?
        do {
            try await store.modifyVault { vault in try vault.add(again) }
        } catch AccountModelError.duplicateAccount(let existing) {
            reported = existing
        }
        #expect(reported == github.id)
        let vault = try #require(try await store.load())
        #expect(vault.accounts.map(\.id) == [github.id])
        #expect(vault.settings.hidesCodes)
        #expect(vault.revision == 3)
    }
}
