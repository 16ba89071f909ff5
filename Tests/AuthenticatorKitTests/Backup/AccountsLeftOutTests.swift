import AuthenticatorKit
import AuthenticatorKitTestSupport
import Foundation
import Testing

/// Issue 11, reproduction 6: one oversized account (written by an earlier version, which let
/// it in) made every later backup fail with `sealingFailed`, naming nothing. Now the backup
/// carries every other account and the oversized one is reported by name.
@Suite("Accounts left out of backups")
struct AccountsLeftOutTests {
    let oversizedID = AccountID(rawValue: "oversized-secret")

    /// The older vault, read from disk: written through the local vault file's writer,
    /// bypassing the vault's checks (as the earlier version did).
    func olderVaultOnDisk(_ world: BackupWorld) async throws -> NewDevice {
        let device = try world.newDevice()
        try await device.store.save(try OversizedAccounts.vault(), replacingRevision: nil)
        return device
    }

    @Test func anOlderVaultWithA129ByteSecretBacksUpEveryOtherAccountAndNamesIt() async throws {
        let world = try await BackupWorld()
        let device = try await olderVaultOnDisk(world)
        let logs = LogCapture()
        let backup = BackupCoordinator(
            store: device.store, cloud: world.cloud, recoveryAccounts: world.service, appVersion: "tests 1.0",
            clock: world.clock, logger: logs.logger())

        let status = try await backup.enableBackup(recoveryAccount: BackupWorld.user, password: BackupWorld.password, cloudIdentity: nil)

        #expect(status == .upToDate(generation: 1, date: BackupWorld.start))
        let payload = try #require(try await world.storedPayload())
        #expect(payload.accounts.map(\.issuer) == ["GitHub", "GitLab"])
        let leftOut = try await backup.accountsLeftOut()
        #expect(leftOut.map(\.id) == [oversizedID])
        #expect(leftOut.first?.name == "Oversized (mallory)")
        #expect(leftOut.first?.violations == [.secretTooLong(limit: VaultLimits.maximumSecretLength)])
        // The account is still on the device, as it was.
        #expect(try await device.store.load()?.accounts.count == 3)
        // The log names it, without its secret or user name.
        let logged = try #require(logs.records(withMessage: "account left out of the backup: beyond the backup format's limits").first)
        #expect(logged.level == .warning)
        #expect(logged.metadata["account"] == oversizedID.rawValue)
        #expect(logged.metadata["limits"] == "secret > 128 bytes")
        let secret = Base32.encode(try #require(try OversizedAccounts.thirdParty().token?.generator.secret))
        #expect(!logs.records.contains { "\($0)".contains(secret) || "\($0)".contains("mallory") })
        // Reading the backup back agrees with the vault: nothing else differs.
        #expect(await backup.verifyBackup() == .verified(generation: 1, accountCount: 2))
    }

    @Test func aRestoreOfSuchABackupBringsBackEveryAccountInItAndNeverClaimsTheLeftOutOne() async throws {
        let world = try await BackupWorld()
        let old = try await olderVaultOnDisk(world)
        _ = try await world.coordinator(store: old.store).enableBackup(
            recoveryAccount: BackupWorld.user, password: BackupWorld.password, cloudIdentity: nil)

        let device = try world.newDevice()
        var restore = world.restore(on: device)
        try await restore.startRecovery()
        try await restore.signIn(recoveryAccount: BackupWorld.user, password: BackupWorld.password, cloudIdentity: nil)
        _ = try await restore.plan()
        let report = try await restore.commit()

        let restored = try #require(try await device.store.load())
        #expect(restored.accounts.map(\.issuer) == ["GitHub", "GitLab"])
        #expect(!report.plan.entries.contains { $0.accountID == oversizedID })
        #expect(report.plan.entries.count == 2)
    }

    @Test func aBackupFileExportLeavesItOutAndSaysSo() async throws {
        let world = try await BackupWorld()
        let device = try await olderVaultOnDisk(world)
        let file = try await BackupFileExport(store: device.store, appVersion: "tests 1.0", clock: world.clock)
            .seal(password: SecureBytes(copying: Array("export password".utf8)), cost: .minimum)
        #expect(file.accountsLeftOut.map(\.id) == [oversizedID])
    }

    @Test func anOlderHOTPAccountBeyondTheLimitsStillMovesItsCounterOn() async throws {
        // Showing a code saves the next counter (`Vault.updateAccount`): what the account
        // already exceeded must not stop that.
        let secret = SecureBytes(copying: [UInt8](repeating: 5, count: 129))
        let hotp = Account(
            id: AccountID(rawValue: "old-hotp"),
            token: Token(issuer: "Old", account: "h", generator: try Generator(factor: .counter(4), secret: secret)),
            createdAt: SampleVaults.createdAt)
        let store = InMemoryAccountStore(vault: Vault(accounts: [hotp], settings: Settings(platform: .ios), revision: 1))
        _ = try await AccountCodes(store: store).nextCode(for: hotp.id)
        let saved = try #require(await store.load())
        #expect(saved.accounts.first?.generator?.factor == .counter(5))
        #expect(saved.accountsLeftOutOfBackups.map(\.id) == [hotp.id])
    }

    @Test func aVaultWithinTheLimitsLeavesNothingOut() async throws {
        let world = try await BackupWorld()
        let (_, backup, _) = try await world.oldDevice(try SampleVaults.everyAccountShape())
        #expect(try await backup.accountsLeftOut().isEmpty)
    }
}
