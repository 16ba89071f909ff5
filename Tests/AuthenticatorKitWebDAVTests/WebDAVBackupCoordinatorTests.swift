import AuthenticatorKitEmbedded
import AuthenticatorKit
import AuthenticatorKitTestSupport
import AuthenticatorKitWebDAV
import Foundation
import Testing

/// The SDK's backup coordinator and restore session over a WebDAV folder, from `ios` devices
/// that pass the provider's own identity as `cloudIdentity` (ignored for a portable location,
/// which is addressed by the provider's identity anyway). See the module's "Platform and
/// location" notes.
@Suite(
    "WebDAV provider with the backup coordinator",
    .enabled(if: WebDAVTestServer.configured, WebDAVTestServer.skipReason)
)
struct WebDAVBackupCoordinatorTests {
    static let user: RecoveryAccountName = "alice@contoso.example"
    static let password = SecureBytes(copying: Array("correct horse battery".utf8))

    @Test(arguments: WebDAVTestServer.Kind.allCases)
    func aVaultBackedUpToWebDAVIsRestoredOnAnotherDevice(_ kind: WebDAVTestServer.Kind) async throws {
        let server = try WebDAVTestServer.require(kind)
        let folder = try await server.freshFolder("coordinator")
        let service = try LocalRecoveryAccountService.inTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: service.directory) }
        try await service.createAccount(userName: Self.user, password: Self.password)

        let oldCloud = try server.provider(for: folder, platform: .ios)
        let identity = oldCloud.configuration.identity
        let oldStore = InMemoryAccountStore(vault: try SampleVaults.everyShape())
        let backup = BackupCoordinator(store: oldStore, cloud: oldCloud, recoveryAccounts: service, appVersion: "tests")
        let first = try await backup.enableBackup(recoveryAccount: Self.user, password: Self.password, cloudIdentity: identity)
        #expect(first.generation == 1, "\(first)")
        try await oldStore.modifyVault { try $0.add(try SampleVaults.thirdPartyAccount(userName: "second")) }
        #expect(await backup.backUpNow().generation == 2)

        let newCloud = try server.provider(for: folder, platform: .ios)
        let newStore = InMemoryAccountStore()
        var restore = RestoreSession(store: newStore, cloud: newCloud, recoveryAccounts: service)
        try await restore.startRecovery()
        try await restore.signIn(recoveryAccount: Self.user, password: Self.password, cloudIdentity: identity)
        _ = try await restore.plan()
        _ = try await restore.commit()
        let restored = try #require(await newStore.load())
        let original = try #require(await oldStore.load())
        #expect(restored.accounts.map(\.id) == original.accounts.map(\.id))
    }
}

/// A WebDAV folder is a portable location: a device of either platform backs up to it and a
/// device of the other restores from it, with no cloud identity named by the app.
@Suite(
    "WebDAV is a portable location",
    .enabled(if: WebDAVTestServer.configured, WebDAVTestServer.skipReason)
)
struct WebDAVPortableLocationTests {
    static let user: RecoveryAccountName = "bob@contoso.example"
    static let password = SecureBytes(copying: Array("correct horse battery".utf8))

    static let directions: [(Platform, Platform)] = [(.android, .ios), (.ios, .android)]

    @Test(arguments: WebDAVTestServer.Kind.allCases, [0, 1])
    func aBackupFromOnePlatformRestoresOnTheOther(_ kind: WebDAVTestServer.Kind, _ direction: Int) async throws {
        let (from, to) = Self.directions[direction]
        let server = try WebDAVTestServer.require(kind)
        let folder = try await server.freshFolder("portable-\(from.rawValue)")
        let service = try LocalRecoveryAccountService.inTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: service.directory) }
        try await service.createAccount(userName: Self.user, password: Self.password)

        let oldCloud = try server.provider(for: folder, platform: from)
        #expect(oldCloud.locationKind == .portable("WebDAV"))
        var sample = try SampleVaults.everyShape()
        var settings = sample.settings
        settings.platform = from
        try sample.updateSettings(settings)
        let oldStore = InMemoryAccountStore(vault: sample)
        let backup = BackupCoordinator(store: oldStore, cloud: oldCloud, recoveryAccounts: service, appVersion: "tests")
        #expect(backup.cloudIdentityRule == .provider)
        let first = try await backup.enableBackup(recoveryAccount: Self.user, password: Self.password, cloudIdentity: nil)
        #expect(first.generation == 1, "\(first)")
        let state = try #require(try await backup.backupState())
        #expect(state.cloudIdentity == oldCloud.configuration.identity)
        #expect(state.lastVerified != nil)
        let session = try await service.signIn(userName: Self.user, password: Self.password)
        #expect(try await service.backupLocation(for: session) == oldCloud.location.backupLocation)
        #expect(await backup.verifyBackup() == .verified(generation: 1, accountCount: try #require(await oldStore.load()).accounts.count))

        let newCloud = try server.provider(for: folder, platform: to)
        let newStore = InMemoryAccountStore(vault: Vault(platform: to))
        var restore = RestoreSession(store: newStore, cloud: newCloud, recoveryAccounts: service)
        try await restore.startRecovery()
        try await restore.signIn(recoveryAccount: Self.user, password: Self.password, cloudIdentity: nil)
        let plan = try await restore.plan()
        #expect(plan.header.platform == from)
        _ = try await restore.commit()
        let restored = try #require(await newStore.load())
        let original = try #require(await oldStore.load())
        #expect(restored.accounts.map(\.id) == original.accounts.map(\.id))
        let at = Date(timeIntervalSince1970: 1_700_000_000)
        // Third-party accounts come back in full, with the same codes (provider accounts are
        // re-verified on the new device, whatever its platform).
        for account in original.accounts where account.kind == .thirdParty {
            let generator = try #require(account.generator)
            let twin = try #require(restored.account(withID: account.id)?.generator)
            #expect((try? twin.code(at: at)) == (try? generator.code(at: at)), "\(account.id)")
        }
        // The restored device continues the chain in the same folder.
        let continued = BackupCoordinator(store: newStore, cloud: newCloud, recoveryAccounts: service, appVersion: "tests")
        let next = await continued.backUpNow()
        #expect(next.generation == 2, "\(next)")
    }
}
