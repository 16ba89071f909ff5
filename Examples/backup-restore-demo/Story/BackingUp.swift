import AuthenticatorKit
import Foundation

extension Story {
    /// Chapter: the old iPhone turns backup on (recovery-account sign-in and Apple ID) and
    /// uploads an encrypted backup to iCloud.
    func backUpTheOldIPhone() async throws {
        narrator.chapter("The old iPhone backs up to iCloud")
        let phone = try required(oldPhone, "the old iPhone")
        let backup = BackupCoordinator(
            store: phone.store, cloud: phone.cloud, recoveryAccounts: world.recoveryAccounts,
            appVersion: "backup-restore-demo 1.0"
        )
        narrator.step("Alice turns backup on: she signs in to her recovery account \"\(DemoWorld.userName)\"; "
            + "the phone is signed in to iCloud as \(DemoWorld.appleID).")
        let enabled = try await attempt("turning backup on") {
            try await backup.enableBackup(
                recoveryAccount: DemoWorld.recoveryAccount, password: Story.password, cloudIdentity: DemoWorld.appleID
            )
        }
        narrator.detail("Backup status: \(describe(enabled))")
        narrator.step("After each change the app calls backUpNow().")
        let status = await backup.backUpNow()
        narrator.detail("Backup status: \(describe(status))")
        guard case let .upToDate(generation, _) = status else {
            throw DemoFailure("expected the backup to be up to date, but it is \(describe(status))")
        }
        try require(!status.needsAttention, "no red dot on an up-to-date backup")
        narrator.ok("Generation \(generation) is in iCloud, sealed with a key only the recovery account releases.")
        narrator.detail("iCloud holds the encrypted backup, never the key; the recovery-account service")
        narrator.detail("holds the key, never the backup. The phones' own credentials are never in it.")
    }

    /// A status as the app's settings screen would put it.
    func describe(_ status: BackupStatus) -> String {
        let dot = status.needsAttention ? " (red dot)" : ""
        switch status {
        case .off: return "off\(dot)"
        case .pending: return "a change is waiting to be uploaded\(dot)"
        case .needsSignIn: return "sign in to your recovery account to keep backing up\(dot)"
        case let .upToDate(generation, date):
            return "up to date, generation \(generation), uploaded \(ISO8601DateFormatter().string(from: date))\(dot)"
        case let .failed(failure): return "failed: \(failure.message)\(dot)"
        }
    }
}
