import AuthenticatorKit

/// Failures of the app itself (not of the SDK), reported like SDK errors.
enum CLIError: ReportableError, Equatable {
    /// `--secret-file` names a file that cannot be read.
    case unreadableSecretFile(path: String, reason: String)
    /// A `-file` option's file (a secret, URI, QR payload or code) is larger than `limit` bytes.
    case secretFileTooLarge(path: String, limit: Int)
    /// An input file (a password, a recovery code, a backup) cannot be read; `what` names it.
    case unreadableFile(what: String, path: String, reason: String)
    /// A password file holds nothing (a password is never empty).
    case emptyPassword(path: String)
    /// An output file cannot be written.
    case unwritableFile(path: String, reason: String)
    /// The output file exists and `--force` was not given.
    case outputExists(path: String)
    /// `init` found a vault already there.
    case vaultAlreadyExists(home: String)
    /// `settings get KEY` for an app-defined key without a value.
    case settingNotSet(key: String)
    /// `verify ID --code` or `--contact` without a verification in progress.
    case noVerificationInProgress(id: AccountID)
    /// `verify ID --contact` named a contact the account does not offer, or several.
    case contactNotOffered(contact: String, offered: [String])

    /// What was wrong, in plain words.
    var message: String {
        switch self {
        case let .unreadableSecretFile(path, reason):
            return "cannot read the secret file '\(path)': \(reason)"
        case let .secretFileTooLarge(path, limit):
            return "the file '\(path)' is larger than \(limit) bytes: it cannot hold a secret, URI, QR payload or code"
        case let .unreadableFile(what, path, reason):
            return "cannot read the \(what) '\(path)': \(reason)"
        case let .emptyPassword(path):
            return "the password file '\(path)' is empty: a password can never be empty"
        case let .unwritableFile(path, reason):
            return "cannot write '\(path)': \(reason)"
        case let .outputExists(path):
            return "'\(path)' already exists; pass --force to replace it"
        case let .vaultAlreadyExists(home):
            return "there is already a vault in '\(home)'"
        case let .settingNotSet(key):
            return "the setting \(key) has no value"
        case let .noVerificationInProgress(id):
            return "no verification of account \(id) is in progress: start one with `authenticator verify \(id) --password-file F --contact CONTACT`"
        case let .contactNotOffered(contact, offered):
            return "\(contact) is not one contact the account offers; it offers \(offered.joined(separator: ", "))"
        }
    }

    /// The exit status for this failure.
    var exitStatus: Int32 {
        switch self {
        case .unreadableSecretFile, .unreadableFile, .secretFileTooLarge: return ExitStatus.noInput
        case .unwritableFile, .outputExists: return ExitStatus.cannotCreate
        default: return ExitStatus.dataError
        }
    }
}

extension CLIError {
    /// The case name scripts match, e.g. `unreadableSecretFile`: a constant that stays the same whatever
    /// the compiler keeps of the type's metadata.
    var caseName: String {
        switch self {
        case .unreadableSecretFile: return "unreadableSecretFile"
        case .secretFileTooLarge: return "secretFileTooLarge"
        case .unreadableFile: return "unreadableFile"
        case .emptyPassword: return "emptyPassword"
        case .unwritableFile: return "unwritableFile"
        case .outputExists: return "outputExists"
        case .vaultAlreadyExists: return "vaultAlreadyExists"
        case .settingNotSet: return "settingNotSet"
        case .noVerificationInProgress: return "noVerificationInProgress"
        case .contactNotOffered: return "contactNotOffered"
        }
    }
}
