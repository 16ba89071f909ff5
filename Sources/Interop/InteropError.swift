import SodiumBridge
import OTP

/// Every way reading or writing another app's export fails as a whole.
///
/// A problem with a single entry is not an error: it is reported on that entry
/// (``ForeignEntry/problem``) so that the other entries can still be imported.
/// ``message`` explains the error in plain words and never contains a secret or a password;
/// ``caseName`` is the case's name for scripts (the `authenticator` app prints
/// `error: <caseName>: <message>`).
public enum InteropError: ReportableError, Equatable, Hashable {
    /// The content matches none of the formats read (with ``ImportFormat/auto``), or not the
    /// format that was named.
    case unrecognizedFormat
    /// The export is encrypted and no password was given.
    case passwordRequired
    /// The password does not open the export (or the part that checks it was altered).
    case wrongPassword
    /// A format version this reader does not know, e.g. an Aegis database version 4.
    case unsupportedVersion(format: ImportFormat, version: String)
    /// The export is encrypted in a way this reader cannot open, e.g. an Aegis vault with only
    /// a biometric slot, or Bitwarden's account-key-encrypted export.
    case unsupportedEncryption(format: ImportFormat, reason: String)
    /// The file is not well-formed: truncated, altered, or missing a required part.
    case damaged(reason: String)
    /// A key-derivation cost or another size read from the file is outside what is accepted,
    /// refused before any work is done.
    case parametersOutOfBounds(parameter: String, value: String, allowed: String)
    /// The input is larger than ``InteropLimits/maximumInputBytes``.
    case inputTooLarge(bytes: Int, limit: Int)
    /// More entries than ``InteropLimits/maximumEntries``.
    case tooManyEntries(count: Int, limit: Int)
    /// An entry the target format cannot express (the writer never silently changes a token).
    case unrepresentable(position: Int, reason: String)
    /// A password was given to write a format that is never encrypted.
    case passwordNotApplicable(format: ExportFormat)

    /// The case's name, e.g. `wrongPassword`, stable across releases.
    public var caseName: String {
        switch self {
        case .unrecognizedFormat: return "unrecognizedFormat"
        case .passwordRequired: return "passwordRequired"
        case .wrongPassword: return "wrongPassword"
        case .unsupportedVersion: return "unsupportedVersion"
        case .unsupportedEncryption: return "unsupportedEncryption"
        case .damaged: return "damaged"
        case .parametersOutOfBounds: return "parametersOutOfBounds"
        case .inputTooLarge: return "inputTooLarge"
        case .tooManyEntries: return "tooManyEntries"
        case .unrepresentable: return "unrepresentable"
        case .passwordNotApplicable: return "passwordNotApplicable"
        }
    }

    /// What went wrong, in plain words, without secrets.
    public var message: String {
        switch self {
        case .unrecognizedFormat:
            return "the file is not in a format this app can import"
        case .passwordRequired:
            return "the export is encrypted: a password is needed"
        case .wrongPassword:
            return "the password is wrong (or the file was altered)"
        case let .unsupportedVersion(format, version):
            return "\(format.rawValue) version \(version) is not supported"
        case let .unsupportedEncryption(format, reason):
            return "this \(format.rawValue) export's encryption cannot be opened here: \(reason)"
        case let .damaged(reason):
            return "the file is damaged: \(reason)"
        case let .parametersOutOfBounds(parameter, value, allowed):
            return "\(parameter) is \(value), outside the accepted \(allowed)"
        case let .inputTooLarge(bytes, limit):
            return "the file has \(bytes) bytes; at most \(limit) are accepted"
        case let .tooManyEntries(count, limit):
            return "the file has \(count) entries; at most \(limit) are accepted"
        case let .unrepresentable(position, reason):
            return "entry \(position) cannot be written in this format: \(reason)"
        case let .passwordNotApplicable(format):
            return "the \(format.rawValue) format is never encrypted: give no password"
        }
    }
}

