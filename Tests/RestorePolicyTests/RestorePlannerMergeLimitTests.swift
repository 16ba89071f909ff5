import AccountModel
import AuthenticatorKitTestSupport
import BackupFormat
import Foundation
import OTP
import RestorePolicy
import Testing

/// A merge restore near the vault's limit of 50,000 accounts: refused with a typed reason
/// when the result would pass it, and linear (the device's accounts are indexed, not
/// compared with every backed-up account).
@Suite("Restore planner: merges near the limit")
struct RestorePlannerMergeLimitTests {
    /// A device holding `count` provider accounts awaiting verification (cheap to make: no
    /// secrets), none of them in the planner fixtures' backup.
    static func device(holding count: Int) -> Vault {
        let accounts = SampleVaults.providerAccountsAwaitingVerification(0..<count, idPrefix: "device-")
        return Vault(accounts: accounts, settings: Settings(platform: .android), revision: 3)
    }

    @Test func aMergeThatWouldPassTheLimitIsRefusedWithTooManyAccounts() throws {
        let payload = BackupPayload(vault: try PlannerFixtures.oldDevice())
        let header = try PlannerFixtures.header(for: payload)
        let restored = payload.accounts.count
        let device = Self.device(holding: VaultLimits.maximumAccounts - restored + 1)
        #expect(throws: BackupUnavailableReason.tooManyAccounts(total: VaultLimits.maximumAccounts + 1, limit: VaultLimits.maximumAccounts)) {
            try RestorePlanner.plan(payload, header: header, onto: device, policy: .mergeKeepingExisting)
        }
    }

    @Test func aMergeUpToTheLimitRestoresAndSkippedDuplicatesDoNotCount() throws {
        let old = try PlannerFixtures.oldDevice()
        let payload = BackupPayload(vault: old)
        let header = try PlannerFixtures.header(for: payload)
        let restored = payload.accounts.count

        let exactly = try RestorePlanner.plan(
            payload, header: header, onto: Self.device(holding: VaultLimits.maximumAccounts - restored),
            policy: .mergeKeepingExisting)
        #expect(exactly.vault.accounts.count == VaultLimits.maximumAccounts)
        #expect(exactly.skippedDuplicates.isEmpty)

        // One more account on the device, but it is one of the backup's: skipped, so the
        // merge still ends at the limit.
        var full = Self.device(holding: VaultLimits.maximumAccounts - restored)
        let first = try #require(old.accounts.first)
        full = Vault(accounts: [first] + full.accounts, settings: full.settings, revision: full.revision)
        let merged = try RestorePlanner.plan(payload, header: header, onto: full, policy: .mergeKeepingExisting)
        #expect(merged.skippedDuplicates == [first.id])
        #expect(merged.vault.accounts.count == VaultLimits.maximumAccounts)
    }

    @Test func aMergeSkipsAgainstTheFirstMatchingAccountInTheDevicesOrder() throws {
        let old = try PlannerFixtures.oldDevice()
        let github = try #require(old.account(withID: AccountID(rawValue: "a-totp")))
        let token = try #require(github.token)
        // Two copies of GitHub under other identifiers, after many other accounts; then the
        // backed-up identifier itself on a renamed account.
        let firstCopy = Account(token: token, createdAt: SampleVaults.createdAt)
        let secondCopy = Account(token: token, createdAt: SampleVaults.createdAt)
        let renamed = Account(
            id: github.id, token: Token(issuer: "Renamed", account: "alice", generator: token.generator),
            createdAt: SampleVaults.createdAt)
        let many = Self.device(holding: 1000)
        let device = Vault(
            accounts: many.accounts + [firstCopy, secondCopy, renamed], settings: many.settings, revision: 3)
        let payload = BackupPayload(vault: old)
        let plan = try RestorePlanner.plan(
            payload, header: try PlannerFixtures.header(for: payload), onto: device, policy: .mergeKeepingExisting)
        #expect(plan.entries.first { $0.accountID == github.id }?.outcome == .skippedDuplicate(existing: firstCopy.id))

        // The identifier first: the renamed account comes before the copies.
        let idFirst = Vault(accounts: [renamed, firstCopy], settings: many.settings, revision: 3)
        let planned = try RestorePlanner.plan(
            payload, header: try PlannerFixtures.header(for: payload), onto: idFirst, policy: .mergeKeepingExisting)
        #expect(planned.entries.first { $0.accountID == github.id }?.outcome == .skippedDuplicate(existing: github.id))
    }
}
