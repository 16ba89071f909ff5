import AuthenticatorKit
import AuthenticatorKitTestSupport
import Foundation
import Testing

/// `AccountCodes.nextCode(for:in:atUnixTime:)`: a code from the vault the caller already
/// holds, without loading it again — and never the same HOTP code twice, even from a stale
/// vault.
@Suite("Account codes from a loaded vault")
struct AccountCodesLoadedVaultTests {
    @Test func aTimeBasedCodeComesFromTheGivenVault() async throws {
        let store = try AccountCodesTests.store()
        let vault = try #require(await store.load())
        let shown = try await AccountCodes(store: store).nextCode(for: AccountID(rawValue: "totp"), in: vault, atUnixTime: 59)
        #expect(shown.code == "94287082")  // RFC 6238 Appendix B, SHA-1, T = 59
        #expect(shown.savedVault == nil)
    }

    @Test func anHOTPCodeFromAStaleVaultIsTheStoresNextNotARepeat() async throws {
        let store = try AccountCodesTests.store()
        let codes = AccountCodes(store: store)
        let hotp = AccountID(rawValue: "hotp")
        let stale = try #require(await store.load())  // counter 0
        // Another writer shows counter 0's code and moves the counter on.
        #expect(try await codes.nextCode(for: hotp).code == "755224")  // RFC 4226 Appendix D
        // The stale vault still says counter 0: its save loses the race, and the code comes
        // from the store's fresh vault (counter 1), so 755224 is never shown twice.
        let shown = try await codes.nextCode(for: hotp, in: stale)
        #expect(shown.code == "287082")
        #expect(try #require(await store.load()).account(withID: hotp)?.token?.generator.factor == .counter(2))
    }

    @Test func anAccountMissingFromTheGivenVaultIsAccountNotFound() async throws {
        let store = try AccountCodesTests.store()
        await #expect(throws: AccountCodeError.accountNotFound(AccountID(rawValue: "nope"))) {
            try await AccountCodes(store: store).nextCode(for: AccountID(rawValue: "nope"), in: Vault(platform: .ios))
        }
    }
}
