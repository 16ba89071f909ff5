import AuthenticatorKit
import AuthenticatorKitTestSupport
import Foundation
import Testing

@Suite("Backup coordinator")
struct BackupCoordinatorTests {
    // MARK: Turning backup on

    @Test func enablingBackupSignsInUploadsGenerationOneAndRecordsTheLocation() async throws {
        let world = try await BackupWorld()
        let (store, _, status) = try await world.oldDevice(try SampleVaults.everyShape())
        #expect(status == .upToDate(generation: 1, date: BackupWorld.start))
        #expect(world.storedBackup?.metadata.generation == 1)
        let session = try await world.service.signIn(userName: BackupWorld.user, password: BackupWorld.password)
        #expect(try await world.service.backupLocation(for: session) == BackupLocation(platform: .android, cloudIdentity: world.identity))
        let vault = try #require(await store.load())
        #expect(vault.settings.backupEnabled)
        #expect(vault.backupState?.recoveryAccount == BackupWorld.user)
        #expect(vault.backupState?.lastUploadedGeneration == 1)
    }

    /// Apps stamp accounts with `Date()`, finer than the format's milliseconds: the
    /// read-back verification must still succeed, or backups would silently never count.
    @Test func accountsCreatedAtSubMillisecondInstantsBackUpAndVerify() async throws {
        let world = try await BackupWorld()
        var vault = Vault(platform: .android)
        let template = try SampleVaults.thirdPartyAccount(userName: "now")
        let token = try #require(template.token)
        try vault.add(Account(token: token, createdAt: Date(timeIntervalSince1970: 1_700_000_000.123_456_7)))
        let (_, _, status) = try await world.oldDevice(vault)
        #expect(status == .upToDate(generation: 1, date: BackupWorld.start))
    }

    @Test func enablingBackupWithAWrongPasswordIsRefusedAndChangesNothing() async throws {
        let world = try await BackupWorld()
        let vault = try SampleVaults.everyShape()
        let store = InMemoryAccountStore(vault: vault)
        await #expect(throws: BackupError.wrongCredentials) {
            try await world.coordinator(store: store).enableBackup(
                recoveryAccount: BackupWorld.user, password: SecureBytes(copying: Array("wrong password".utf8)),
                cloudIdentity: nil)
        }
        #expect(VaultComparison.differences(vault, try #require(await store.load())) == [])
        #expect(world.storedBackup == nil)
    }

    @Test func enablingBackupOnIOSRequiresTheCloudIdentity() async throws {
        let world = try await BackupWorld(platform: .ios)
        let store = InMemoryAccountStore(vault: try SampleVaults.everyShape())
        await #expect(throws: BackupError.cloudIdentityRequired) {
            try await world.coordinator(store: store).enableBackup(
                recoveryAccount: BackupWorld.user, password: BackupWorld.password, cloudIdentity: nil)
        }
        #expect(await world.coordinator(store: store).status() == .off)
    }

    @Test func enablingBackupOnIOSSignedInToAnotherAppleIDIsCloudIdentityMismatch() async throws {
        let world = try await BackupWorld(platform: .ios)
        let store = InMemoryAccountStore(vault: try SampleVaults.everyShape())
        await #expect(throws: BackupError.failure(.cloudIdentityMismatch)) {
            try await world.coordinator(store: store).enableBackup(
                recoveryAccount: BackupWorld.user, password: BackupWorld.password, cloudIdentity: "bob@icloud.example")
        }
        #expect(world.cloud.storedBackup(for: "bob@icloud.example") == nil)
    }

    @Test func enablingBackupOnIOSStoresTheBackupUnderTheAppleID() async throws {
        let world = try await BackupWorld(platform: .ios)
        let (_, _, status) = try await world.oldDevice(try SampleVaults.everyShape())
        #expect(status.generation == 1)
        #expect(world.cloud.storedBackup(for: BackupWorld.appleID) != nil)
    }

    @Test func enablingBackupWithNoVaultYetCreatesOneAndWaitsForAccounts() async throws {
        let world = try await BackupWorld()
        let store = InMemoryAccountStore()
        let status = try await world.coordinator(store: store).enableBackup(
            recoveryAccount: BackupWorld.user, password: BackupWorld.password, cloudIdentity: nil)
        #expect(status == .pending)
        #expect(await store.load()?.backupState != nil)
        #expect(world.storedBackup == nil)
    }

    // MARK: Uploads

    @Test func generationGrowsByOnePerUpload() async throws {
        let world = try await BackupWorld()
        let (store, backup, _) = try await world.oldDevice(try SampleVaults.everyShape())
        for (index, name) in ["one", "two", "three"].enumerated() {
            world.clock.advance(by: 60)
            try await store.modifyVault { try $0.add(try SampleVaults.thirdPartyAccount(userName: name)) }
            let status = await backup.backUpNow()
            #expect(status == .upToDate(generation: UInt64(index + 2), date: world.clock.now()))
            let stored = try #require(world.storedBackup)
            #expect(stored.metadata.generation == UInt64(index + 2))
            #expect(try SealedBackup(bytes: stored.bytes).header.generation == UInt64(index + 2))
        }
    }

    @Test func anUnchangedVaultIsNotUploadedAgain() async throws {
        let world = try await BackupWorld()
        let (_, backup, first) = try await world.oldDevice(try SampleVaults.everyShape())
        let stored = world.storedBackup
        world.clock.advance(by: 60)
        #expect(await backup.backUpNow() == first)
        #expect(world.storedBackup == stored)
    }

    @Test func everyChangeIsPendingUntilUploaded() async throws {
        let world = try await BackupWorld()
        let (store, backup, _) = try await world.oldDevice(try SampleVaults.everyShape())
        try await store.modifyVault { try $0.add(try SampleVaults.thirdPartyAccount(userName: "new")) }
        #expect(await backup.status() == .pending)
        #expect(await backup.backUpNow().generation == 2)
    }

    @Test func uploadedBackupHoldsEveryAccountOfTheVault() async throws {
        let world = try await BackupWorld()
        let vault = try SampleVaults.everyShape()
        _ = try await world.oldDevice(vault)
        let payload = try #require(try await world.storedPayload())
        #expect(payload == BackupPayload(vault: vault))
        #expect(payload.accounts.map(\.id) == vault.accounts.map(\.id))
    }

    @Test func uploadIsVerifiedBeforeItCounts() async throws {
        let world = try await BackupWorld()
        let store = InMemoryAccountStore(vault: try SampleVaults.everyShape())
        let corrupting = CorruptingCloud(world.cloud)
        corrupting.setCorrupting(false)
        let backup = world.coordinator(store: store, cloud: corrupting)
        _ = try await backup.enableBackup(recoveryAccount: BackupWorld.user, password: BackupWorld.password, cloudIdentity: nil)

        corrupting.setCorrupting(true)
        try await store.modifyVault { try $0.add(try SampleVaults.thirdPartyAccount(userName: "new")) }
        let status = await backup.backUpNow()
        #expect(status == .failed(.verificationFailed))
        #expect(status.needsAttention)
        let state = try #require(try await backup.backupState())
        #expect(state.lastUploadedGeneration == 1)  // the previous generation is still the one recorded
        #expect(state.unverifiedGeneration == 2)  // the cloud holds the unverified one
        #expect(await backup.status() == .failed(.verificationFailed))

        // The next upload replaces the unverified generation and counts once verified.
        corrupting.setCorrupting(false)
        #expect(await backup.backUpNow().generation == 3)
        #expect(try await backup.backupState()?.unverifiedGeneration == nil)
    }

    @Test func unreachableCloudFailsWithNetworkUnavailableAndKeepsThePreviousBackup() async throws {
        let world = try await BackupWorld()
        let (store, backup, _) = try await world.oldDevice(try SampleVaults.everyShape())
        let previous = world.storedBackup
        world.cloud.setReachable(false)
        try await store.modifyVault { try $0.add(try SampleVaults.thirdPartyAccount(userName: "new")) }
        #expect(await backup.backUpNow() == .failed(.networkUnavailable))
        #expect(world.storedBackup == previous)
        world.cloud.setReachable(true)
        #expect(await backup.backUpNow().generation == 2)
    }

    @Test func aCloudCopyDeletedOutsideTheAppIsReportedNotSilentlyWrittenAgain() async throws {
        let world = try await BackupWorld()
        let (store, backup, _) = try await world.oldDevice(try SampleVaults.everyShape())
        try await world.cloud.deleteBackup(generation: 1, for: world.identity)
        #expect(await backup.verifyBackup() == .failed(.notFound(lastSeen: 1)))
        try await store.modifyVault { try $0.add(try SampleVaults.thirdPartyAccount(userName: "new")) }
        #expect(await backup.backUpNow() == .failed(.backupMissing(generation: 1)))
        #expect(world.storedBackup == nil)
        let health = await backup.health()
        #expect(health.failure == .backupMissing(generation: 1))
        #expect(health.failingSince != nil)
        // Turning backup on again is the user's consent to a new chain, which starts above the
        // recovery-account service's record of the old one (generation 1).
        let again = try await backup.enableBackup(recoveryAccount: BackupWorld.user, password: BackupWorld.password, cloudIdentity: nil)
        #expect(again.generation == 2)
        #expect(await backup.health().failingSince == nil)
        #expect(await backup.verifyBackup() == .verified(generation: 2, accountCount: try #require(await store.load()).accounts.count))
    }

    @Test func verifyingReportsEachDifferenceAndChangesNothing() async throws {
        let world = try await BackupWorld()
        let (store, backup, _) = try await world.oldDevice(try SampleVaults.everyShape())
        let verified = await backup.verifyBackup()
        guard case .verified(1, _) = verified else {
            Issue.record("\(verified)")
            return
        }
        #expect(try await backup.backupState()?.lastVerified != nil)
        let before = world.storedBackup
        let first = try #require(await store.load()?.accounts.first)
        let added = try SampleVaults.thirdPartyAccount(userName: "not backed up")
        try await store.modifyVault {
            try $0.add(added)
            try $0.renameAccount(withID: first.id, issuer: first.issuer, userName: first.userName, displayName: "renamed")
        }
        let revision = try #require(await store.load()).revision
        let outcome = await backup.verifyBackup()
        guard case let .differs(1, differences) = outcome else {
            Issue.record("\(outcome)")
            return
        }
        #expect(differences.map(\.caseName).sorted() == ["changed", "missing"])
        #expect(world.storedBackup == before)
        #expect(try #require(await store.load()).revision == revision)
    }

    @Test func concurrentCallsRunOneAfterAnotherWithoutConflictingWithEachOther() async throws {
        let world = try await BackupWorld()
        let (store, backup, _) = try await world.oldDevice(try SampleVaults.everyShape())
        try await store.modifyVault { try $0.add(try SampleVaults.thirdPartyAccount(userName: "new")) }
        async let first = backup.backUpNow()
        async let second = backup.backUpNow()
        let statuses = await [first, second]
        #expect(statuses.allSatisfy { $0.generation == 2 })
    }

    @Test func aVaultChangeSavedDuringAnUploadIsNotLostAndStaysPending() async throws {
        let world = try await BackupWorld()
        let store = InMemoryAccountStore(vault: try SampleVaults.everyShape())
        _ = try await world.coordinator(store: store).enableBackup(
            recoveryAccount: BackupWorld.user, password: BackupWorld.password, cloudIdentity: nil)
        try await store.modifyVault { try $0.add(try SampleVaults.thirdPartyAccount(userName: "first")) }
        let late = try SampleVaults.thirdPartyAccount(userName: "added during the upload")
        let cloud = InterferingCloud(world.cloud) {
            _ = try? await store.modifyVault { try $0.add(late) }
        }
        let backup = world.coordinator(store: store, cloud: cloud)
        #expect(await backup.backUpNow() == .pending)
        #expect(await store.load()?.account(withID: late.id) != nil)
        #expect(try await backup.backupState()?.lastUploadedGeneration == 2)
        #expect(await backup.backUpNow().generation == 3)
        #expect(try await world.storedPayload()?.accounts.contains { $0.id == late.id } == true)
    }

    // MARK: Never an empty or partial backup

    @Test func backupNeverWritesAnEmptyPayloadForANonEmptyVault() async throws {
        let world = try await BackupWorld()
        let (store, backup, _) = try await world.oldDevice(try SampleVaults.everyShape())
        try await store.modifyVault { try $0.add(try SampleVaults.thirdPartyAccount(userName: "new")) }
        _ = await backup.backUpNow()
        let vault = try #require(await store.load())
        let payload = try #require(try await world.storedPayload())
        #expect(!payload.accounts.isEmpty)
        #expect(payload.accounts.map(\.id) == vault.accounts.map(\.id))
    }

    @Test func anEmptiedVaultNeverReplacesABackupThatHasAccounts() async throws {
        let world = try await BackupWorld()
        let (store, backup, _) = try await world.oldDevice(try SampleVaults.everyShape())
        let previous = world.storedBackup
        try await store.modifyVault { vault in
            for account in vault.accounts { try vault.removeAccount(withID: account.id) }
        }
        #expect(await backup.backUpNow() == .failed(.emptyVault))
        #expect(world.storedBackup == previous)
    }

    // MARK: Generation conflicts

    @Test func aNewChainNeverOverwritesABackupAlreadyInTheCloud() async throws {
        let world = try await BackupWorld()
        _ = try await world.oldDevice(try SampleVaults.everyShape())
        let previous = world.storedBackup
        var other = Vault(platform: .android)
        try other.add(try SampleVaults.thirdPartyAccount(userName: "other device"))
        let otherStore = InMemoryAccountStore(vault: other)
        let status = try await world.coordinator(store: otherStore, cloud: world.cloud.anotherDevice(signedInAs: world.identity))
            .enableBackup(recoveryAccount: BackupWorld.user, password: BackupWorld.password, cloudIdentity: nil)
        #expect(status == .failed(.generationConflict(local: nil, cloud: 1)))
        #expect(world.storedBackup == previous)
    }

    // MARK: Sessions

    @Test func needsSignInAfterSessionRevokeIsClearedBySignInWhichUploadsThePendingChange() async throws {
        let world = try await BackupWorld()
        let (store, backup, _) = try await world.oldDevice(try SampleVaults.everyShape())
        try await world.service.revokeSessions(userName: BackupWorld.user)
        let added = try SampleVaults.thirdPartyAccount(userName: "pending")
        try await store.modifyVault { try $0.add(added) }

        let stale = await backup.backUpNow()
        #expect(stale == .needsSignIn)
        #expect(stale.needsAttention)
        #expect(await backup.status() == .needsSignIn)
        #expect(world.storedBackup?.metadata.generation == 1)

        let status = try await backup.signIn(recoveryAccount: BackupWorld.user, password: BackupWorld.password)
        #expect(status == .upToDate(generation: 2, date: world.clock.now()))
        #expect(!status.needsAttention)
        #expect(try await world.storedPayload()?.accounts.contains { $0.id == added.id } == true)
    }

    @Test func needsSignInOnceTheSessionExpires() async throws {
        let world = try await BackupWorld(sessionLifetime: 600)
        let (_, backup, _) = try await world.oldDevice(try SampleVaults.everyShape())
        world.clock.advance(by: 600)
        #expect(await backup.status() == .needsSignIn)
        #expect(await backup.status().needsAttention)
    }

    @Test func signingInWithAnotherRecoveryAccountIsRefused() async throws {
        let world = try await BackupWorld()
        let (_, backup, _) = try await world.oldDevice(try SampleVaults.everyShape())
        await #expect(throws: BackupError.differentRecoveryAccount(expected: BackupWorld.user)) {
            try await backup.signIn(recoveryAccount: "bob@contoso.example", password: BackupWorld.password)
        }
    }

    @Test func signingInWhileBackupIsOffIsNotEnabled() async throws {
        let world = try await BackupWorld()
        let backup = world.coordinator(store: InMemoryAccountStore(vault: try SampleVaults.everyShape()))
        await #expect(throws: BackupError.notEnabled) {
            try await backup.signIn(recoveryAccount: BackupWorld.user, password: BackupWorld.password)
        }
    }

    // MARK: Off and delete

    @Test func disablingBackupStopsUploadsAndKeepsTheCloudCopy() async throws {
        let world = try await BackupWorld()
        let (store, backup, _) = try await world.oldDevice(try SampleVaults.everyShape())
        let previous = world.storedBackup
        #expect(try await backup.disableBackup() == .off)
        try await store.modifyVault { try $0.add(try SampleVaults.thirdPartyAccount(userName: "new")) }
        #expect(await backup.backUpNow() == .off)
        #expect(world.storedBackup == previous)
        #expect(await store.load()?.backupState?.session == nil)
    }

    @Test func enablingAgainWithTheSameAccountContinuesTheChain() async throws {
        let world = try await BackupWorld()
        let (store, backup, _) = try await world.oldDevice(try SampleVaults.everyShape())
        _ = try await backup.disableBackup()
        try await store.modifyVault { try $0.add(try SampleVaults.thirdPartyAccount(userName: "new")) }
        let status = try await backup.enableBackup(
            recoveryAccount: BackupWorld.user, password: BackupWorld.password, cloudIdentity: nil)
        #expect(status.generation == 2)
    }

    @Test func deletingTheCloudBackupRemovesItAndTurnsBackupOff() async throws {
        let world = try await BackupWorld()
        let (_, backup, _) = try await world.oldDevice(try SampleVaults.everyShape())
        try await backup.deleteCloudBackup()
        #expect(world.storedBackup == nil)
        #expect(await backup.status() == .off)
        await #expect(throws: BackupError.backupNotFound) { try await backup.deleteCloudBackup() }
    }

    @Test func statusAndSessionSurviveARestartOfTheApp() async throws {
        let world = try await BackupWorld()
        let device = try world.newDevice()
        var vault = Vault(platform: .android)
        try vault.add(try SampleVaults.thirdPartyAccount(userName: "one"))
        try await device.store.save(vault, replacingRevision: nil)
        let first = try await world.coordinator(store: device.store, cloud: device.cloud).enableBackup(
            recoveryAccount: BackupWorld.user, password: BackupWorld.password, cloudIdentity: nil)

        let restarted = world.coordinator(store: device.store, cloud: device.cloud)
        #expect(await restarted.status() == first)
        try await device.store.modifyVault { try $0.add(try SampleVaults.thirdPartyAccount(userName: "two")) }
        #expect(await restarted.backUpNow().generation == 2)
    }
}
