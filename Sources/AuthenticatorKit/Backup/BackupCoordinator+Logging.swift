import Logging

// What the coordinator logs: outcomes only, never a secret or a user name.
extension BackupCoordinator {
    /// Logs a refused command: `warning` when the user can fix it, else the failure's level.
    func log(refused operation: String, _ error: BackupError, credential: RecoveryCredential) {
        var metadata: Logger.Metadata = [
            "error": "\(error.caseName)", "credential": "\(credential.kind.rawValue)",
        ]
        let level: Logger.Level
        if let failure = error.failure {
            metadata.merge(failure.logMetadata) { current, _ in current }
            level = failure.logLevel
        } else {
            level = .warning
        }
        logger.log(level: level, "\(operation) was refused", metadata: metadata)
    }

    /// Logs a failed backup attempt.
    func log(failed failure: BackupFailure) {
        logger.log(level: failure.logLevel, "backup attempt failed", metadata: failure.logMetadata)
    }
}
