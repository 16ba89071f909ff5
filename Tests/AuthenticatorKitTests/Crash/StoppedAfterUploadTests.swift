import AuthenticatorKitEmbedded
import AuthenticatorKit
import AuthenticatorKitTestSupport
import Foundation
import Testing

/// Issue 13's known limit, fixed: a device stopped between the cloud taking its upload and
/// saving the outcome used to meet its own generation in the cloud and report
/// `generationConflict(n, n + 1)` for ever. Now it recognises its upload by the digest it
/// saved beforehand, and goes on. Deterministic: the store's save after the upload fails,
/// exactly where a kill would land.
@Suite("Stopped between upload and save")
struct StoppedAfterUploadTests {
    /// The old device with generation 1, then generation 2 uploaded but its outcome not saved.
    private func stoppedAfterUploadingGenerationTwo(
        _ world: BackupWorld
    ) async throws -> (store: ScriptedAccountStore, cloud: StoppingCloud) {
        let store = ScriptedAccountStore(vault: try SampleVaults.everyShape())
        let cloud = StoppingCloud(world.cloud, store: store)
        let first = BackupCoordinator(
            store: store, cloud: cloud, recoveryAccounts: world.service, appVersion: "tests 1.0", clock: world.clock)
        #expect(try await first.enableBackup(recoveryAccount: BackupWorld.user, password: BackupWorld.password, cloudIdentity: nil).generation == 1)
        try await store.modifyVault { try $0.add(try SampleVaults.thirdPartyAccount(userName: "added")) }
        cloud.stopAfterNextUpload()
        guard case .failed(.storeFailure) = await first.backUpNow() else {
            Issue.record("the save after the upload did not fail")
            return (store, cloud)
        }
        #expect(world.storedBackup?.metadata.generation == 2)
        let state = try #require(try await store.load()?.backupState)
        #expect(state.lastUploadedGeneration == 1)
        #expect(state.uploadIntent?.generation == 2)
        return (store, cloud)
    }

    @Test func aDeviceStoppedAfterTheCloudTookItsUploadRecognisesItAndGoesOn() async throws {
        let world = try await BackupWorld()
        let (store, _) = try await stoppedAfterUploadingGenerationTwo(world)
        // The app starts again.
        let restarted = world.coordinator(store: store)
        #expect(await restarted.backUpNow().generation == 3)
        let state = try #require(try await store.load()?.backupState)
        #expect(state.uploadIntent == nil)
        #expect(state.lastUploadedGeneration == 3)
        #expect(try await world.storedPayload()?.accounts.map(\.userName).contains("added") == true)
        // And later changes keep uploading.
        try await store.modifyVault { try $0.add(try SampleVaults.thirdPartyAccount(userName: "later")) }
        #expect(await restarted.backUpNow().generation == 4)
    }

    @Test func anotherDevicesUploadOfThatGenerationIsStillAConflict() async throws {
        let world = try await BackupWorld()
        let (store, _) = try await stoppedAfterUploadingGenerationTwo(world)
        // Meanwhile another device of the chain wrote its own generation 2 (other bytes).
        let stored = try #require(world.storedBackup)
        let sealed = try SealedBackup(bytes: stored.bytes)
        let session = try await world.service.signIn(userName: BackupWorld.user, password: BackupWorld.password)
        let key = try await world.service.escrowKey(for: session)
        let other = try BackupSealer(clock: world.clock).seal(
            BackupPayload(vault: try SampleVaults.everyShape()),
            metadata: BackupMetadata(generation: 2, platform: .android, appVersion: "other", backupID: sealed.header.backupID),
            keySlots: [.escrowKey(key.key, keyID: key.identifier.hex)])
        world.cloud.tamperWithStoredBackup(for: world.identity) { _ in other }
        let restarted = world.coordinator(store: store)
        #expect(await restarted.backUpNow() == .failed(.generationConflict(local: 1, cloud: 2)))
        #expect(world.storedBackup?.bytes == other)
        // Never adopted, however often it tries: the other device's backup stays.
        #expect(await restarted.backUpNow() == .failed(.generationConflict(local: 1, cloud: 2)))
        #expect(world.storedBackup?.bytes == other)
        #expect(try await store.load()?.backupState?.lastUploadedGeneration == 1)
    }

    @Test func anUploadThatNeverLandedIsSimplyMadeAgain() async throws {
        let world = try await BackupWorld()
        let store = ScriptedAccountStore(vault: try SampleVaults.everyShape())
        let backup = world.coordinator(store: store)
        _ = try await backup.enableBackup(recoveryAccount: BackupWorld.user, password: BackupWorld.password, cloudIdentity: nil)
        try await store.modifyVault { try $0.add(try SampleVaults.thirdPartyAccount(userName: "added")) }
        world.cloud.failNext(.upload, with: .unreachable)
        #expect(await backup.backUpNow() == .failed(.networkUnavailable))
        #expect(try await store.load()?.backupState?.uploadIntent?.generation == 2)
        #expect(await backup.backUpNow().generation == 2)
        #expect(try await store.load()?.backupState?.uploadIntent == nil)
    }
}

/// A cloud that, once armed, makes the store's next save fail right after it takes an
/// upload: the device "stops" between the upload and saving its outcome.
final class StoppingCloud: ForwardingCloud, @unchecked Sendable {
    let base: InMemoryCloudProvider
    let store: ScriptedAccountStore
    private let lock = Lock()
    private var armed = false

    init(_ base: InMemoryCloudProvider, store: ScriptedAccountStore) {
        self.base = base
        self.store = store
    }

    func stopAfterNextUpload() { lock.withLock { armed = true } }

    func uploadBackup(
        _ bytes: [UInt8], generation: UInt64, replacing expectedGeneration: UInt64?, for identity: CloudIdentity
    ) async throws(CloudBackupError) -> CloudBackupMetadata {
        let metadata = try await base.uploadBackup(bytes, generation: generation, replacing: expectedGeneration, for: identity)
        let stop = lock.withLock { () -> Bool in
            defer { armed = false }
            return armed
        }
        if stop { await store.failSaves(with: .storeUnavailable(reason: "the device stopped")) }
        return metadata
    }
}
