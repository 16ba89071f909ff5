import AccountModel
import SodiumBridge

/// Every way the `BackupFormat` module refuses to seal or open a backup.
///
/// Messages say what was wrong in plain words and never contain a key, password, recovery
/// code, OTP secret or any other byte of the payload.
public enum BackupFormatError: ReportableError, Equatable, Hashable {
    // MARK: Reading a file
    /// The bytes do not start with the backup magic: this is some other kind of file.
    case notABackup
    /// The file needs a reader of at least `minimumReader` (this library reads version
    /// ``BackupHeader/currentFormatVersion``). Update the app to open it.
    case unsupportedVersion(minimumReader: UInt16)
    /// The file is truncated, corrupted or tampered with: its checksum, its structure or its
    /// authentication failed. Nothing from it is returned.
    case damaged
    /// A size, count or length is over the format's limit (see ``BackupLimits``). `field`
    /// names it (`file`, `accounts`, `issuer`, `key slots`…); `limit` is the largest value
    /// allowed, in bytes for lengths and in items for counts.
    case tooLarge(field: String, limit: Int)
    /// A password slot's Argon2id parameters are below the floor (a downgrade) or above the
    /// ceiling (a denial of service) of `PasswordHashingCost` (SodiumBridge); refused before any key
    /// derivation runs.
    case parametersOutOfBounds(operations: UInt32, memoryKiB: UInt32)
    /// Argon2id could not run with in-bounds parameters (usually: not enough memory).
    case keyDerivationFailed
    /// The payload holds two accounts with the same identifier. The format requires unique
    /// identifiers: a reader refuses such a file (it authenticated, so it was written by a
    /// faulty writer, not damaged in transit), and the sealer refuses such a payload.
    case duplicateAccountIdentifier

    // MARK: Keys
    /// The file has no key slot of the kind offered (e.g. a password for a file sealed
    /// only for the recovery account).
    case noMatchingKeySlot
    /// The escrow key does not open the recovery-account slot.
    case wrongEscrowKey
    /// The password does not open the password slot.
    case wrongPassword
    /// The recovery code does not open the recovery-code slot.
    case wrongRecoveryCode
    /// The text is not a recovery code: wrong length, a character outside the alphabet, or
    /// a failed checksum (a typo). Reported before any file is read.
    case invalidRecoveryCode
    /// An escrow key must be exactly 32 bytes; this one has `length`.
    case invalidEscrowKey(length: Int)

    // MARK: Sealing
    /// A backup needs at least one key slot.
    case noKeySlots
    /// Two key slots of the same kind; a version 1 file holds at most one of each.
    case duplicateKeySlot
    /// A password slot needs a non-empty password.
    case emptyPassword

    /// What went wrong, without secret material.
    public var message: String {
        switch self {
        case .notABackup:
            return "the file is not an AuthenticatorKit backup"
        case let .unsupportedVersion(minimumReader):
            return "the backup needs a reader of format version \(minimumReader) or later; "
                + "this app reads version \(BackupHeader.currentFormatVersion)"
        case .damaged:
            return "the backup is damaged or has been tampered with"
        case let .tooLarge(field, limit):
            return "the backup's \(field) exceeds the format's limit of \(limit)"
        case let .parametersOutOfBounds(operations, memoryKiB):
            return "the password's Argon2id parameters (\(operations) passes, \(memoryKiB) KiB) are outside "
                + "the accepted range of \(PasswordHashingCost.minimum.operations)–\(PasswordHashingCost.maximum.operations) passes "
                + "and \(PasswordHashingCost.minimum.memoryKiB)–\(PasswordHashingCost.maximum.memoryKiB) KiB"
        case .keyDerivationFailed:
            return "the password could not be processed: Argon2id did not get the memory it needs"
        case .duplicateAccountIdentifier:
            return "the backup holds two accounts with the same identifier, which the format does not allow: "
                + "it was written by a faulty app"
        case .noMatchingKeySlot:
            return "the backup cannot be opened this way: it has no key slot of that kind"
        case .wrongEscrowKey:
            return "the recovery account's key does not open this backup"
        case .wrongPassword:
            return "the password is wrong"
        case .wrongRecoveryCode:
            return "the recovery code does not open this backup"
        case .invalidRecoveryCode:
            return "that is not a valid recovery code: check it for typos"
        case let .invalidEscrowKey(length):
            return "an escrow key must be 32 bytes, got \(length)"
        case .noKeySlots:
            return "a backup needs at least one key slot"
        case .duplicateKeySlot:
            return "a backup holds at most one key slot of each kind"
        case .emptyPassword:
            return "the password is empty"
        }
    }
}

extension BackupFormatError {
    /// The case name scripts match, e.g. `notABackup`: a constant that stays the same whatever
    /// the compiler keeps of the type's metadata.
    public var caseName: String {
        switch self {
        case .notABackup: return "notABackup"
        case .unsupportedVersion: return "unsupportedVersion"
        case .damaged: return "damaged"
        case .tooLarge: return "tooLarge"
        case .parametersOutOfBounds: return "parametersOutOfBounds"
        case .keyDerivationFailed: return "keyDerivationFailed"
        case .duplicateAccountIdentifier: return "duplicateAccountIdentifier"
        case .noMatchingKeySlot: return "noMatchingKeySlot"
        case .wrongEscrowKey: return "wrongEscrowKey"
        case .wrongPassword: return "wrongPassword"
        case .wrongRecoveryCode: return "wrongRecoveryCode"
        case .invalidRecoveryCode: return "invalidRecoveryCode"
        case .invalidEscrowKey: return "invalidEscrowKey"
        case .noKeySlots: return "noKeySlots"
        case .duplicateKeySlot: return "duplicateKeySlot"
        case .emptyPassword: return "emptyPassword"
        }
    }
}
