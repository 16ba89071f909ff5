import Foundation

// Refusing a rolled-back backup: the recovery-account service's record decides, not the cloud.
extension RestoreSession {
    /// Throws `BackupUnavailableReason/backupRolledBack(found:recorded:)` when the cloud's
    /// backup (`generation`, `bytes`) at `identity` is older than the last verified backup the
    /// recovery-account service records there, or is of the recorded generation with other
    /// bytes. A newer generation than the record restores: the device that uploaded it may
    /// have stopped before recording it.
    mutating func refuseRollback(
        to generation: UInt64, bytes: [UInt8], identity: CloudIdentity, session: RecoverySession
    ) async throws(RestoreError) {
        let location = BackupLocation(kind: cloud.locationKind, cloudIdentity: identity)
        let recorded: BackupFingerprint?
        do {
            recorded = try await recoveryAccounts.verifiedBackup(at: location, for: session)
        } catch {
            throw markingStale(Self.restoreError(for: error))
        }
        guard let recorded else { return }
        if generation < recorded.generation
            || (generation == recorded.generation && !recorded.matches(backupBytes: bytes)) {
            throw .unavailable(.backupRolledBack(found: generation, recorded: recorded.generation))
        }
    }
}
