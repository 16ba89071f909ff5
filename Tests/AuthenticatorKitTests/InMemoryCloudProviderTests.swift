import Foundation
import Testing
import AuthenticatorKit
import AuthenticatorKitTestSupport

@Suite("InMemoryCloudProvider")
struct InMemoryCloudProviderTests {
    private let alice: CloudIdentity = "alice@icloud.example"
    private let bob: CloudIdentity = "bob@icloud.example"

    @Test func meetsTheCloudBackupProviderRequirements() async throws {
        let provider = InMemoryCloudProvider(platform: .ios, signedInIdentity: alice)
        try await CloudBackupProviderConformance.checkBackupLifecycle(of: provider)
        try await CloudBackupProviderConformance.checkConcurrentUploads(to: provider)
        try await CloudBackupProviderConformance.checkDeleteRacingUpload(on: provider)
    }

    @Test func signingOutMakesEveryOperationReportNotSignedIn() async throws {
        let provider = InMemoryCloudProvider(platform: .ios, signedInIdentity: alice)
        provider.setSignedInIdentity(nil)
        try await CloudBackupProviderConformance.checkNotSignedInIsReported(by: provider, identity: alice)
    }

    @Test func anOutageMakesEveryOperationReportUnreachableAndKeepsTheBackup() async throws {
        let provider = InMemoryCloudProvider(platform: .android, signedInIdentity: "alice")
        _ = try await provider.uploadBackup([1, 2, 3], generation: 1, replacing: nil, for: "alice")
        provider.setReachable(false)
        try await CloudBackupProviderConformance.checkUnreachableIsReported(by: provider)
        #expect(try await provider.signedInIdentity() == "alice")
        provider.setReachable(true)
        #expect(try await provider.downloadLatestBackup(for: "alice").bytes == [1, 2, 3])
    }

    @Test func switchingTheSignedInIdentityReportsTheOtherIdentity() async throws {
        let provider = InMemoryCloudProvider(platform: .ios, signedInIdentity: alice)
        _ = try await provider.uploadBackup([1], generation: 1, replacing: nil, for: alice)
        provider.setSignedInIdentity(bob)
        await #expect(throws: CloudBackupError.signedInAsAnotherIdentity(expected: alice, actual: bob)) {
            try await provider.downloadLatestBackup(for: alice)
        }
        #expect(provider.storedBackup(for: alice)?.bytes == [1])
    }

    @Test func aScriptedFailureHappensOnceOnItsOperationOnly() async throws {
        let provider = InMemoryCloudProvider(platform: .ios, signedInIdentity: alice)
        provider.failNext(.upload, with: .quotaExceeded)
        await #expect(throws: CloudBackupError.notFound) { try await provider.downloadLatestBackup(for: alice) }
        await #expect(throws: CloudBackupError.quotaExceeded) {
            try await provider.uploadBackup([1], generation: 1, replacing: nil, for: alice)
        }
        #expect(provider.storedBackup(for: alice) == nil)
        _ = try await provider.uploadBackup([1], generation: 1, replacing: nil, for: alice)
        #expect(provider.storedBackup(for: alice)?.bytes == [1])
    }

    @Test func twoDevicesShareOneCloudAndTheStaleOneIsRefused() async throws {
        let first = InMemoryCloudProvider(platform: .ios, signedInIdentity: alice)
        let second = first.anotherDevice(signedInAs: alice)
        _ = try await first.uploadBackup([1], generation: 1, replacing: nil, for: alice)
        _ = try await second.uploadBackup([2], generation: 2, replacing: 1, for: alice)
        await #expect(throws: CloudBackupError.generationConflict(expected: 1, found: 2)) {
            try await first.uploadBackup([3], generation: 2, replacing: 1, for: alice)
        }
        #expect(first.storedBackup(for: alice)?.bytes == [2])
    }

    @Test func anotherDeviceHasItsOwnReachabilityAndSignIn() async throws {
        let first = InMemoryCloudProvider(platform: .ios, signedInIdentity: alice)
        let second = first.anotherDevice(signedInAs: bob)
        first.setReachable(false)
        _ = try await second.uploadBackup([1], generation: 1, replacing: nil, for: bob)
        await #expect(throws: CloudBackupError.unreachable) { try await first.downloadLatestBackup(for: alice) }
    }

    @Test func platformsAreIsolatedInOneCloud() async throws {
        let iPhone = InMemoryCloudProvider(platform: .ios, signedInIdentity: "alice")
        let android = iPhone.anotherDevice(platform: .android, signedInAs: "alice")
        _ = try await iPhone.uploadBackup([1], generation: 1, replacing: nil, for: "alice")
        await #expect(throws: CloudBackupError.notFound) { try await android.downloadLatestBackup(for: "alice") }
        #expect(android.storedBackup(platform: .ios, for: "alice")?.bytes == [1])
    }

    @Test func tamperingChangesTheStoredBytesButNotTheGeneration() async throws {
        let provider = InMemoryCloudProvider(platform: .ios, signedInIdentity: alice)
        _ = try await provider.uploadBackup([1, 2, 3], generation: 4, replacing: nil, for: alice)
        #expect(provider.tamperWithStoredBackup(for: alice) { Array($0.dropLast()) })
        let stored = try await provider.downloadLatestBackup(for: alice)
        #expect(stored.bytes == [1, 2])
        #expect(stored.metadata.generation == 4)
        #expect(stored.metadata.byteCount == 2)
        #expect(!provider.tamperWithStoredBackup(for: bob) { $0 })
    }
}
