import AuthenticatorKitEmbedded
import AuthenticatorKit
import AuthenticatorKitTestSupport
import AuthenticatorKitWebDAV
import Foundation
import Testing

/// The SDK's backup coordinator and restore session over a WebDAV folder, as an app uses them
/// today: with the stand-in platform `ios` (the identity is the one the app passes, here the
/// provider's own). See the module's "Platform and location" notes.
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
