import AccountModel
import OTP

/// Everything read from another app's export: its format and every entry, in the order
/// the file lists them.
public struct ForeignVault: Sendable {
    /// The format the content was read as (never ``ImportFormat/auto``).
    public let format: ImportFormat
    /// Every entry, in source order, each with a token or the reason it has none.
    public let entries: [ForeignEntry]
    /// Records of the file that are not one-time-password accounts and so are not entries
    /// (Bitwarden logins without a `totp` field); counted so that nothing is skipped silently.
    public let recordsWithoutOTP: Int

    /// A vault read from a file.
    public init(format: ImportFormat, entries: [ForeignEntry], recordsWithoutOTP: Int = 0) {
        self.format = format
        self.entries = entries
        self.recordsWithoutOTP = recordsWithoutOTP
    }

    /// The tokens of the entries that have one, in source order.
    public var tokens: [Token] { entries.compactMap(\.token) }

    /// The entries that cannot be imported, in source order, for an "import failed" report.
    public var failures: [ForeignEntry] { entries.filter { $0.token == nil } }
}

/// One account of another app's export.
public struct ForeignEntry: Sendable {
    /// The entry's 1-based position among the file's records (its entry, line, row or item),
    /// so that a user can find it. Records that are not accounts (see
    /// ``ForeignVault/recordsWithoutOTP``) keep their numbers, so positions may skip.
    public let position: Int
    /// The service as the file names it, byte for byte (no Unicode normalisation).
    public let issuer: String
    /// The account name as the file names it, byte for byte.
    public let account: String
    /// The token, or why there is none.
    public let outcome: Outcome
    /// What the entry carried that AuthenticatorKit has no place for and will not import
    /// (`icon`, `group`, `note`, `favorite`, …), sorted, for the "dropped" report.
    public let droppedFields: [String]

    /// A token, or the reason an entry cannot become one.
    public enum Outcome: Sendable {
        /// A valid token, with ``ForeignEntry/issuer`` and ``ForeignEntry/account``.
        case token(Token)
        /// The entry cannot be represented.
        case unsupported(EntryProblem)
    }

    /// An entry.
    public init(position: Int, issuer: String, account: String, outcome: Outcome, droppedFields: [String] = []) {
        self.position = position
        self.issuer = issuer
        self.account = account
        self.outcome = outcome
        self.droppedFields = Array(Set(droppedFields)).sorted()
    }

    /// The token, when the entry has one.
    public var token: Token? {
        if case let .token(token) = outcome { return token }
        return nil
    }

    /// Why the entry has no token, when it has none.
    public var problem: EntryProblem? {
        if case let .unsupported(problem) = outcome { return problem }
        return nil
    }
}

/// Why one entry of an export cannot become a token.
public enum EntryProblem: Sendable, Hashable {
    /// A kind of one-time password AuthenticatorKit does not make (mOTP, Yandex, …).
    case unsupportedType(String)
    /// A hash AuthenticatorKit does not use (MD5, SHA-224, …).
    case unsupportedAlgorithm(String)
    /// The secret is missing, empty or not in the encoding the format uses.
    case malformedSecret(String)
    /// A number of digits outside 6…10 (or not 5 for Steam).
    case invalidDigits(Int)
    /// A period under one second or beyond 64 bits.
    case invalidPeriod(String)
    /// An HOTP counter that is not a number from 0 to 2⁶⁴ − 1.
    case invalidCounter(String)
    /// A required field is missing or has the wrong JSON type.
    case invalidField(String)
    /// The `otpauth://` URI (or another URI) the entry holds does not parse.
    case invalidURI(OTPError)
    /// An account kind that has no one-time-password secret (e.g. a Microsoft work account
    /// that signs in by push notification).
    case noSecret(String)
    /// The entry exceeds a limit of the vault (`VaultLimits`: what a backup can carry), e.g.
    /// `AccountModelError/secretTooLong(limit:)` or `AccountModelError/fieldTooLong(field:limit:)`
    /// for an issuer or account name longer than 1 KiB. Reported by `AccountImport`; readers
    /// never produce it.
    case beyondVaultLimit(AccountModelError)

    /// The case's name, e.g. `unsupportedType`, for reports and scripts.
    public var caseName: String {
        switch self {
        case .unsupportedType: return "unsupportedType"
        case .unsupportedAlgorithm: return "unsupportedAlgorithm"
        case .malformedSecret: return "malformedSecret"
        case .invalidDigits: return "invalidDigits"
        case .invalidPeriod: return "invalidPeriod"
        case .invalidCounter: return "invalidCounter"
        case .invalidField: return "invalidField"
        case .invalidURI: return "invalidURI"
        case .noSecret: return "noSecret"
        case .beyondVaultLimit: return "beyondVaultLimit"
        }
    }

    /// What is wrong, in plain words, without the secret.
    public var message: String {
        switch self {
        case let .unsupportedType(type): return "the type '\(type)' is not supported"
        case let .unsupportedAlgorithm(name): return "the algorithm '\(name)' is not supported"
        case let .malformedSecret(reason): return "the secret is malformed: \(reason)"
        case let .invalidDigits(digits): return "\(digits) digits is not supported (6 to 10, or 5 for Steam)"
        case let .invalidPeriod(value): return "the period '\(value)' is not a whole number of seconds of at least 1"
        case let .invalidCounter(value): return "the counter '\(value)' is not a number from 0 to 2^64 - 1"
        case let .invalidField(name): return "the field '\(name)' is missing or malformed"
        case let .invalidURI(error): return "the URI is invalid: \(error.message)"
        case let .noSecret(kind): return "\(kind) has no one-time password secret"
        case let .beyondVaultLimit(error): return error.message
        }
    }
}

/// The bounds every read is held to, checked before the work they bound is done.
///
/// A hostile or damaged file can name any key-derivation cost or size; these limits refuse
/// what no real export uses, with ``InteropError/parametersOutOfBounds(parameter:value:allowed:)``,
/// ``InteropError/inputTooLarge(bytes:limit:)`` or ``InteropError/tooManyEntries(count:limit:)``.
public struct InteropLimits: Sendable, Hashable {
    /// Largest input, in bytes: 64 MiB by default.
    public var maximumInputBytes: Int
    /// Most entries (or lines, rows, items) in one export: 50,000 by default. JSON files are
    /// also held to 100 JSON values per allowed entry (5,000,000 by default), counted while
    /// parsing, so that a file of tiny values cannot exhaust memory.
    public var maximumEntries: Int
    /// Largest scrypt `N` (a power of two): 2²⁰ by default (Aegis writes 2¹⁵).
    public var maximumScryptN: Int
    /// Largest scrypt `r`: 32 by default (Aegis writes 8).
    public var maximumScryptR: Int
    /// Largest scrypt `p`: 16 by default (Aegis writes 1).
    public var maximumScryptP: Int
    /// Largest scrypt memory, 128·N·r·p bytes: 1 GiB by default.
    public var maximumScryptMemory: Int
    /// Most PBKDF2 iterations: 10,000,000 by default (andOTP writes 140,000–160,000; 2FAS 10,000).
    public var maximumPBKDF2Iterations: Int
    /// Most Argon2id passes: 64 by default.
    public var maximumArgon2Operations: UInt64
    /// Largest Argon2id memory: 1 GiB by default (Ente's starting cost).
    public var maximumArgon2Memory: UInt64
    /// Largest Argon2id passes × memory, in bytes: 4 GiB by default (Ente lowers memory and
    /// raises passes on small devices, keeping this product at about 1 GiB × 4).
    public var maximumArgon2Work: UInt64

    /// The defaults above.
    public static let `default` = InteropLimits(
        maximumInputBytes: 64 << 20, maximumEntries: 50_000,
        maximumScryptN: 1 << 20, maximumScryptR: 32, maximumScryptP: 16, maximumScryptMemory: 1 << 30,
        maximumPBKDF2Iterations: 10_000_000,
        maximumArgon2Operations: 64, maximumArgon2Memory: 1 << 30, maximumArgon2Work: 4 << 30)

    /// Limits; see the properties.
    public init(
        maximumInputBytes: Int, maximumEntries: Int,
        maximumScryptN: Int, maximumScryptR: Int, maximumScryptP: Int, maximumScryptMemory: Int,
        maximumPBKDF2Iterations: Int,
        maximumArgon2Operations: UInt64, maximumArgon2Memory: UInt64, maximumArgon2Work: UInt64
    ) {
        self.maximumInputBytes = maximumInputBytes
        self.maximumEntries = maximumEntries
        self.maximumScryptN = maximumScryptN
        self.maximumScryptR = maximumScryptR
        self.maximumScryptP = maximumScryptP
        self.maximumScryptMemory = maximumScryptMemory
        self.maximumPBKDF2Iterations = maximumPBKDF2Iterations
        self.maximumArgon2Operations = maximumArgon2Operations
        self.maximumArgon2Memory = maximumArgon2Memory
        self.maximumArgon2Work = maximumArgon2Work
    }
}
