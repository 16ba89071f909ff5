import AuthenticatorKit
import AuthenticatorKitTestSupport
import Foundation
import Testing

/// `AccountCodes`: what an app shows when the user taps an account.
@Suite("Account codes")
struct AccountCodesTests {
    /// A vault holding one RFC 6238 TOTP account and one RFC 4226 HOTP account (counter 0).
    static func store() throws -> InMemoryAccountStore {
        let totp = try Generator(factor: .timer(period: 30), secret: SampleVaults.rfcSecret, format: .decimal(digits: 8))
        let hotp = try Generator(factor: .counter(0), secret: SampleVaults.rfcSecret)
        var vault = Vault(platform: .android)
        try vault.add(Account(id: AccountID(rawValue: "totp"), token: Token(issuer: "T", account: "t", generator: totp), createdAt: SampleVaults.createdAt))
        try vault.add(Account(id: AccountID(rawValue: "hotp"), token: Token(issuer: "H", account: "h", generator: hotp), createdAt: SampleVaults.createdAt))
        return InMemoryAccountStore(vault: vault)
    }

    @Test func aTimeBasedAccountShowsItsCurrentCodeAndChangesNothing() async throws {
        let store = try Self.store()
        let before = try #require(await store.load()).revision
        let shown = try await AccountCodes(store: store).nextCode(for: AccountID(rawValue: "totp"), atUnixTime: 59)
        #expect(shown.code == "94287082")  // RFC 6238 Appendix B, SHA-1, T = 59
        #expect(shown.savedVault == nil)
        #expect(try #require(await store.load()).revision == before)
    }

    @Test func anHOTPAccountShowsItsCounterAndMovesItOn() async throws {
        let store = try Self.store()
        let codes = AccountCodes(store: store)
        // RFC 4226 Appendix D: counters 0, 1, 2.
        #expect(try await codes.nextCode(for: AccountID(rawValue: "hotp")).code == "755224")
        #expect(try await codes.nextCode(for: AccountID(rawValue: "hotp")).code == "287082")
        let third = try await codes.nextCode(for: AccountID(rawValue: "hotp"))
        #expect(third.code == "359152")
        #expect(third.savedVault?.account(withID: AccountID(rawValue: "hotp"))?.token?.generator.factor == .counter(3))
        #expect(try #require(await store.load()).account(withID: AccountID(rawValue: "hotp"))?.token?.generator.factor == .counter(3))
    }

    @Test func concurrentRequestsNeverShowTheSameHOTPCodeTwice() async throws {
        let store = try Self.store()
        let codes = AccountCodes(store: store)
        let shown = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<4 { group.addTask { try await codes.nextCode(for: AccountID(rawValue: "hotp")).code } }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(Set(shown) == ["755224", "287082", "359152", "969429"])
    }

    @Test func anUnknownAccountIsAccountNotFound() async throws {
        await #expect(throws: AccountCodeError.accountNotFound(AccountID(rawValue: "nope"))) {
            _ = try await AccountCodes(store: try Self.store()).nextCode(for: AccountID(rawValue: "nope"))
        }
    }

    @Test func anAccountAwaitingVerificationMakesNoCodes() async throws {
        var vault = Vault(platform: .ios)
        try vault.add(Account(
            id: AccountID(rawValue: "work"),
            provider: Account.ProviderDetails(
                kind: .workOrSchool, issuer: "Contoso", userName: "bob", reference: "r",
                device: .awaitingVerification(.providerQRCode)),
            createdAt: SampleVaults.createdAt))
        await #expect(throws: AccountCodeError.accountNeedsVerification(id: AccountID(rawValue: "work"), method: .providerQRCode)) {
            _ = try await AccountCodes(store: InMemoryAccountStore(vault: vault)).nextCode(for: AccountID(rawValue: "work"))
        }
    }

    @Test func anHOTPCounterAtItsMaximumIsRefusedAndNotSaved() async throws {
        // 2⁶⁴ − 2, the largest counter a generator holds: its successor cannot be stored.
        let hotp = try Generator(factor: .counter(Generator.maximumCounter), secret: SampleVaults.rfcSecret)
        var vault = Vault(platform: .ios)
        try vault.add(Account(id: AccountID(rawValue: "max"), token: Token(issuer: "H", account: "h", generator: hotp), createdAt: SampleVaults.createdAt))
        let store = InMemoryAccountStore(vault: vault)
        await #expect(throws: AccountCodeError.code(.counterOverflow)) {
            _ = try await AccountCodes(store: store).nextCode(for: AccountID(rawValue: "max"))
        }
        #expect(try #require(await store.load()).revision == vault.revision)
    }

    @Test func everyErrorHasItsFixedCaseNameAndWrappedErrorsKeepTheirs() {
        let id = AccountID(rawValue: "x")
        let names: [(AccountCodeError, String)] = [
            (.accountNotFound(id), "accountNotFound"),
            (.accountNeedsVerification(id: id, method: .passwordAndAlternateContact), "accountNeedsVerification"),
            (.accountHasNoCodes(id: id), "accountHasNoCodes"),
            (.code(.counterOverflow), "counterOverflow"),
            (.store(.storeLocked), "storeLocked"),
        ]
        for (error, name) in names { #expect(error.caseName == name) }
        #expect(AccountCodeError.store(.storeLocked).message == AccountModelError.storeLocked.message)
    }
}
