import AuthenticatorKit
import Foundation

extension Story {
    /// Chapter: every reason a backup can be unavailable, once each, with what an app shows.
    /// Each refusal leaves the device's vault and the cloud copy as they were.
    func showWhenNoBackupIsAvailable() async throws {
        narrator.chapter("When a backup is not available")
        narrator.say("  Each case below is a typed BackupUnavailableReason; the app shows its message and")
        narrator.say("  suggested action. The refused device and the iCloud copy stay exactly as they were.")
        let before = try await cloudGeneration()

        let android = try world.device(named: "Android phone", platform: .android, cloudIdentity: CloudIdentity(DemoWorld.userName))
        try await expectRefusal(
            "Alice tries on an Android phone (the backup is in iCloud).", on: android, cloudIdentity: nil
        ) { if case .platformMismatch(backup: .ios, device: .android) = $0 { true } else { false } }

        let offline = try world.device(
            named: "offline iPhone", platform: .ios, cloudIdentity: DemoWorld.appleID,
            cloudRoot: world.root.appendingPathComponent("unmounted-cloud", isDirectory: true)
        )
        try await expectRefusal("An iPhone with no network.", on: offline) { $0 == .networkUnavailable }

        let otherAppleID: CloudIdentity = "bob@icloud.example"
        let borrowed = try world.device(named: "borrowed iPhone", platform: .ios, cloudIdentity: otherAppleID)
        try await expectRefusal(
            "An iPhone signed in to iCloud as \(otherAppleID).", on: borrowed, cloudIdentity: otherAppleID
        ) { $0 == .cloudIdentityMismatch }

        try await showDeletedBackup()

        let restored = try required(newPhone, "the new iPhone")
        try await expectRefusal(
            "Restoring again on the new iPhone, which now has accounts.", on: restored
        ) { if case let .existingAccounts(accounts) = $0 { accounts.count == 3 } else { false } }

        try await showStaleSession()

        try require(try await cloudGeneration() == before, "the iCloud backup to be unchanged by every refusal")
        narrator.ok("The iCloud backup is still generation \(before), untouched.")
    }

    /// Restores on `device` until the SDK refuses, checks the refusal is the expected reason,
    /// shows it, and checks the device's vault did not change.
    private func expectRefusal(
        _ situation: String, on device: DemoDevice, cloudIdentity: CloudIdentity? = DemoWorld.appleID,
        matching expected: (BackupUnavailableReason) -> Bool
    ) async throws {
        narrator.step(situation)
        let vaultBefore = try await device.store.load()
        var session = world.restoreSession(on: device)
        let outcome = await restoreUntilRefused(&session, cloudIdentity: cloudIdentity)
        guard case let .unavailable(reason)? = outcome else {
            throw DemoFailure("expected the restore to be refused, but it \(outcome.map { "failed with \($0.caseName): \($0.message)" } ?? "succeeded")")
        }
        try require(expected(reason), "another reason than \(reason.caseName) for: \(situation)")
        show(reason, at: session.step)
        let vaultAfter = try await device.store.load()
        try require(vaultBefore?.revision == vaultAfter?.revision && vaultBefore?.accounts.count == vaultAfter?.accounts.count,
                    "the \(device.name)'s vault to be unchanged")
    }

    /// Start → sign in → plan; the error of the first step that fails, or `nil`.
    private func restoreUntilRefused(_ session: inout RestoreSession, cloudIdentity: CloudIdentity?) async -> RestoreError? {
        do throws(RestoreError) {
            try await session.startRecovery()
            try await session.signIn(recoveryAccount: DemoWorld.recoveryAccount, password: Story.password, cloudIdentity: cloudIdentity)
            _ = try await session.plan()
            return nil
        } catch {
            return error
        }
    }

    /// What the app shows for `reason`.
    private func show(_ reason: BackupUnavailableReason, at step: RestoreStep) {
        narrator.screen(reason.message.sentence)
        narrator.screen(reason.suggestedAction)
        let call: String
        switch step {
        case .notStarted: call = "startRecovery()"
        case .started: call = "signIn(…)"
        case .signedIn, .planned: call = "plan()"
        case .committed: call = "commit()"
        }
        narrator.detail("(\(reason.caseName), refused by \(call); the session stays at \(step.rawValue))")
    }

    /// The backup deleted from iCloud (on a copy of the cloud folder, so the story's backup
    /// stays for the cases that follow).
    private func showDeletedBackup() async throws {
        let copy = world.root.appendingPathComponent("cloud-after-deletion", isDirectory: true)
        try FileManager.default.copyItem(at: world.cloudRoot, to: copy)
        let device = try world.device(named: "iPhone after deletion", platform: .ios, cloudIdentity: DemoWorld.appleID, cloudRoot: copy)
        try await attempt("deleting the backup in iCloud settings") {
            // The settings screen deletes the generation it shows.
            let shown = try await device.cloud.readLatestBackupHeader(for: DemoWorld.appleID, maximumLength: 0).metadata.generation
            try await device.cloud.deleteBackup(generation: shown, for: DemoWorld.appleID)
        }
        try await expectRefusal(
            "Alice had deleted the backup in iCloud settings (shown on a copy of the cloud).", on: device
        ) { $0 == .backupNotFound }
    }

    /// The recovery-account session ends in the middle of a restore; signing in again resumes it.
    private func showStaleSession() async throws {
        narrator.step("The recovery-account session ends in the middle of a restore (all sessions revoked).")
        let device = try world.device(named: "spare iPhone", platform: .ios, cloudIdentity: DemoWorld.appleID)
        var session = world.restoreSession(on: device)
        try await attempt("starting recovery") { try await session.startRecovery() }
        try await attempt("signing in") {
            try await session.signIn(recoveryAccount: DemoWorld.recoveryAccount, password: Story.password, cloudIdentity: DemoWorld.appleID)
        }
        try await attempt("revoking the sessions") { try await world.recoveryAccounts.revokeSessions(userName: DemoWorld.recoveryAccount) }
        let refusal: RestoreError?
        do throws(RestoreError) {
            _ = try await session.plan()
            refusal = nil
        } catch {
            refusal = error
        }
        guard case .unavailable(.backupStale)? = refusal else {
            let outcome = refusal.map { "failed with \($0.caseName): \($0.message)" } ?? "succeeded"
            throw DemoFailure("expected planning with revoked sessions to be refused as stale, but it \(outcome)")
        }
        show(.backupStale, at: session.step)
        try await attempt("signing in again") {
            try await session.signIn(recoveryAccount: DemoWorld.recoveryAccount, password: Story.password, cloudIdentity: DemoWorld.appleID)
        }
        let plan = try await attempt("planning after signing in again") { try await session.plan() }
        narrator.detail("Alice signs in again and the restore resumes: \(plan.entries.count) accounts planned.")
        try require(try await device.vault().accounts.isEmpty, "nothing written on the spare iPhone before commit")
    }

    /// The generation of the iCloud backup, as the old iPhone sees it.
    private func cloudGeneration() async throws -> UInt64 {
        let phone = try required(oldPhone, "the old iPhone")
        let header = try await attempt("reading the iCloud backup") {
            try await phone.cloud.readLatestBackupHeader(for: DemoWorld.appleID, maximumLength: 0)
        }
        return header.metadata.generation
    }
}
