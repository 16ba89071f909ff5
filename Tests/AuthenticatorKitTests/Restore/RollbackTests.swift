import AuthenticatorKitEmbedded
import AuthenticatorKit
import AuthenticatorKitTestSupport
import Foundation
import Testing

/// Reproduction 3 of issue 11, as the attack: a hostile cloud serves an earlier backup's
/// files again. The recovery-account service's record of the last verified backup decides,
/// so a new device refuses the rollback with the vault and the cloud left as they were.
@Suite("Rollback refused")
struct RollbackTests {
    /// The old device with generation 1 then 2 in the cloud; returns generation 1's bytes.
    private func twoGenerations(_ world: BackupWorld) async throws -> (first: [UInt8], backup: BackupCoordinator) {
        let (store, backup, status) = try await world.oldDevice(try SampleVaults.everyShape())
        #expect(status.generation == 1)
        let first = try #require(world.storedBackup).bytes
        try await store.modifyVault { try $0.add(try SampleVaults.thirdPartyAccount(userName: "added-since")) }
        #expect(await backup.backUpNow().generation == 2)
        return (first, backup)
    }

    @Test func aCloudServingAnEarlierGenerationAgainIsRefusedAsRolledBack() async throws {
        let world = try await BackupWorld()
        let (first, _) = try await twoGenerations(world)
        // The attacker puts generation 1's file back.
        world.cloud.tamperWithStoredBackup(for: world.identity) { _ in first }
        let device = try world.newDevice()
        let before = Untouched(device, world)
        var restore = world.restore(on: device)
        try await restore.startRecovery()
        try await restore.signIn(recoveryAccount: BackupWorld.user, password: BackupWorld.password, cloudIdentity: nil)
        await #expect(throws: RestoreError.unavailable(.backupRolledBack(found: 1, recorded: 2))) {
            _ = try await restore.plan()
        }
        #expect(before.isUnchanged(device, world))
        #expect(try await device.store.load()?.accounts.isEmpty ?? true)
    }

    @Test func aBackupOfTheRecordedGenerationWithOtherBytesIsRefused() async throws {
        let world = try await BackupWorld()
        _ = try await twoGenerations(world)
        // Generation 2 again, sealed afresh for the same chain and key (other bytes: a fork).
        let stored = try #require(world.storedBackup)
        let sealed = try SealedBackup(bytes: stored.bytes)
        let session = try await world.service.signIn(userName: BackupWorld.user, password: BackupWorld.password)
        let key = try await world.service.escrowKey(for: session)
        let payload = try sealed.open(using: .escrowKey(key.key))
        let other = try BackupSealer(clock: world.clock).seal(
            payload,
            metadata: BackupMetadata(
                generation: 2, platform: world.platform, appVersion: "attacker", backupID: sealed.header.backupID),
            keySlots: [.escrowKey(key.key, keyID: key.identifier.hex)])
        #expect(other != stored.bytes)
        world.cloud.tamperWithStoredBackup(for: world.identity) { _ in other }
        let device = try world.newDevice()
        let before = Untouched(device, world)
        var restore = world.restore(on: device)
        try await restore.startRecovery()
        try await restore.signIn(recoveryAccount: BackupWorld.user, password: BackupWorld.password, cloudIdentity: nil)
        await #expect(throws: RestoreError.unavailable(.backupRolledBack(found: 2, recorded: 2))) {
            _ = try await restore.plan()
        }
        #expect(before.isUnchanged(device, world))
    }

    @Test func aNewerGenerationTheServiceHasNotRecordedRestores() async throws {
        let world = try await BackupWorld()
        // The old device stops between its upload of generation 2 and the record.
        let forgetful = NotRecordingService(base: world.service)
        let store = InMemoryAccountStore(vault: try SampleVaults.everyShape())
        let backup = BackupCoordinator(
            store: store, cloud: world.cloud, recoveryAccounts: world.service, appVersion: "tests 1.0", clock: world.clock)
        _ = try await backup.enableBackup(recoveryAccount: BackupWorld.user, password: BackupWorld.password, cloudIdentity: nil)
        try await store.modifyVault { try $0.add(try SampleVaults.thirdPartyAccount(userName: "added-since")) }
        let stopped = BackupCoordinator(
            store: store, cloud: world.cloud, recoveryAccounts: forgetful, appVersion: "tests 1.0", clock: world.clock)
        #expect(await stopped.backUpNow().generation == 2)
        let device = try world.newDevice()
        var restore = world.restore(on: device)
        try await restore.startRecovery()
        try await restore.signIn(recoveryAccount: BackupWorld.user, password: BackupWorld.password, cloudIdentity: nil)
        #expect(try await restore.plan().header.generation == 2)
        let report = try await restore.commit()
        #expect(report.plan.entries.count == (try #require(await store.load())).accounts.count)
    }

    @Test func eachVerifiedUploadIsRecordedWithTheDigestOfItsBytes() async throws {
        let world = try await BackupWorld()
        _ = try await twoGenerations(world)
        let session = try await world.service.signIn(userName: BackupWorld.user, password: BackupWorld.password)
        let location = BackupLocation(kind: world.cloud.locationKind, cloudIdentity: world.identity)
        let record = try #require(try await world.service.verifiedBackup(at: location, for: session))
        #expect(record == BackupFingerprint(generation: 2, backupBytes: try #require(world.storedBackup).bytes))
    }

    @Test func aNewChainAfterTheBackupWasDeletedStartsAboveTheRecord() async throws {
        let world = try await BackupWorld()
        let (_, backup) = try await twoGenerations(world)
        try await backup.deleteCloudBackup()
        let again = try await backup.enableBackup(recoveryAccount: BackupWorld.user, password: BackupWorld.password, cloudIdentity: nil)
        #expect(again.generation == 3)
        // So the old chain's files, put back, are older than the record.
        let device = try world.newDevice()
        var restore = world.restore(on: device)
        try await restore.startRecovery()
        try await restore.signIn(recoveryAccount: BackupWorld.user, password: BackupWorld.password, cloudIdentity: nil)
        #expect(try await restore.plan().header.generation == 3)
    }

    @Test func theServiceRefusesToMoveItsRecordBackwards() async throws {
        let world = try await BackupWorld()
        let (first, _) = try await twoGenerations(world)
        let session = try await world.service.signIn(userName: BackupWorld.user, password: BackupWorld.password)
        let location = BackupLocation(kind: world.cloud.locationKind, cloudIdentity: world.identity)
        await #expect(throws: RecoveryAccountError.backupRecordRegressed(recorded: 2)) {
            try await world.service.recordVerifiedBackup(
                BackupFingerprint(generation: 1, backupBytes: first), at: location, for: session)
        }
    }

    @Test func backupRolledBackSaysWhatHappenedAndWhatToDo() {
        let older = BackupUnavailableReason.backupRolledBack(found: 1, recorded: 2)
        #expect(older.caseName == "backupRolledBack")
        #expect(older.message == "the cloud serves backup generation 1, older than generation 2 that the recovery account recorded as verified")
        #expect(older.suggestedAction.hasPrefix("Do not use this backup"))
        #expect(BackupUnavailableReason.backupRolledBack(found: 2, recorded: 2).message
            == "the cloud's backup of generation 2 is not the one the recovery account recorded as verified")
        #expect(RecoveryAccountError.backupRecordRegressed(recorded: 4).caseName == "backupRecordRegressed")
    }
}

/// A recovery-account service that never records a verified backup: a device stopped between
/// its upload and the record.
private struct NotRecordingService: RecoveryAccountService {
    let base: LocalRecoveryAccountService

    func signIn(with credential: RecoveryCredential) async throws(RecoveryAccountError) -> RecoverySession {
        try await base.signIn(with: credential)
    }
    func refresh(_ session: RecoverySession) async throws(RecoveryAccountError) -> RecoverySession {
        try await base.refresh(session)
    }
    func escrowKey(for session: RecoverySession) async throws(RecoveryAccountError) -> EscrowKey {
        try await base.escrowKey(for: session)
    }
    func recordBackupLocation(_ location: BackupLocation?, for session: RecoverySession) async throws(RecoveryAccountError) {
        try await base.recordBackupLocation(location, for: session)
    }
    func backupLocation(for session: RecoverySession) async throws(RecoveryAccountError) -> BackupLocation? {
        try await base.backupLocation(for: session)
    }
    func recordVerifiedBackup(
        _ record: BackupFingerprint, at location: BackupLocation, for session: RecoverySession
    ) async throws(RecoveryAccountError) {
        throw .unreachable
    }
    func verifiedBackup(at location: BackupLocation, for session: RecoverySession) async throws(RecoveryAccountError) -> BackupFingerprint? {
        try await base.verifiedBackup(at: location, for: session)
    }
}
