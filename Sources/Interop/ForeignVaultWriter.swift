import SodiumBridge
import OTP

/// One account to write for another app.
public struct ExportEntry: Sendable {
    /// The token.
    public var token: Token
    /// A note, written where the format has a place for one (Aegis); otherwise ignored.
    public var note: String

    /// An entry.
    public init(_ token: Token, note: String = "") {
        self.token = token
        self.note = note
    }
}

/// scrypt costs for the Aegis password slot.
public struct ScryptCost: Sendable, Hashable {
    /// `N`, a power of two.
    public let n: Int
    /// `r`, the block size.
    public let r: Int
    /// `p`, the parallelism.
    public let p: Int

    /// Aegis's own cost, N = 2¹⁵, r = 8, p = 1 (`docs/vault.md`): what real exports use.
    public static let aegis = ScryptCost(unchecked: 1 << 15, r: 8, p: 1)

    /// The cheapest cost the reader accepts, N = 2, r = 1, p = 1: **for tests only** (a vault
    /// written with it protects its secrets hardly at all).
    public static let testingOnly = ScryptCost(unchecked: 2, r: 1, p: 1)

    /// A cost that ``ForeignVaultReader`` accepts with the default limits, or `nil`.
    public init?(n: Int, r: Int, p: Int) {
        do {
            try InteropCrypto.checkScrypt(n: Int64(n), r: Int64(r), p: Int64(p), limits: .default)
        } catch {
            return nil
        }
        self.init(unchecked: n, r: r, p: p)
    }

    private init(unchecked n: Int, r: Int, p: Int) {
        self.n = n
        self.r = r
        self.p = p
    }
}

/// Writes tokens in formats other apps import.
///
/// ```swift
/// let file = try ForeignVaultWriter.write(entries, format: .aegis, password: password)
/// ```
public enum ForeignVaultWriter {
    /// The bytes of an export of `entries` in `format`.
    ///
    /// - ``ExportFormat/aegis``: a vault Aegis imports (content version 3), encrypted with one
    ///   password slot (scrypt at `scryptCost`, AES-256-GCM) when `password` is given, plain
    ///   when it is `nil`.
    /// - ``ExportFormat/otpauth``: one canonical `otpauth://` URI per line (`Token.uri`).
    /// - ``ExportFormat/google``: `otpauth-migration://offline?data=…` lines of ten accounts
    ///   each, with one random batch ID.
    ///
    /// The text formats end every line with a line feed. They are never encrypted: `password`
    /// must be `nil`.
    ///
    /// - Throws: ``InteropError/unrepresentable(position:reason:)`` for a token the format
    ///   cannot express (nothing is silently changed), ``InteropError/passwordNotApplicable(format:)``
    ///   for a password given to a text format, ``InteropError/tooManyEntries(count:limit:)``.
    public static func write(
        _ entries: [ExportEntry], format: ExportFormat, password: SecureBytes?,
        scryptCost: ScryptCost = .aegis, random: some RandomSource = SystemRandom()
    ) throws(InteropError) -> [UInt8] {
        let limit = InteropLimits.default.maximumEntries
        guard entries.count <= limit else { throw .tooManyEntries(count: entries.count, limit: limit) }
        switch format {
        case .aegis:
            return try AegisFormat.write(entries, password: password, cost: scryptCost, random: random)
        case .otpauth:
            guard password == nil else { throw .passwordNotApplicable(format: format) }
            return Array(entries.map { $0.token.uri + "\n" }.joined().utf8)
        case .google:
            guard password == nil else { throw .passwordNotApplicable(format: format) }
            return try GoogleMigration.write(entries.map(\.token), random: random)
        }
    }

    /// ``write(_:format:password:scryptCost:random:)`` for plain tokens.
    public static func write(
        _ tokens: [Token], format: ExportFormat, password: SecureBytes?,
        scryptCost: ScryptCost = .aegis, random: some RandomSource = SystemRandom()
    ) throws(InteropError) -> [UInt8] {
        try write(tokens.map { ExportEntry($0) }, format: format, password: password, scryptCost: scryptCost, random: random)
    }
}
