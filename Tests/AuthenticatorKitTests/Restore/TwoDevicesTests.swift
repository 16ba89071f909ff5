import AuthenticatorKit
import AuthenticatorKitTestSupport
import Foundation
import Testing

@Suite("Two devices, one cloud")
struct TwoDevicesTests {
    @Test func twoDevicesBackingUpToOneCloudTheStaleOneIsRefusedWithBothGenerations() async throws {
        let world = try await BackupWorld()
        let (oldStore, oldBackup, first) = try await world.oldDevice(try SampleVaults.everyShape())
        #expect(first.generation == 1)

        // The new device restores generation 1 and backs up a change: generation 2.
        let device = try world.newDevice()
        var restore = world.restore(on: device)
        try await restore.startRecovery()
        try await restore.signIn(recoveryAccount: BackupWorld.user, password: BackupWorld.password, cloudIdentity: nil)
        _ = try await restore.plan()
        _ = try await restore.commit()
        let newBackup = world.coordinator(store: device.store, cloud: device.cloud)
        try await device.store.modifyVault { try $0.add(try SampleVaults.thirdPartyAccount(userName: "new device")) }
        #expect(await newBackup.backUpNow().generation == 2)
        let newer = world.storedBackup

        // The old device, still at generation 1, changes its vault: refused, nothing overwritten.
        try await oldStore.modifyVault { try $0.add(try SampleVaults.thirdPartyAccount(userName: "old device")) }
        let stale = await oldBackup.backUpNow()
        #expect(stale == .failed(.generationConflict(local: 1, cloud: 2)))
        #expect(stale.needsAttention)
        #expect(await oldBackup.status() == .failed(.generationConflict(local: 1, cloud: 2)))
        #expect(world.storedBackup == newer)
        // Trying again never resolves it by overwriting.
        #expect(await oldBackup.backUpNow() == .failed(.generationConflict(local: 1, cloud: 2)))
        #expect(world.storedBackup == newer)
    }
}
