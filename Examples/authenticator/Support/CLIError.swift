import AuthenticatorKit

/// Failures of the app itself (not of the SDK), reported like SDK errors.
enum CLIError: ReportableError, Equatable {
    /// `--secret-file` names a file that cannot be read.
    case unreadableSecretFile(path: String, reason: String)

    /// What was wrong, in plain words.
    var message: String {
        switch self {
        case let .unreadableSecretFile(path, reason):
            return "cannot read the secret file '\(path)': \(reason)"
        }
    }

    /// The exit status for this failure.
    var exitStatus: Int32 {
        switch self {
        case .unreadableSecretFile: return ExitStatus.noInput
        }
    }
}
