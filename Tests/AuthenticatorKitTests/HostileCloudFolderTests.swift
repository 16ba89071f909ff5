import AuthenticatorKitEmbedded
import AuthenticatorKit
import AuthenticatorKitTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Issue 11, reproduction 5, as the attack: someone who can write to a shared or hostile cloud
/// folder plants a link to `/dev/zero`, a sparse 2 GiB file or a symlinked folder, holds the
/// folder's lock, or a stale device deletes a newer backup. Each is refused at once with a
/// typed error; the device's vault and the cloud are left as they were.
@Suite("Hostile cloud folder")
struct HostileCloudFolderTests {
    /// A world whose old device backed up one vault to a `DirectoryCloudProvider` (android,
    /// so the folder is the recovery account's), and a new device with an empty store.
    final class World: Sendable {
        let base: BackupWorld
        let root: URL
        let oldStore: InMemoryAccountStore
        let oldBackup: BackupCoordinator
        let newDevice: URL

        var identity: CloudIdentity { CloudIdentity(BackupWorld.user.rawValue) }
        var folder: URL { root.appendingPathComponent("android/\(BackupWorld.user.rawValue)", isDirectory: true) }
        var backupFile: URL { folder.appendingPathComponent("generation-1.backup") }
        var newStore: FileAccountStore {
            FileAccountStore(
                directory: newDevice.appendingPathComponent("vault"),
                keyProvider: FileKeyProvider(file: newDevice.appendingPathComponent("vault.key")), lockTimeout: .zero)
        }

        init() async throws {
            base = try await BackupWorld()
            root = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-cloud-\(UUID().uuidString)")
            newDevice = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-device-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: newDevice, withIntermediateDirectories: true)
            oldStore = InMemoryAccountStore(vault: try SampleVaults.everyShape())
            oldBackup = BackupCoordinator(
                store: oldStore,
                cloud: DirectoryCloudProvider(root: root, platform: .android, signedInIdentity: CloudIdentity(BackupWorld.user.rawValue)),
                recoveryAccounts: base.service, appVersion: "tests 1.0", clock: base.clock)
            _ = try await oldBackup.enableBackup(recoveryAccount: BackupWorld.user, password: BackupWorld.password, cloudIdentity: nil)
        }

        deinit {
            try? FileManager.default.removeItem(at: root)
            try? FileManager.default.removeItem(at: newDevice)
        }

        /// A device's view of the cloud that waits for no lock.
        func cloud() -> DirectoryCloudProvider {
            DirectoryCloudProvider(root: root, platform: .android, signedInIdentity: identity, lockTimeout: .zero)
        }

        /// Every entry under the cloud root and the new device's folder: its kind, and a regular
        /// file's bytes or a link's destination.
        func snapshot() throws -> [String: String] {
            var entries: [String: String] = [:]
            for top in [root, newDevice] {
                let enumerator = FileManager.default.enumerator(atPath: top.path)
                while let relative = enumerator?.nextObject() as? String {
                    let path = top.appendingPathComponent(relative).path
                    let type = try FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType
                    switch type {
                    case .typeSymbolicLink?:
                        entries[path] = "link to " + (try FileManager.default.destinationOfSymbolicLink(atPath: path))
                    case .typeRegular?:
                        let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
                        entries[path] = size > 1 << 20 ? "file of \(size) bytes" : (try Data(contentsOf: URL(fileURLWithPath: path))).base64EncodedString()
                    default:
                        entries[path] = "\(String(describing: type))"
                    }
                }
            }
            return entries
        }

        /// A restore on the new device, signed in, that then plans.
        func restorePlan() async throws(RestoreError) {
            var restore = RestoreSession(
                store: newStore, cloud: cloud(), recoveryAccounts: base.service, accountProvider: nil,
                policy: .refuseIfNotEmpty, clock: base.clock)
            try await restore.startRecovery()
            try await restore.signIn(recoveryAccount: BackupWorld.user, password: BackupWorld.password, cloudIdentity: nil)
            _ = try await restore.plan()
        }
    }

    /// Whether `error` is a storage failure whose reason contains `words`.
    private static func isStorageFailure(_ error: any Error, saying words: String) -> Bool {
        switch error {
        case let CloudBackupError.storageFailure(reason): return reason.contains(words)
        case let RestoreError.serviceFailure(reason): return reason.contains(words)
        default: return false
        }
    }

    @Test func aBackupFileSymlinkedToDevZeroIsRefusedNotRead() async throws {
        let world = try await World()
        try FileManager.default.removeItem(at: world.backupFile)
        try FileManager.default.createSymbolicLink(atPath: world.backupFile.path, withDestinationPath: "/dev/zero")
        let before = try world.snapshot()
        await #expect { try await world.cloud().downloadLatestBackup(for: world.identity) } throws: {
            Self.isStorageFailure($0, saying: "symbolic link")
        }
        await #expect { try await world.cloud().readLatestBackupHeader(for: world.identity, maximumLength: 64) } throws: {
            Self.isStorageFailure($0, saying: "symbolic link")
        }
        await #expect { try await world.restorePlan() } throws: { Self.isStorageFailure($0, saying: "symbolic link") }
        #expect(try world.snapshot() == before)
    }

    @Test func aSparseTwoGiBBackupFileIsRefusedWithoutReadingIt() async throws {
        let world = try await World()
        #expect(truncate(world.backupFile.path, 2 << 30) == 0)  // holes: no disk, no memory
        let before = try world.snapshot()
        let start = ContinuousClock.now
        await #expect { try await world.cloud().downloadLatestBackup(for: world.identity) } throws: {
            Self.isStorageFailure($0, saying: "larger than the \(DirectoryCloudProvider.defaultMaximumBackupSize) bytes")
        }
        await #expect { try await world.restorePlan() } throws: { Self.isStorageFailure($0, saying: "larger than") }
        // Reading 2 GiB took 48 s before; refusing takes milliseconds (a generous bound).
        #expect(ContinuousClock.now - start < .seconds(5))
        #expect(try world.snapshot() == before)
    }

    @Test func aRecordClaimingAHugeBackupIsRefusedBeforeTheFileIsOpened() async throws {
        let world = try await World()
        let record = world.folder.appendingPathComponent("latest.json")
        var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: record)) as? [String: Any])
        json["byteCount"] = 2 << 30
        try JSONSerialization.data(withJSONObject: json).write(to: record)
        await #expect { try await world.cloud().downloadLatestBackup(for: world.identity) } throws: {
            Self.isStorageFailure($0, saying: "more than the")
        }
    }

    @Test func aSymlinkedBackupFolderIsNeitherReadNorWrittenThrough() async throws {
        let world = try await World()
        // The attacker replaces the identity's folder with a link to a folder of their own.
        let elsewhere = world.root.deletingLastPathComponent().appendingPathComponent("elsewhere-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        try FileManager.default.moveItem(at: world.folder, to: elsewhere)
        try FileManager.default.createSymbolicLink(atPath: world.folder.path, withDestinationPath: elsewhere.path)
        let before = try world.snapshot()
        let elsewhereBefore = try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).sorted()
        let cloud = world.cloud()
        await #expect { try await cloud.downloadLatestBackup(for: world.identity) } throws: {
            Self.isStorageFailure($0, saying: "symbolic link")
        }
        await #expect { _ = try await cloud.uploadBackup([1, 2, 3], generation: 2, replacing: 1, for: world.identity) } throws: {
            Self.isStorageFailure($0, saying: "symbolic link")
        }
        await #expect { try await cloud.deleteBackup(generation: 1, for: world.identity) } throws: {
            Self.isStorageFailure($0, saying: "symbolic link")
        }
        #expect(try world.snapshot() == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).sorted() == elsewhereBefore)
    }

    @Test func aSymlinkedPlatformFolderIsRefusedForANewBackup() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-root-\(UUID().uuidString)")
        let elsewhere = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-target-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        defer {
            try? FileManager.default.removeItem(at: root)
            try? FileManager.default.removeItem(at: elsewhere)
        }
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("ios").path, withDestinationPath: elsewhere.path)
        let cloud = DirectoryCloudProvider(root: root, platform: .ios, signedInIdentity: "alice@icloud.example")
        await #expect { _ = try await cloud.uploadBackup([1], generation: 1, replacing: nil, for: "alice@icloud.example") } throws: {
            Self.isStorageFailure($0, saying: "symbolic link")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).isEmpty)
    }

    @Test func aLockHeldByAnotherProcessMakesRestoreFailBusyInsteadOfWaitingForever() async throws {
        let world = try await World()
        let before = try world.snapshot()
        let holder = try await LockHeldByAnotherProcess.hold(world.folder.appendingPathComponent(".lock"))
        defer { holder.release() }
        await #expect(throws: CloudBackupError.busy) { try await world.cloud().downloadLatestBackup(for: world.identity) }
        await #expect(throws: CloudBackupError.busy) {
            _ = try await world.cloud().uploadBackup([1], generation: 2, replacing: 1, for: world.identity)
        }
        await #expect(throws: CloudBackupError.busy) { try await world.cloud().deleteBackup(generation: 1, for: world.identity) }
        await #expect(throws: RestoreError.unavailable(.networkUnavailable)) { try await world.restorePlan() }
        #expect(try world.snapshot() == before)
        holder.release()
        #expect(try await world.cloud().downloadLatestBackup(for: world.identity).metadata.generation == 1)
    }

    @Test func aLockHeldByAnotherProcessMakesAVaultSaveFailStoreLocked() async throws {
        let world = try await World()
        let store = world.newStore
        try await store.save(Vault(platform: .android), replacingRevision: nil)
        let vaultFile = world.newDevice.appendingPathComponent("vault/\(FileAccountStore.vaultFileName)")
        let before = try Data(contentsOf: vaultFile)
        let holder = try await LockHeldByAnotherProcess.hold(world.newDevice.appendingPathComponent("vault/\(FileAccountStore.lockFileName)"))
        defer { holder.release() }
        let vault = try #require(try await store.load())
        await #expect(throws: AccountModelError.storeLocked) { try await store.save(vault, replacingRevision: vault.revision) }
        #expect(try Data(contentsOf: vaultFile) == before)
    }

    @Test func aStaleDevicesDeleteOfANewerGenerationIsAGenerationConflictAndTheNewerBackupStays() async throws {
        let world = try await World()
        // Another device continues the chain: generation 2.
        let cloud = world.cloud()
        let first = try await cloud.downloadLatestBackup(for: world.identity)
        _ = try await cloud.uploadBackup(first.bytes, generation: 2, replacing: 1, for: world.identity)
        let before = try world.snapshot()
        let staleVault = try #require(await world.oldStore.load())
        // The stale device (it last uploaded generation 1) asks to delete.
        await #expect(throws: BackupError.failure(.generationConflict(local: 1, cloud: 2))) {
            try await world.oldBackup.deleteCloudBackup()
        }
        await #expect(throws: CloudBackupError.generationConflict(expected: 1, found: 2)) {
            try await cloud.deleteBackup(generation: 1, for: world.identity)
        }
        #expect(try await cloud.downloadLatestBackup(for: world.identity).metadata.generation == 2)
        #expect(try world.snapshot() == before)
        #expect(VaultComparison.differences(staleVault, try #require(await world.oldStore.load())).isEmpty)
        #expect(await world.oldStore.load()?.revision == staleVault.revision)
    }

    @Test func aDeviceThatNeverUploadedDeletesNothing() async throws {
        let world = try await World()
        let other = InMemoryAccountStore(vault: try SampleVaults.everyShape())
        var vault = try #require(await other.load())
        var settings = vault.settings
        settings.backupEnabled = true
        try vault.updateSettings(settings)
        try vault.setBackupState(BackupState(recoveryAccount: BackupWorld.user))
        try await other.save(vault, replacingRevision: await other.load()?.revision)
        let coordinator = BackupCoordinator(
            store: other, cloud: world.cloud(), recoveryAccounts: world.base.service, appVersion: "tests 1.0", clock: world.base.clock)
        let before = try world.snapshot()
        await #expect(throws: BackupError.failure(.generationConflict(local: nil, cloud: 1))) { try await coordinator.deleteCloudBackup() }
        #expect(try world.snapshot() == before)
    }

    @Test func theDirectoryCloudReadsAtMostTheBackupFormatsLargestFile() {
        #expect(DirectoryCloudProvider.defaultMaximumBackupSize == BackupLimits.maximumFileSize)
        #expect(DirectoryCloudProvider.defaultLockTimeout == .seconds(10))
    }

    @Test func busyIsACloudErrorOfItsOwnWithACaseName() {
        #expect(CloudBackupError.busy.caseName == "busy")
        #expect(CloudBackupError.busy.message.contains("busy"))
    }
}
