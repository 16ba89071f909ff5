import AuthenticatorKitEmbedded
import AuthenticatorKit
import AuthenticatorKitTestSupport
import Foundation
import Testing

/// One test per reason a backup can be unavailable. Every one checks that the device's vault
/// and the cloud copy are left byte for byte as they were.
@Suite("Restore unavailability")
struct RestoreUnavailabilityTests {
    @Test func backupInTheOtherPlatformsCloudIsPlatformMismatch() async throws {
        let world = try await BackupWorld(platform: .android)
        _ = try await world.oldDevice(try SampleVaults.everyShape())
        let iPhone = try world.newDevice(platform: .ios, signedInAs: BackupWorld.appleID)
        try await expectRefusal(
            .unavailable(.platformMismatch(backup: .android, device: .ios)), world: world, device: iPhone,
            cloudIdentity: BackupWorld.appleID)
        #expect(BackupUnavailableReason.platformMismatch(backup: .android, device: .ios).suggestedAction.contains("authenticator export"))
    }

    @Test func backupInAPortableLocationIsBackupElsewhereOnAPlatformCloud() async throws {
        let world = try await BackupWorld(platform: .android)
        _ = try await world.oldDevice(try SampleVaults.everyShape())
        let portable = BackupLocation(kind: .portable("WebDAV"), cloudIdentity: "alice@dav.example/Authenticator")
        let session = try await world.service.signIn(userName: BackupWorld.user, password: BackupWorld.password)
        try await world.service.recordBackupLocation(portable, for: session)
        try await expectRefusal(.unavailable(.backupElsewhere(portable)), world: world, device: try world.newDevice())
        #expect(BackupUnavailableReason.backupElsewhere(portable).message.contains("WebDAV folder alice@dav.example/Authenticator"))
    }

    @Test func unreachableCloudIsNetworkUnavailable() async throws {
        let world = try await BackupWorld()
        _ = try await world.oldDevice(try SampleVaults.everyShape())
        let device = try world.newDevice()
        device.cloud.setReachable(false)
        try await expectRefusal(.unavailable(.networkUnavailable), world: world, device: device)
    }

    @Test func unreachableRecoveryAccountServiceIsNetworkUnavailable() async throws {
        let world = try await BackupWorld()
        _ = try await world.oldDevice(try SampleVaults.everyShape())
        let device = try world.newDevice()
        let before = Untouched(device, world)
        let offline = LocalRecoveryAccountService(
            directory: FileManager.default.temporaryDirectory.appendingPathComponent("missing-\(UUID().uuidString)"),
            clock: world.clock, passwordHashing: .testing)
        var restore = world.restore(on: device, service: offline)
        try await restore.startRecovery()
        await #expect(throws: RestoreError.unavailable(.networkUnavailable)) {
            try await restore.signIn(recoveryAccount: BackupWorld.user, password: BackupWorld.password, cloudIdentity: nil)
        }
        #expect(before.isUnchanged(device, world))
    }

    @Test func deviceNotSignedInToItsCloudIsNotSignedIn() async throws {
        let world = try await BackupWorld(platform: .ios)
        _ = try await world.oldDevice(try SampleVaults.everyShape())
        let device = try world.newDevice(signedOut: true)
        try await expectRefusal(.unavailable(.notSignedIn), world: world, device: device, cloudIdentity: nil)
    }

    @Test func deviceSignedInToAnotherAppleIDIsCloudIdentityMismatch() async throws {
        let world = try await BackupWorld(platform: .ios)
        _ = try await world.oldDevice(try SampleVaults.everyShape())
        let device = try world.newDevice(signedInAs: "bob@icloud.example")
        try await expectRefusal(
            .unavailable(.cloudIdentityMismatch), world: world, device: device, cloudIdentity: "bob@icloud.example")
    }

    @Test func appleIDGivenThatTheCloudIsNotSignedInAsIsCloudIdentityMismatch() async throws {
        let world = try await BackupWorld(platform: .ios)
        _ = try await world.oldDevice(try SampleVaults.everyShape())
        let device = try world.newDevice(signedInAs: "bob@icloud.example")
        try await expectRefusal(
            .unavailable(.cloudIdentityMismatch), world: world, device: device, cloudIdentity: BackupWorld.appleID)
    }

    @Test func backupDeletedFromTheCloudIsBackupNotFound() async throws {
        let world = try await BackupWorld()
        let (_, backup, _) = try await world.oldDevice(try SampleVaults.everyShape())
        try await backup.deleteCloudBackup()
        try await expectRefusal(.unavailable(.backupNotFound), world: world, device: try world.newDevice())
    }

    @Test func backupNeverMadeIsBackupNotFound() async throws {
        let world = try await BackupWorld()
        try await expectRefusal(.unavailable(.backupNotFound), world: world, device: try world.newDevice())
    }

    @Test func deviceWithAccountsIsRefusedBeforeAnythingIsFetchedNamingThem() async throws {
        let world = try await BackupWorld()
        _ = try await world.oldDevice(try SampleVaults.everyShape())
        let device = try world.newDevice()
        var mine = Vault(platform: .android)
        let existing = try SampleVaults.thirdPartyAccount(issuer: "GitLab", userName: "carol")
        try mine.add(existing)
        try await device.store.save(mine, replacingRevision: nil)
        // Nothing may be fetched: the cloud is unreachable, and still the answer is about the device.
        device.cloud.setReachable(false)
        let before = Untouched(device, world)
        var restore = world.restore(on: device)
        await #expect(throws: RestoreError.unavailable(.existingAccounts([ExistingAccountSummary(existing)]))) {
            try await restore.startRecovery()
        }
        #expect(restore.step == .notStarted)
        #expect(before.isUnchanged(device, world))
    }

    @Test func expiredSessionIsBackupStale() async throws {
        let world = try await BackupWorld(sessionLifetime: 600)
        _ = try await world.oldDevice(try SampleVaults.everyShape())
        let device = try world.newDevice()
        let before = Untouched(device, world)
        var restore = world.restore(on: device)
        try await restore.startRecovery()
        try await restore.signIn(recoveryAccount: BackupWorld.user, password: BackupWorld.password, cloudIdentity: nil)
        world.clock.advance(by: 600)
        await #expect(throws: RestoreError.unavailable(.backupStale)) { try await restore.plan() }
        #expect(before.isUnchanged(device, world))
    }

    @Test func backupOfANewerFormatIsUnsupportedVersion() async throws {
        let world = try await BackupWorld()
        _ = try await world.oldDevice(try SampleVaults.everyShape())
        // A backup written by a future app that needs reader version 2.
        world.cloud.tamperWithStoredBackup(for: world.identity) { bytes in
            var changed = bytes
            changed[8] = 0; changed[9] = 2  // format version 2
            changed[10] = 0; changed[11] = 2  // minimum reader version 2
            return changed
        }
        try await expectRefusal(.unavailable(.unsupportedVersion(minimumReader: 2)), world: world, device: try world.newDevice())
    }

    @Test func damagedBackupIsDamaged() async throws {
        let world = try await BackupWorld()
        _ = try await world.oldDevice(try SampleVaults.everyShape())
        world.cloud.tamperWithStoredBackup(for: world.identity) { bytes in
            var changed = bytes
            changed[changed.count / 2] ^= 0x80
            return changed
        }
        try await expectRefusal(.unavailable(.damaged), world: world, device: try world.newDevice())
    }

    @Test func backupSealedForAnotherRecoveryAccountIsWrongRecoveryAccount() async throws {
        let world = try await BackupWorld(platform: .ios)
        _ = try await world.oldDevice(try SampleVaults.everyShape())
        // Bob has a recovery account of his own (with an escrow key) and signs in on a
        // device whose iCloud holds Alice's backup.
        let bob: RecoveryAccountName = "bob@contoso.example"
        try await world.service.createAccount(userName: bob, password: BackupWorld.password)
        _ = try await world.service.escrowKey(for: try await world.service.signIn(userName: bob, password: BackupWorld.password))
        try await expectRefusal(
            .unavailable(.wrongRecoveryAccount), world: world, device: try world.newDevice(),
            user: bob, cloudIdentity: BackupWorld.appleID)
    }

    @Test func everyReasonSuggestsAnAction() {
        let reasons: [BackupUnavailableReason] = [
            .platformMismatch(backup: .ios, device: .android), .networkUnavailable, .notSignedIn, .cloudIdentityMismatch,
            .backupNotFound, .existingAccounts([]), .backupStale, .unsupportedVersion(minimumReader: 2), .damaged,
            .wrongRecoveryAccount,
        ]
        for reason in reasons {
            #expect(!reason.suggestedAction.isEmpty)
            #expect(RestoreError.unavailable(reason).message == reason.message)
        }
    }

    // MARK: Helpers

    /// Starts recovery, signs in and plans on `device`; expects planning to throw `expected`
    /// and the vault file and cloud copy to be unchanged.
    private func expectRefusal(
        _ expected: RestoreError, world: BackupWorld, device: NewDevice, user: RecoveryAccountName = BackupWorld.user,
        cloudIdentity: CloudIdentity? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let before = Untouched(device, world)
        var restore = world.restore(on: device)
        try await restore.startRecovery()
        try await restore.signIn(recoveryAccount: user, password: BackupWorld.password, cloudIdentity: cloudIdentity)
        await #expect(throws: expected, sourceLocation: sourceLocation) { try await restore.plan() }
        #expect(restore.step == .signedIn, sourceLocation: sourceLocation)
        await #expect(throws: RestoreError.outOfOrder(attempted: .committed, current: .signedIn), sourceLocation: sourceLocation) {
            try await restore.commit()
        }
        #expect(before.isUnchanged(device, world), "the vault or the cloud copy changed", sourceLocation: sourceLocation)
    }
}
