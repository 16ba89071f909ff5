import AuthenticatorKitEmbedded
import AuthenticatorKit
import AuthenticatorKitTestSupport
import Foundation
import Logging
import Testing

/// The coordinators log each outcome at the documented level and metadata, and never a
/// secret.
@Suite("Coordinator logging")
struct CoordinatorLoggingTests {
    @Test func aVerifiedUploadIsLoggedAtInfoWithItsGenerationAndAccountCount() async throws {
        let world = try await BackupWorld()
        let logs = LogCapture()
        let vault = try SampleVaults.everyShape()
        let backup = BackupCoordinator(
            store: InMemoryAccountStore(vault: vault), cloud: world.cloud, recoveryAccounts: world.service,
            appVersion: "tests 1.0", clock: world.clock, logger: logs.logger())
        _ = try await backup.enableBackup(recoveryAccount: BackupWorld.user, password: BackupWorld.password, cloudIdentity: nil)

        let enabled = try #require(logs.records(withMessage: "backup turned on").first)
        #expect(enabled.level == .notice)
        #expect(enabled.metadata == ["platform": "android", "location": "android", "credential": "password"])
        let uploaded = try #require(logs.records(withMessage: "backup uploaded and verified").first)
        #expect(uploaded.level == .info)
        #expect(uploaded.metadata == ["generation": "1", "accounts": "\(vault.accounts.count)"])
        try await expectNoSecret(in: logs, world: world, extra: [try await backup.backupState()?.session])
    }

    @Test func aFailedUploadIsLoggedAtWarningOrErrorWithTheFailureName() async throws {
        let world = try await BackupWorld()
        let logs = LogCapture()
        let store = InMemoryAccountStore(vault: try SampleVaults.everyShape())
        let backup = BackupCoordinator(
            store: store, cloud: world.cloud, recoveryAccounts: world.service, appVersion: "tests 1.0",
            clock: world.clock, logger: logs.logger())
        _ = try await backup.enableBackup(recoveryAccount: BackupWorld.user, password: BackupWorld.password, cloudIdentity: nil)
        try await store.modifyVault { try $0.add(try SampleVaults.thirdPartyAccount(userName: "pending")) }

        world.cloud.setReachable(false)
        #expect(await backup.backUpNow() == .failed(.networkUnavailable))
        let offline = try #require(logs.records(withMessage: "backup attempt failed").last)
        #expect(offline.level == .warning)
        #expect(offline.metadata == ["failure": "networkUnavailable"])

        world.cloud.setReachable(true)
        world.cloud.failNext(.upload, with: .generationConflict(expected: 1, found: 7))
        _ = await backup.backUpNow()
        let conflict = try #require(logs.records(withMessage: "backup attempt failed").last)
        #expect(conflict.level == .error)
        #expect(conflict.metadata["failure"] == "generationConflict")
        try await expectNoSecret(in: logs, world: world)
    }

    @Test func refusedCommandsAreLoggedAtWarningWithTheErrorCaseName() async throws {
        let world = try await BackupWorld()
        let logs = LogCapture()
        let backup = BackupCoordinator(
            store: InMemoryAccountStore(vault: try SampleVaults.everyShape()), cloud: world.cloud,
            recoveryAccounts: world.service, appVersion: "tests 1.0", clock: world.clock, logger: logs.logger())
        let wrong = SecureBytes(copying: Array("not the password".utf8))
        await #expect(throws: BackupError.wrongCredentials) {
            try await backup.enableBackup(recoveryAccount: BackupWorld.user, password: wrong, cloudIdentity: nil)
        }
        let refused = try #require(logs.records(withMessage: "enabling backup was refused").first)
        #expect(refused.level == .warning)
        #expect(refused.metadata == ["error": "wrongCredentials", "credential": "password"])
        #expect(!logs.mentions("not the password"))
        #expect(!logs.mentions(BackupWorld.user.rawValue))
    }

    @Test func restoreStepsAreLoggedWithGenerationAndAccountCounts() async throws {
        let world = try await BackupWorld()
        let vault = try SampleVaults.everyShape()
        _ = try await world.oldDevice(vault)
        let logs = LogCapture()
        let device = try world.newDevice()
        var restore = RestoreSession(
            store: device.store, cloud: device.cloud, recoveryAccounts: world.service, clock: world.clock,
            logger: logs.logger())
        try await restore.startRecovery()
        let wrong = SecureBytes(copying: Array("not the password".utf8))
        await #expect(throws: RestoreError.wrongCredentials) {
            try await restore.signIn(recoveryAccount: BackupWorld.user, password: wrong, cloudIdentity: nil)
        }
        try await restore.signIn(recoveryAccount: BackupWorld.user, password: BackupWorld.password, cloudIdentity: nil)
        let plan = try await restore.plan()
        _ = try await restore.commit()

        let refused = try #require(logs.records(withMessage: "signing in was refused").first)
        #expect(refused.level == .warning)
        #expect(refused.metadata == ["error": "wrongCredentials", "credential": "password"])
        let signedIn = try #require(logs.records(withMessage: "signed in for restore").first)
        #expect(signedIn.level == .notice)
        let planned = try #require(logs.records(withMessage: "restore planned").first)
        #expect(planned.level == .info)
        #expect(planned.metadata == ["generation": "1", "accounts": "\(plan.entries.count)", "platform": "android"])
        let committed = try #require(logs.records(withMessage: "restore committed").first)
        #expect(committed.level == .notice)
        #expect(committed.metadata["generation"] == "1")
        #expect(committed.metadata["accounts"] == "\(plan.vault.accounts.count)")
        #expect(!logs.mentions("not the password"))
        try await expectNoSecret(in: logs, world: world, extra: [restore.currentPlan?.vault.backupState?.session])
    }

    @Test func aRefusedRestoreIsLoggedWithTheReason() async throws {
        let world = try await BackupWorld()
        let logs = LogCapture()
        let device = try world.newDevice()
        var restore = RestoreSession(
            store: device.store, cloud: device.cloud, recoveryAccounts: world.service, clock: world.clock,
            logger: logs.logger())
        try await restore.startRecovery()
        try await restore.signIn(recoveryAccount: BackupWorld.user, password: BackupWorld.password, cloudIdentity: nil)
        await #expect(throws: RestoreError.unavailable(.backupNotFound)) { try await restore.plan() }
        let refused = try #require(logs.records(withMessage: "planning the restore was refused").first)
        #expect(refused.level == .warning)
        #expect(refused.metadata == ["error": "unavailable", "reason": "backupNotFound"])
    }

    @Test func aCompletedVerificationIsLoggedAtNoticeAndARefusedOneAtWarning() async throws {
        let device = try await VerificationDevice.make()
        let store = InMemoryAccountStore(vault: device.vault)
        let logs = LogCapture()
        let coordinator = AccountVerificationCoordinator(
            store: store, provider: device.provider, verificationService: device.provider, clock: device.clock,
            logger: logs.logger())
        let flow = try await device.verifiedWorkFlow(using: coordinator)
        let proof = try #require(flow.proof)
        _ = try await coordinator.complete(with: proof)
        await #expect(throws: VerificationError.verificationNotNeeded) { try await coordinator.complete(with: proof) }

        let verified = try #require(logs.records(withMessage: "account verified; new device credential enrolled").first)
        #expect(verified.level == .notice)
        #expect(verified.metadata == ["account": "\(device.work.id.rawValue)", "kind": "work-or-school"])
        let refused = try #require(logs.records(withMessage: "account verification was refused").first)
        #expect(refused.level == .warning)
        #expect(refused.metadata == ["account": "\(device.work.id.rawValue)", "error": "verificationNotNeeded"])
        #expect(logs.records.count == 2)
    }

    @Test func aCoordinatorWithoutALoggerLogsNothingAndStillWorks() async throws {
        let world = try await BackupWorld()
        let backup = world.coordinator(store: InMemoryAccountStore(vault: try SampleVaults.everyShape()))
        let status = try await backup.enableBackup(
            recoveryAccount: BackupWorld.user, password: BackupWorld.password, cloudIdentity: nil)
        #expect(status.generation == 1)
    }

    // MARK: Helpers

    /// Fails if any record mentions the password, a session token of the world's account or
    /// its escrow key, as text, hex or base64.
    private func expectNoSecret(
        in logs: LogCapture, world: BackupWorld, extra sessions: [RecoverySession?] = [],
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        #expect(!logs.records.isEmpty, sourceLocation: sourceLocation)
        let session = try await world.service.signIn(userName: BackupWorld.user, password: BackupWorld.password)
        let key = try await world.service.escrowKey(for: session)
        var secrets: [[UInt8]] = [BackupWorld.password.copyBytes(), key.key.copyBytes(), session.token.copyBytes()]
        secrets += sessions.compactMap { $0?.token.copyBytes() }
        for secret in secrets {
            for rendering in [
                String(decoding: secret, as: UTF8.self), secret.map { String(format: "%02x", $0) }.joined(),
                Data(secret).base64EncodedString(),
            ] {
                #expect(!logs.mentions(rendering), "a record mentions a secret", sourceLocation: sourceLocation)
            }
        }
        #expect(!logs.mentions(BackupWorld.user.rawValue), "a record mentions the user name", sourceLocation: sourceLocation)
    }
}
