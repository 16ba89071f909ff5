import BackupServices
import Foundation

extension LocalRecoveryAccountService {
    /// The most backup locations whose records an account keeps; recording one more forgets
    /// the location recorded least recently.
    public static let maximumRecordedBackupLocations = 16

    /// Records `record` for `location` in the account's file, refusing one that would move
    /// the location's record backwards.
    ///
    /// - Throws: `RecoveryAccountError/backupRecordRegressed(recorded:)` for a lower generation
    ///   than recorded, or the recorded generation with another digest; the session errors.
    public func recordVerifiedBackup(
        _ record: BackupFingerprint, at location: BackupLocation, for session: RecoverySession
    ) async throws(RecoveryAccountError) {
        try requireReachable()
        try await updateAccount(of: session) { (account: inout AccountRecord) throws(RecoveryAccountError) in
            _ = try validate(session, in: account)
            var entries = account.verifiedBackups ?? []
            if let index = entries.firstIndex(where: { $0.location == location }) {
                let recorded = entries[index].record
                guard record.generation > recorded.generation
                    || (record.generation == recorded.generation && record == recorded)
                else { throw .backupRecordRegressed(recorded: recorded.generation) }
                entries.remove(at: index)
            }
            entries.append(VerifiedBackupEntry(location: location, record: record))
            if entries.count > Self.maximumRecordedBackupLocations {
                entries.removeFirst(entries.count - Self.maximumRecordedBackupLocations)
            }
            account.verifiedBackups = entries
        }
    }

    /// The record of `location` stored in the account's file.
    public func verifiedBackup(
        at location: BackupLocation, for session: RecoverySession
    ) async throws(RecoveryAccountError) -> BackupFingerprint? {
        try requireReachable()
        guard let file = try? accountFile(for: session.userName.rawValue), let account = try readAccount(at: file) else {
            throw .sessionRevoked
        }
        _ = try validate(session, in: account)
        return account.verifiedBackups?.last(where: { $0.location == location })?.record
    }
}
