import AuthenticatorKitEmbedded
import AuthenticatorKit
import AuthenticatorKitTestSupport
import Foundation
import Testing

@Suite("Restore session")
struct RestoreSessionTests {
    // MARK: The whole restore

    @Test func restoreWritesTheWholeVaultAndReportsEachAccount() async throws {
        let world = try await BackupWorld()
        let old = try SampleVaults.everyShape()
        _ = try await world.oldDevice(old)
        let device = try world.newDevice()
        var restore = world.restore(on: device)
        try await restore.startRecovery()
        #expect(restore.step == .started)
        try await restore.signIn(recoveryAccount: BackupWorld.user, password: BackupWorld.password, cloudIdentity: nil)
        #expect(restore.step == .signedIn)
        let plan = try await restore.plan()
        #expect(restore.step == .planned)
        #expect(device.vaultFile == nil)  // planning writes nothing
        let report = try await restore.commit()
        #expect(restore.step == .committed)

        let restored = try #require(try await device.store.load())
        #expect(VaultComparison.differences(plan.vault, restored) == [])
        #expect(restored.accounts.map(\.id) == old.accounts.map(\.id))
        #expect(report.generation == 1)
        #expect(report.plan.entries.map(\.accountID) == old.accounts.map(\.id))
        let outcomes = Dictionary(uniqueKeysWithValues: report.plan.entries.map { ($0.accountID.rawValue, $0.outcome) })
        #expect(outcomes["a-totp"] == .restoredInFull)
        #expect(outcomes["a-steam"] == .restoredInFull)
        #expect(outcomes["a-personal"] == .needsVerification(.passwordAndAlternateContact))  // push approvals on
        #expect(outcomes["a-work"] == .needsVerification(.providerQRCode))
    }

    @Test func restoredThirdPartyCodesEqualTheOldDevices() async throws {
        let world = try await BackupWorld()
        let old = try SampleVaults.everyShape()
        _ = try await world.oldDevice(old)
        let device = try world.newDevice()
        var restore = world.restore(on: device)
        _ = try await completeRestore(&restore)
        let restored = try #require(try await device.store.load())

        // RFC 6238 Appendix B: the SHA-1 secret "12345678901234567890" gives 94287082 at
        // T = 59 s (8 digits); the GitHub account shows its last six digits.
        let github = try #require(restored.account(withID: AccountID(rawValue: "a-totp")))
        #expect(try github.generator?.code(atUnixTime: 59) == "287082")
        // RFC 6238 Appendix B again: 07081804 at T = 1111111109 s.
        #expect(try github.generator?.code(atUnixTime: 1_111_111_109) == "081804")

        for original in old.accounts where original.kind == .thirdParty {
            let copy = try #require(restored.account(withID: original.id)?.generator)
            let generator = try #require(original.generator)
            for time: Int64 in [1_111_111_109, 1_234_567_890, 2_000_000_000] {
                if case .timer = generator.factor {
                    #expect(try copy.code(atUnixTime: time) == generator.code(atUnixTime: time), "\(original.id) at \(time)")
                }
            }
            #expect(copy.code(forCounter: 42) == generator.code(forCounter: 42), "\(original.id)")
        }
    }

    @Test func restoreOnIOSReadsTheBackupOfTheDevicesAppleID() async throws {
        let world = try await BackupWorld(platform: .ios)
        _ = try await world.oldDevice(try SampleVaults.everyShape())
        let device = try world.newDevice()
        var restore = world.restore(on: device)
        try await restore.startRecovery()
        try await restore.signIn(
            recoveryAccount: BackupWorld.user, password: BackupWorld.password, cloudIdentity: BackupWorld.appleID)
        let plan = try await restore.plan()
        #expect(plan.vault.settings.platform == .ios)
        _ = try await restore.commit()
        #expect(try await device.store.load()?.backupState?.cloudIdentity == BackupWorld.appleID)
    }

    @Test func restoreOnIOSAsksTheCloudForTheAppleIDWhenNoneIsGiven() async throws {
        let world = try await BackupWorld(platform: .ios)
        _ = try await world.oldDevice(try SampleVaults.everyShape())
        let device = try world.newDevice()
        var restore = world.restore(on: device)
        let report = try await completeRestore(&restore, cloudIdentity: nil)
        #expect(report.generation == 1)
    }

    // MARK: Device credentials

    @Test func commitMintsANewCredentialForTheRecoveryAccountsOwnPersonalAccount() async throws {
        let world = try await BackupWorld()
        let provider = LocalAccountProvider(
            directory: VerificationTestSupport.temporaryDirectory(), clock: world.clock, passwordHashing: .testing,
            recoveryIdentityTrust: .service(world.service))
        let reference = try await provider.createAccount(
            userName: BackupWorld.user.rawValue, kind: .personal, password: BackupWorld.password
        ).reference
        // The old device's own credential, enrolled with the provider.
        let oldCredential = DeviceCredential(createdAt: BackupWorld.start)
        try await provider.enrol(
            CredentialEnrolment(oldCredential), for: reference, grant: provider.issueTemporaryAccessPass(for: reference))
        var old = Vault(platform: .android)
        let personal = Account(
            provider: Account.ProviderDetails(
                kind: .personal,
                issuer: "Contoso ID",
                userName: BackupWorld.user.rawValue,
                reference: reference,
                pushApprovalsEnabled: false,
                device: .enrolled(oldCredential)),
            createdAt: BackupWorld.start
        )
        try old.add(personal)
        try old.add(try SampleVaults.thirdPartyAccount(userName: "third"))
        _ = try await world.oldDevice(old)

        let device = try world.newDevice()
        var restore = world.restore(on: device, provider: provider)
        let report = try await completeRestore(&restore)
        #expect(report.plan.entries.first { $0.accountID == personal.id }?.outcome == .restoredWithNewDeviceCredential)
        #expect(report.plan.entries.first { $0.accountID == personal.id }?.providerDecision == .enrolNow)
        #expect(report.enrolledAccounts == [personal.id])
        #expect(report.enrolmentFailures.isEmpty)

        let restored = try #require(try await device.store.load()?.account(withID: personal.id))
        #expect(restored.restoreState == .active)
        let newCredential = try #require(restored.deviceCredential)
        #expect(newCredential.id != oldCredential.id)
        #expect(try await provider.credentialIDs(for: reference) == [oldCredential.id, newCredential.id])
        // Both devices' codes are valid; they differ.
        let now = world.clock.now()
        let oldCode = VerificationTestSupport.code(of: oldCredential, at: now)
        let newCode = VerificationTestSupport.code(of: newCredential, at: now)
        #expect(oldCode != newCode)
        #expect(try await provider.acceptsCode(oldCode, for: reference))
        #expect(try await provider.acceptsCode(newCode, for: reference))
    }

    @Test func withoutAnAccountProviderTheRecoveryAccountWaitsForVerification() async throws {
        let world = try await BackupWorld()
        var old = Vault(platform: .android)
        let personal = Account(
            provider: Account.ProviderDetails(
                kind: .personal,
                issuer: "Contoso ID",
                userName: BackupWorld.user.rawValue,
                reference: "ref",
                device: .awaitingEnrolment),
            createdAt: BackupWorld.start
        )
        try old.add(personal)
        _ = try await world.oldDevice(old)
        let device = try world.newDevice()
        var restore = world.restore(on: device)
        let report = try await completeRestore(&restore)
        #expect(report.enrolledAccounts.isEmpty)
        let restored = try #require(try await device.store.load()?.account(withID: personal.id))
        #expect(restored.restoreState == .needsVerification(.passwordAndAlternateContact))
        #expect(restored.deviceCredential == nil)
    }

    @Test func aFailedEnrolmentIsReportedAndKeepsTheRestore() async throws {
        let world = try await BackupWorld()
        let provider = LocalAccountProvider(
            directory: VerificationTestSupport.temporaryDirectory(), clock: world.clock, passwordHashing: .testing,
            recoveryIdentityTrust: .service(world.service))
        let reference = try await provider.createAccount(
            userName: BackupWorld.user.rawValue, kind: .personal, password: BackupWorld.password
        ).reference
        var old = Vault(platform: .android)
        let personal = Account(
            provider: Account.ProviderDetails(
                kind: .personal,
                issuer: "Contoso ID",
                userName: BackupWorld.user.rawValue,
                reference: reference,
                device: .awaitingEnrolment),
            createdAt: BackupWorld.start
        )
        try old.add(personal)
        _ = try await world.oldDevice(old)
        let device = try world.newDevice()
        var restore = world.restore(on: device, provider: FailingEnrolmentProvider(base: provider))
        let report = try await completeRestore(&restore)
        #expect(report.enrolledAccounts.isEmpty)
        #expect(report.enrolmentFailures[personal.id] == .verification(.providerUnavailable(reason: "simulated outage")))
        #expect(try await device.store.load()?.account(withID: personal.id)?.restoreState == .needsVerification(.passwordAndAlternateContact))
    }

    // MARK: Writing

    @Test func commitWritesTheWholeVaultOrNothing() async throws {
        let world = try await BackupWorld()
        _ = try await world.oldDevice(try SampleVaults.everyShape())
        let device = try world.newDevice()
        let store = ScriptedAccountStore()
        await store.failSaves(with: .storeUnavailable(reason: "disk full"))
        var restore = world.restore(on: device, store: store)
        try await restore.startRecovery()
        try await restore.signIn(recoveryAccount: BackupWorld.user, password: BackupWorld.password, cloudIdentity: nil)
        _ = try await restore.plan()
        await #expect(throws: RestoreError.storeFailure(AccountModelError.storeUnavailable(reason: "disk full").message)) {
            try await restore.commit()
        }
        #expect(try await store.load() == nil)
        #expect(restore.step == .planned)
        // Once the store works again the same commit writes everything.
        _ = try await restore.commit()
        #expect(try await store.load()?.accounts.count == (try SampleVaults.everyShape()).accounts.count)
    }

    @Test func commitRefusesWhenTheVaultChangedSinceRecoveryStarted() async throws {
        let world = try await BackupWorld()
        _ = try await world.oldDevice(try SampleVaults.everyShape())
        let device = try world.newDevice()
        var restore = world.restore(on: device)
        try await restore.startRecovery()
        try await restore.signIn(recoveryAccount: BackupWorld.user, password: BackupWorld.password, cloudIdentity: nil)
        _ = try await restore.plan()
        var other = Vault(platform: .android)
        try other.add(try SampleVaults.thirdPartyAccount(userName: "added meanwhile"))
        try await device.store.save(other, replacingRevision: nil)
        let before = Untouched(device, world)
        await #expect(throws: RestoreError.vaultChanged) { try await restore.commit() }
        #expect(before.isUnchanged(device, world))
        #expect(restore.step == .notStarted)
    }

    // MARK: Steps out of order

    @Test func signingInBeforeStartingRecoveryIsOutOfOrder() async throws {
        let world = try await BackupWorld()
        _ = try await world.oldDevice(try SampleVaults.everyShape())
        let device = try world.newDevice()
        let before = Untouched(device, world)
        var restore = world.restore(on: device)
        await #expect(throws: RestoreError.outOfOrder(attempted: .signedIn, current: .notStarted)) {
            try await restore.signIn(recoveryAccount: BackupWorld.user, password: BackupWorld.password, cloudIdentity: nil)
        }
        #expect(restore.step == .notStarted)
        #expect(before.isUnchanged(device, world))
    }

    @Test func planningBeforeSigningInIsOutOfOrder() async throws {
        let world = try await BackupWorld()
        _ = try await world.oldDevice(try SampleVaults.everyShape())
        let device = try world.newDevice()
        let before = Untouched(device, world)
        var restore = world.restore(on: device)
        await #expect(throws: RestoreError.outOfOrder(attempted: .planned, current: .notStarted)) { try await restore.plan() }
        try await restore.startRecovery()
        await #expect(throws: RestoreError.outOfOrder(attempted: .planned, current: .started)) { try await restore.plan() }
        #expect(before.isUnchanged(device, world))
    }

    @Test func committingBeforePlanningIsOutOfOrder() async throws {
        let world = try await BackupWorld()
        _ = try await world.oldDevice(try SampleVaults.everyShape())
        let device = try world.newDevice()
        let before = Untouched(device, world)
        var restore = world.restore(on: device)
        try await restore.startRecovery()
        try await restore.signIn(recoveryAccount: BackupWorld.user, password: BackupWorld.password, cloudIdentity: nil)
        await #expect(throws: RestoreError.outOfOrder(attempted: .committed, current: .signedIn)) { try await restore.commit() }
        #expect(before.isUnchanged(device, world))
    }

    @Test func startingRecoveryTwiceIsOutOfOrder() async throws {
        let world = try await BackupWorld()
        let device = try world.newDevice()
        var restore = world.restore(on: device)
        try await restore.startRecovery()
        await #expect(throws: RestoreError.outOfOrder(attempted: .started, current: .started)) {
            try await restore.startRecovery()
        }
    }

    @Test func everyStepAfterCommitIsOutOfOrder() async throws {
        let world = try await BackupWorld()
        _ = try await world.oldDevice(try SampleVaults.everyShape())
        let device = try world.newDevice()
        var restore = world.restore(on: device)
        _ = try await completeRestore(&restore)
        let before = Untouched(device, world)
        await #expect(throws: RestoreError.outOfOrder(attempted: .started, current: .committed)) { try await restore.startRecovery() }
        await #expect(throws: RestoreError.outOfOrder(attempted: .signedIn, current: .committed)) {
            try await restore.signIn(recoveryAccount: BackupWorld.user, password: BackupWorld.password, cloudIdentity: nil)
        }
        await #expect(throws: RestoreError.outOfOrder(attempted: .planned, current: .committed)) { try await restore.plan() }
        await #expect(throws: RestoreError.outOfOrder(attempted: .committed, current: .committed)) { try await restore.commit() }
        #expect(before.isUnchanged(device, world))
    }

    @Test func aWrongPasswordIsWrongCredentialsAndKeepsTheStep() async throws {
        let world = try await BackupWorld()
        _ = try await world.oldDevice(try SampleVaults.everyShape())
        let device = try world.newDevice()
        let before = Untouched(device, world)
        var restore = world.restore(on: device)
        try await restore.startRecovery()
        await #expect(throws: RestoreError.wrongCredentials) {
            try await restore.signIn(
                recoveryAccount: BackupWorld.user, password: SecureBytes(copying: Array("not the password".utf8)),
                cloudIdentity: nil)
        }
        #expect(restore.step == .started)
        #expect(before.isUnchanged(device, world))
    }

    // MARK: Stale sessions

    @Test func anExpiredSessionMidRestoreIsBackupStaleAndResumesAfterSignIn() async throws {
        let world = try await BackupWorld(sessionLifetime: 600)
        _ = try await world.oldDevice(try SampleVaults.everyShape())
        let device = try world.newDevice()
        let before = Untouched(device, world)
        var restore = world.restore(on: device)
        try await restore.startRecovery()
        try await restore.signIn(recoveryAccount: BackupWorld.user, password: BackupWorld.password, cloudIdentity: nil)
        world.clock.advance(by: 601)
        await #expect(throws: RestoreError.unavailable(.backupStale)) { try await restore.plan() }
        #expect(restore.step == .signedIn)
        #expect(restore.needsSignIn)
        #expect(before.isUnchanged(device, world))

        try await restore.signIn(recoveryAccount: BackupWorld.user, password: BackupWorld.password, cloudIdentity: nil)
        #expect(!restore.needsSignIn)
        #expect(restore.step == .signedIn)
        _ = try await restore.plan()
        _ = try await restore.commit()
        #expect(try await device.store.load()?.accounts.isEmpty == false)
    }

    @Test func aRevokedSessionBeforeCommitIsBackupStaleAndTheCommitResumesAfterSignIn() async throws {
        let world = try await BackupWorld()
        _ = try await world.oldDevice(try SampleVaults.everyShape())
        let device = try world.newDevice()
        let before = Untouched(device, world)
        var restore = world.restore(on: device)
        try await restore.startRecovery()
        try await restore.signIn(recoveryAccount: BackupWorld.user, password: BackupWorld.password, cloudIdentity: nil)
        let plan = try await restore.plan()
        try await world.service.revokeSessions(userName: BackupWorld.user)
        await #expect(throws: RestoreError.unavailable(.backupStale)) { try await restore.commit() }
        #expect(restore.step == .planned)
        #expect(before.isUnchanged(device, world))

        try await restore.signIn(recoveryAccount: BackupWorld.user, password: BackupWorld.password, cloudIdentity: nil)
        #expect(restore.step == .planned)  // the step is kept: commit again
        let report = try await restore.commit()
        #expect(report.plan.entries == plan.entries)
    }

    // MARK: After the restore

    @Test func restoredDeviceContinuesTheBackupChain() async throws {
        let world = try await BackupWorld()
        let (oldStore, _, _) = try await world.oldDevice(try SampleVaults.everyShape())
        try await oldStore.modifyVault { try $0.add(try SampleVaults.thirdPartyAccount(userName: "second")) }
        _ = await world.coordinator(store: oldStore).backUpNow()
        let device = try world.newDevice()
        var restore = world.restore(on: device)
        let report = try await completeRestore(&restore)
        #expect(report.generation == 2)
        let state = try #require(try await device.store.load()?.backupState)
        #expect(state.lastUploadedGeneration == 2)
        #expect(state.recoveryAccount == BackupWorld.user)
        #expect(state.session != nil)
        #expect(state.backupID == (try SealedBackup(bytes: try #require(world.storedBackup).bytes).header.backupID))

        let backup = world.coordinator(store: device.store, cloud: device.cloud)
        #expect(await backup.status() == .upToDate(generation: 2, date: report.plan.header.createdAt))
        try await device.store.modifyVault { try $0.add(try SampleVaults.thirdPartyAccount(userName: "on the new device")) }
        #expect(await backup.backUpNow().generation == 3)
    }

    @Test func mergePolicySkipsDuplicatesAndTouchesNothingOnTheDevice() async throws {
        let world = try await BackupWorld()
        let old = try SampleVaults.everyShape()
        _ = try await world.oldDevice(old)
        let device = try world.newDevice()
        var mine = Vault(platform: .android)
        let github = try #require(old.account(withID: AccountID(rawValue: "a-totp")))
        let myGithub = Account(token: try #require(github.token), displayName: "Mine", createdAt: BackupWorld.start)
        try mine.add(myGithub)
        try mine.add(try SampleVaults.thirdPartyAccount(issuer: "GitLab", userName: "only here"))
        try mine.setSetting("true", forKey: "hidesCodes")
        try await device.store.save(mine, replacingRevision: nil)

        var restore = world.restore(on: device, policy: .mergeKeepingExisting)
        let report = try await completeRestore(&restore)
        #expect(report.plan.skippedDuplicates == [github.id])
        #expect(report.plan.entries.first { $0.accountID == github.id }?.outcome == .skippedDuplicate(existing: myGithub.id))

        let merged = try #require(try await device.store.load())
        #expect(merged.settings == mine.settings)
        for (index, account) in mine.accounts.enumerated() {
            #expect(VaultComparison.differences(account, merged.accounts[index]) == [])
        }
        #expect(merged.accounts.count == mine.accounts.count + old.accounts.count - 1)
    }

    // MARK: Helpers

    /// Runs every step; returns the report.
    private func completeRestore(
        _ restore: inout RestoreSession, cloudIdentity: CloudIdentity? = nil
    ) async throws -> RestoreReport {
        try await restore.startRecovery()
        try await restore.signIn(recoveryAccount: BackupWorld.user, password: BackupWorld.password, cloudIdentity: cloudIdentity)
        _ = try await restore.plan()
        return try await restore.commit()
    }
}
