import Foundation

// The recovery-account service's record of verified backups, which only moves forward.
extension BackupCoordinator {
    /// The generation the service records at `location`, or the status to return when the
    /// service cannot say (a session it no longer accepts, or another failure).
    func recordedGeneration(
        at location: BackupLocation, for session: RecoverySession
    ) async -> Result<UInt64?, RecordRefusal> {
        do {
            return .success(try await recoveryAccounts.verifiedBackup(at: location, for: session)?.generation)
        } catch {
            switch error {
            case .sessionExpired, .sessionRevoked: return .failure(RecordRefusal(status: await recordSessionEnded()))
            default: return .failure(RecordRefusal(status: await recordFailure(Self.failure(for: error))))
            }
        }
    }

    /// Records the verified upload `sealed` of `generation` with the service. Returns the
    /// status to report when the service refuses it (its record is ahead: the cloud served
    /// an older backup and this device wrote over it); `nil` when recorded, or when the
    /// service could not be asked — a restore accepts a newer, unrecorded generation, and the
    /// next verified upload records its own.
    func recordVerified(
        _ sealed: [UInt8], generation: UInt64, at location: BackupLocation, for session: RecoverySession
    ) async -> BackupStatus? {
        do {
            try await recoveryAccounts.recordVerifiedBackup(
                BackupFingerprint(generation: generation, backupBytes: sealed), at: location, for: session)
            return nil
        } catch {
            guard case .backupRecordRegressed = error else { return nil }
            return await recordFailure(Self.failure(for: error))
        }
    }

    /// A status to return instead of going on.
    struct RecordRefusal: Error {
        var status: BackupStatus
    }
}
