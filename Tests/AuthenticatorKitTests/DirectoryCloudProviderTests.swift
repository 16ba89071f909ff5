import AuthenticatorKitEmbedded
import Foundation
import Testing
import AuthenticatorKit
import AuthenticatorKitTestSupport

@Suite("DirectoryCloudProvider")
struct DirectoryCloudProviderTests {
    private let alice: CloudIdentity = "alice@icloud.example"
    private let bob: CloudIdentity = "bob@icloud.example"

    private func makeRoot() throws -> URL {
        let provider = try DirectoryCloudProvider.inTemporaryDirectory(platform: .ios, signedInIdentity: nil)
        return provider.root
    }

    private func bytes(_ count: Int, seed: String) -> [UInt8] {
        DeterministicRandom(seed: seed).bytes(count)
    }

    @Test func meetsTheCloudBackupProviderRequirements() async throws {
        let provider = try DirectoryCloudProvider.inTemporaryDirectory(platform: .ios, signedInIdentity: alice)
        defer { try? FileManager.default.removeItem(at: provider.root) }
        try await CloudBackupProviderConformance.checkBackupLifecycle(of: provider)
        try await CloudBackupProviderConformance.checkConcurrentUploads(to: provider)
        try await CloudBackupProviderConformance.checkDeleteRacingUpload(on: provider)
    }

    @Test func aDeviceSignedInToNothingIsToldItIsNotSignedIn() async throws {
        let provider = try DirectoryCloudProvider.inTemporaryDirectory(platform: .ios, signedInIdentity: nil)
        defer { try? FileManager.default.removeItem(at: provider.root) }
        try await CloudBackupProviderConformance.checkNotSignedInIsReported(by: provider, identity: alice)
    }

    @Test func aMissingRootIsReportedAsUnreachableAndNeverCreated() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("absent-cloud-\(UUID().uuidString)")
        let provider = DirectoryCloudProvider(root: root, platform: .android, signedInIdentity: "alice")
        try await CloudBackupProviderConformance.checkUnreachableIsReported(by: provider)
        #expect(!FileManager.default.fileExists(atPath: root.path))
    }

    @Test func aRootThatDisappearsAfterABackupIsReportedAsUnreachable() async throws {
        let provider = try DirectoryCloudProvider.inTemporaryDirectory(platform: .ios, signedInIdentity: alice)
        _ = try await provider.uploadBackup([1, 2, 3], generation: 1, replacing: nil, for: alice)
        try FileManager.default.removeItem(at: provider.root)
        await #expect(throws: CloudBackupError.unreachable) {
            try await provider.downloadLatestBackup(for: alice)
        }
    }

    @Test func aMissingBackupIsNotFoundWhileTheRootIsThere() async throws {
        let provider = try DirectoryCloudProvider.inTemporaryDirectory(platform: .ios, signedInIdentity: alice)
        defer { try? FileManager.default.removeItem(at: provider.root) }
        await #expect(throws: CloudBackupError.notFound) {
            try await provider.readLatestBackupHeader(for: alice, maximumLength: 64)
        }
    }

    @Test func aDeviceSignedInAsAnotherIdentityIsToldWhoItIsInsteadOfNotFound() async throws {
        let root = try makeRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        let oldDevice = DirectoryCloudProvider(root: root, platform: .ios, signedInIdentity: alice)
        _ = try await oldDevice.uploadBackup([7, 7, 7], generation: 1, replacing: nil, for: alice)
        let newDevice = DirectoryCloudProvider(root: root, platform: .ios, signedInIdentity: bob)
        await #expect(throws: CloudBackupError.signedInAsAnotherIdentity(expected: alice, actual: bob)) {
            try await newDevice.downloadLatestBackup(for: alice)
        }
    }

    @Test func theSignInIsCheckedBeforeTheRootIsReached() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("absent-cloud-\(UUID().uuidString)")
        let signedOut = DirectoryCloudProvider(root: root, platform: .ios, signedInIdentity: nil)
        await #expect(throws: CloudBackupError.notSignedIn) { try await signedOut.downloadLatestBackup(for: alice) }
        let other = DirectoryCloudProvider(root: root, platform: .ios, signedInIdentity: bob)
        await #expect(throws: CloudBackupError.signedInAsAnotherIdentity(expected: alice, actual: bob)) {
            try await other.downloadLatestBackup(for: alice)
        }
    }

    @Test func aStaleDeviceIsRefusedWithBothGenerationsAndNothingIsOverwritten() async throws {
        let root = try makeRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        let deviceA = DirectoryCloudProvider(root: root, platform: .ios, signedInIdentity: alice)
        let deviceB = DirectoryCloudProvider(root: root, platform: .ios, signedInIdentity: alice)
        _ = try await deviceA.uploadBackup(bytes(100, seed: "first"), generation: 1, replacing: nil, for: alice)
        let seenByB = try await deviceB.readLatestBackupHeader(for: alice, maximumLength: 0).metadata.generation
        let newer = bytes(120, seed: "newer")
        _ = try await deviceA.uploadBackup(newer, generation: 2, replacing: 1, for: alice)

        await #expect(throws: CloudBackupError.generationConflict(expected: 1, found: 2)) {
            try await deviceB.uploadBackup(bytes(90, seed: "stale"), generation: seenByB + 1, replacing: seenByB, for: alice)
        }
        let stored = try await deviceA.downloadLatestBackup(for: alice)
        #expect(stored.bytes == newer)
        #expect(stored.metadata.generation == 2)
    }

    @Test func iosAndAndroidScopesAreIsolated() async throws {
        let root = try makeRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        let iPhone = DirectoryCloudProvider(root: root, platform: .ios, signedInIdentity: "alice")
        let android = DirectoryCloudProvider(root: root, platform: .android, signedInIdentity: "alice")
        let iosBackup = bytes(64, seed: "ios")
        _ = try await iPhone.uploadBackup(iosBackup, generation: 5, replacing: nil, for: "alice")
        await #expect(throws: CloudBackupError.notFound) { try await android.downloadLatestBackup(for: "alice") }

        let androidBackup = bytes(64, seed: "android")
        _ = try await android.uploadBackup(androidBackup, generation: 1, replacing: nil, for: "alice")
        #expect(try await iPhone.downloadLatestBackup(for: "alice").bytes == iosBackup)
        #expect(try await android.downloadLatestBackup(for: "alice").bytes == androidBackup)
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("ios/alice/latest.json").path))
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("android/alice/latest.json").path))
    }

    @Test func eachIdentityHasItsOwnBackup() async throws {
        let root = try makeRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        let alicesPhone = DirectoryCloudProvider(root: root, platform: .ios, signedInIdentity: alice)
        let bobsPhone = DirectoryCloudProvider(root: root, platform: .ios, signedInIdentity: bob)
        _ = try await alicesPhone.uploadBackup([1], generation: 1, replacing: nil, for: alice)
        await #expect(throws: CloudBackupError.notFound) { try await bobsPhone.downloadLatestBackup(for: bob) }
        _ = try await bobsPhone.uploadBackup([2], generation: 1, replacing: nil, for: bob)
        #expect(try await alicesPhone.downloadLatestBackup(for: alice).bytes == [1])
    }

    @Test func uploadAndDownloadAreByteIdenticalAndTheFileHoldsTheBackupAsUploaded() async throws {
        let provider = try DirectoryCloudProvider.inTemporaryDirectory(platform: .ios, signedInIdentity: alice)
        defer { try? FileManager.default.removeItem(at: provider.root) }
        let backup = (0...255).map(UInt8.init) + bytes(200_000, seed: "large")
        _ = try await provider.uploadBackup(backup, generation: 3, replacing: nil, for: alice)
        #expect(try await provider.downloadLatestBackup(for: alice).bytes == backup)
        let file = provider.root.appendingPathComponent("ios/alice@icloud.example/generation-3.backup")
        #expect(try Array(Data(contentsOf: file)) == backup)
    }

    @Test func onlyTheLatestGenerationIsKeptOnDisk() async throws {
        let provider = try DirectoryCloudProvider.inTemporaryDirectory(platform: .android, signedInIdentity: "alice")
        defer { try? FileManager.default.removeItem(at: provider.root) }
        _ = try await provider.uploadBackup([1], generation: 1, replacing: nil, for: "alice")
        _ = try await provider.uploadBackup([2], generation: 2, replacing: 1, for: "alice")
        let folder = provider.root.appendingPathComponent("android/alice")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }
        #expect(Set(names) == ["generation-2.backup", "latest.json"])
    }

    @Test func deleteRemovesTheBackupAndItsFiles() async throws {
        let provider = try DirectoryCloudProvider.inTemporaryDirectory(platform: .ios, signedInIdentity: alice)
        defer { try? FileManager.default.removeItem(at: provider.root) }
        _ = try await provider.uploadBackup([1, 2], generation: 1, replacing: nil, for: alice)
        try await provider.deleteBackup(generation: 1, for: alice)
        await #expect(throws: CloudBackupError.notFound) { try await provider.downloadLatestBackup(for: alice) }
        let folder = provider.root.appendingPathComponent("ios/alice@icloud.example")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }
        #expect(names.isEmpty)
        _ = try await provider.uploadBackup([3], generation: 1, replacing: nil, for: alice)
        #expect(try await provider.downloadLatestBackup(for: alice).bytes == [3])
    }

    @Test(arguments: ["", ".", "..", "../escape", "a/b", "a\\b", "nul\u{0}byte", "line\nbreak",
                      String(repeating: "x", count: 255)])
    func identitiesThatCannotNameAFolderSafelyAreRefused(identity: String) async throws {
        let root = try makeRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        let provider = DirectoryCloudProvider(root: root, platform: .ios, signedInIdentity: CloudIdentity(identity))
        await #expect {
            try await provider.uploadBackup([1], generation: 1, replacing: nil, for: CloudIdentity(identity))
        } throws: { error in
            guard case .invalidIdentity = error as? CloudBackupError else { return false }
            return true
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).isEmpty)
        // Nothing named "escape" beside the root (looked up by name, not by listing the shared
        // temporary folder, which holds thousands of entries; `attributesOfItem` follows no link).
        let escape = root.deletingLastPathComponent().appendingPathComponent("escape")
        #expect((try? FileManager.default.attributesOfItem(atPath: escape.path)) == nil)
    }

    @Test func identitiesAreEncodedIntoDistinctReadableFolderNames() async throws {
        let root = try makeRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        let identities: [CloudIdentity] = ["alice@example.com", "Alice@example.com", ".hidden", "Zoë Ünïcode", "50%"]
        for identity in identities {
            let provider = DirectoryCloudProvider(root: root, platform: .ios, signedInIdentity: identity)
            _ = try await provider.uploadBackup(Array(identity.rawValue.utf8), generation: 1, replacing: nil, for: identity)
        }
        let folders = Set(try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("ios").path))
        #expect(folders == [
            "alice@example.com", "%41lice@example.com", "%2Ehidden", "%5Ao%C3%AB%20%C3%9Cn%C3%AFcode", "50%25",
        ])
        for identity in identities {
            let provider = DirectoryCloudProvider(root: root, platform: .ios, signedInIdentity: identity)
            #expect(try await provider.downloadLatestBackup(for: identity).bytes == Array(identity.rawValue.utf8))
        }
    }

    @Test func aBackupLargerThanTheLimitIsRefused() async throws {
        let root = try makeRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        let provider = DirectoryCloudProvider(root: root, platform: .ios, signedInIdentity: alice, maximumBackupSize: 10)
        await #expect(throws: CloudBackupError.tooLarge(byteCount: 11, limit: 10)) {
            try await provider.uploadBackup(Array(repeating: 0, count: 11), generation: 1, replacing: nil, for: alice)
        }
        _ = try await provider.uploadBackup(Array(repeating: 0, count: 10), generation: 1, replacing: nil, for: alice)
    }

    @Test func theModificationDateComesFromTheClock() async throws {
        let clock = FixedTimeSource(unixTime: 1_700_000_000.25)
        let provider = try DirectoryCloudProvider.inTemporaryDirectory(
            platform: .ios, signedInIdentity: alice, clock: clock)
        defer { try? FileManager.default.removeItem(at: provider.root) }
        let metadata = try await provider.uploadBackup([1], generation: 1, replacing: nil, for: alice)
        #expect(metadata.modified == clock.instant)
        #expect(try await provider.readLatestBackupHeader(for: alice, maximumLength: 1).metadata.modified == clock.instant)
    }

    @Test func aNewProviderOverTheSameRootSeesTheBackup() async throws {
        let root = try makeRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        let before = DirectoryCloudProvider(root: root, platform: .android, signedInIdentity: "alice")
        let metadata = try await before.uploadBackup([4, 5, 6], generation: 9, replacing: nil, for: "alice")
        let after = DirectoryCloudProvider(root: root, platform: .android, signedInIdentity: "alice")
        let backup = try await after.downloadLatestBackup(for: "alice")
        #expect(backup == CloudBackup(metadata: metadata, bytes: [4, 5, 6]))
    }

    @Test func aDamagedRecordIsReportedAndNeverOverwritten() async throws {
        let provider = try DirectoryCloudProvider.inTemporaryDirectory(platform: .ios, signedInIdentity: alice)
        defer { try? FileManager.default.removeItem(at: provider.root) }
        _ = try await provider.uploadBackup([1], generation: 1, replacing: nil, for: alice)
        let record = provider.root.appendingPathComponent("ios/alice@icloud.example/latest.json")
        try Data("not json".utf8).write(to: record)
        for operation in 0..<3 {
            await #expect {
                switch operation {
                case 0: _ = try await provider.downloadLatestBackup(for: alice)
                case 1: _ = try await provider.uploadBackup([2], generation: 2, replacing: 1, for: alice)
                default: try await provider.deleteBackup(generation: 1, for: alice)
                }
            } throws: { error in
                guard case .storageFailure = error as? CloudBackupError else { return false }
                return true
            }
        }
        #expect(try Data(contentsOf: record) == Data("not json".utf8))
    }

    @Test func aBackupFileShorterThanItsRecordIsReportedAsAStorageFailure() async throws {
        let provider = try DirectoryCloudProvider.inTemporaryDirectory(platform: .ios, signedInIdentity: alice)
        defer { try? FileManager.default.removeItem(at: provider.root) }
        _ = try await provider.uploadBackup([1, 2, 3, 4], generation: 1, replacing: nil, for: alice)
        let file = provider.root.appendingPathComponent("ios/alice@icloud.example/generation-1.backup")
        try Data([1, 2]).write(to: file)
        await #expect {
            try await provider.downloadLatestBackup(for: alice)
        } throws: { error in
            guard case .storageFailure = error as? CloudBackupError else { return false }
            return true
        }
    }
}
