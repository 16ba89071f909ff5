import Logging

extension Logger {
    /// A logger that drops every record: what a coordinator given no logger uses. It never
    /// touches the global `LoggingSystem`.
    static func silent(label: String) -> Logger {
        Logger(label: label, factory: { _ in SwiftLogNoOpLogHandler() })
    }
}

extension BackupFailure {
    /// The level a failed attempt is logged at: `warning` for what the user or the network
    /// will likely clear (no connection, cloud sign-in, the vault's contents), `error` for
    /// the rest.
    var logLevel: Logger.Level {
        switch self {
        case .networkUnavailable, .notSignedIn, .cloudIdentityMismatch, .emptyVault:
            return .warning
        case .generationConflict, .verificationFailed, .backupMissing, .backupRolledBack, .sealingFailed, .cloudFailure, .serviceFailure, .storeFailure:
            return .error
        }
    }

    /// The failure's case name and, for a conflict, both generations; never a secret.
    var logMetadata: Logger.Metadata {
        var metadata: Logger.Metadata = ["failure": "\(recordedName)"]
        if case let .generationConflict(local, cloud) = self {
            metadata["localGeneration"] = "\(local.map(String.init) ?? "none")"
            metadata["cloudGeneration"] = "\(cloud.map(String.init) ?? "none")"
        }
        if case let .backupMissing(generation) = self { metadata["lastSeenGeneration"] = "\(generation)" }
        if case let .backupRolledBack(found, recorded) = self {
            metadata["cloudGeneration"] = "\(found)"
            metadata["recordedGeneration"] = "\(recorded)"
        }
        return metadata
    }
}
