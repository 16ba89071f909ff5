import AccountModel
import BackupServices
import Foundation
import SodiumBridge
import Testing

/// A device's vault records its last backup failure by an explicit name (never one derived by
/// reflection), and reads the same failure back.
@Suite("Recorded backup failures")
struct BackupFailureRecordTests {
    static let key = SecureBytes(copying: [UInt8](repeating: 0x17, count: 32))

    /// One failure of every case (their recorded names are pinned by `BackupFailureTests`).
    static let failures: [BackupFailure] = [
        .networkUnavailable, .notSignedIn, .cloudIdentityMismatch, .generationConflict(local: 4, cloud: 7),
        .verificationFailed, .emptyVault, .sealingFailed("too large"), .cloudFailure("quota"),
        .serviceFailure("down"), .storeFailure("disk full ✓"),
    ]

    @Test(arguments: failures)
    func everyFailureSurvivesTheVaultFile(_ failure: BackupFailure) throws {
        var state = BackupState(recoveryAccount: "alice", lastUploadedGeneration: 4)
        state.lastFailure = failure
        let vault = Vault(accounts: [], settings: Settings(platform: .android), revision: 2, backupState: state)
        let reopened = try LocalVaultFormat.open(try LocalVaultFormat.seal(vault, key: Self.key), key: Self.key)
        #expect(reopened.backupState?.lastFailure == failure)
    }

    @Test func theRetiredIncompleteBackupNameReadsAsNoFailure() {
        // Earlier versions recorded it for a third-party account without a secret, which can
        // no longer exist.
        #expect(BackupFailure(recordedName: "incompleteBackup", detail: "acct-1", local: nil, cloud: nil) == nil)
    }

    @Test func anUnknownRecordedNameReadsAsNoFailure() {
        #expect(BackupFailure(recordedName: "somethingNewer", detail: "x", local: nil, cloud: nil) == nil)
    }
}
