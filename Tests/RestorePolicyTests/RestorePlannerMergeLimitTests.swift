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

    /// The planner fixtures' old device (its backup is what every test here restores), and a
    /// device holding exactly as many accounts as the limit leaves room for beside it: made
    /// once for the suite, not once per test (50,000 accounts each time).
    static let nearTheLimit = Result { () throws -> (old: Vault, device: Vault) in
        let old = try PlannerFixtures.oldDevice()
        return (old, device(holding: VaultLimits.maximumAccounts - old.accounts.count))
    }

    @Test func aMergeThatWouldPassTheLimitIsRefusedWithTooManyAccounts() throws {
        let (old, nearlyFull) = try Self.nearTheLimit.get()
        let payload = BackupPayload(vault: old)
        let header = try PlannerFixtures.header(for: payload)
        // One account more than the limit leaves room for.
        let extra = SampleVaults.providerAccountsAwaitingVerification(0..<1, idPrefix: "device-extra-")
        let device = Vault(accounts: nearlyFull.accounts + extra, settings: nearlyFull.settings, revision: nearlyFull.revision)
        #expect(throws: BackupUnavailableReason.tooManyAccounts(total: VaultLimits.maximumAccounts + 1, limit: VaultLimits.maximumAccounts)) {
            try RestorePlanner.plan(payload, header: header, onto: device, policy: .mergeKeepingExisting)
        }
    }

    @Test func aMergeUpToTheLimitRestoresAndSkippedDuplicatesDoNotCount() throws {
        let (old, nearlyFull) = try Self.nearTheLimit.get()
        let payload = BackupPayload(vault: old)
        let header = try PlannerFixtures.header(for: payload)

        let exactly = try RestorePlanner.plan(payload, header: header, onto: nearlyFull, policy: .mergeKeepingExisting)
        #expect(exactly.vault.accounts.count == VaultLimits.maximumAccounts)
        #expect(exactly.skippedDuplicates.isEmpty)

        // One more account on the device, but it is one of the backup's: skipped, so the
        // merge still ends at the limit.
        let first = try #require(old.accounts.first)
        let full = Vault(accounts: [first] + nearlyFull.accounts, settings: nearlyFull.settings, revision: nearlyFull.revision)
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
