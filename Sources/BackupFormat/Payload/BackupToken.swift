import AccountModel
import OTP
import SodiumBridge

/// A third-party account's OTP secret and parameters, as a backup carries them.
///
/// The secret stays in secure memory. A token read from a backup shares the decrypted
/// payload's single secure buffer instead of allocating one per account (opening 10,000
/// accounts makes one guarded allocation, not 10,000); ``secret`` and ``makeGenerator()``
/// copy it into secure memory of its own. Printing or dumping a token never shows the secret.
public struct BackupToken: Sendable {
    /// The HMAC hash.
    public let algorithm: Algorithm
    /// Decimal digits or Steam characters.
    public let format: CodeFormat
    /// Counter (HOTP) or timer (TOTP) and its parameters.
    public let factor: Factor
    /// Secure memory holding the secret at `range`.
    private let storage: SecureBytes
    private let range: Range<Int>

    /// The secret and parameters of `generator` (sharing its secure memory).
    public init(_ generator: Generator) {
        self.algorithm = generator.algorithm
        self.format = generator.format
        self.factor = generator.factor
        self.storage = generator.secret
        self.range = 0..<generator.secret.count
    }

    /// Internal: the token a record holds (its secret a range of the decoder's shared buffer).
    init(_ record: TokenRecord) {
        self.storage = record.storage
        self.range = record.range
        self.algorithm = record.algorithm
        self.format = record.format
        self.factor = record.factor
    }

    /// Internal: the token as the record encoding holds it.
    var record: TokenRecord {
        TokenRecord(algorithm: algorithm, format: format, factor: factor, storage: storage, range: range)
    }

    /// The secret's length in bytes.
    public var secretLength: Int { range.count }

    /// The secret, copied into secure memory of its own.
    public var secret: SecureBytes {
        withUnsafeSecretBytes { bytes in
            SecureBytes(count: bytes.count) { destination in
                destination.copyMemory(from: bytes)
            }
        }
    }

    /// Calls `body` with read access to the secret. The buffer is valid only during the call.
    public func withUnsafeSecretBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try storage.withUnsafeBytes { all in
            try body(UnsafeRawBufferPointer(rebasing: all[range]))
        }
    }

    /// A generator with this secret (in its own secure memory) and these parameters.
    ///
    /// Tokens read from a backup already satisfy the format's rules (6–10 decimal digits or
    /// Steam, a period of at least one second, a 1–128-byte secret), which are the rules
    /// `Generator` checks; this throws only if `OTP` ever becomes stricter than the format.
    public func makeGenerator() throws(OTPError) -> Generator {
        try Generator(factor: factor, secret: secret, algorithm: algorithm, format: format)
    }
}

extension BackupToken: Equatable {
    /// Same parameters and same secret (the secrets are compared in constant time).
    public static func == (lhs: BackupToken, rhs: BackupToken) -> Bool {
        guard lhs.algorithm == rhs.algorithm, lhs.format == rhs.format, lhs.factor == rhs.factor else { return false }
        return lhs.withUnsafeSecretBytes { a in rhs.withUnsafeSecretBytes { b in ConstantTime.equals(a, b) } }
    }
}

extension BackupToken: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The parameters only, never the secret.
    public var description: String {
        "BackupToken(\(algorithm.rawValue), \(format), \(factor), secret: \(secretLength) bytes, redacted)"
    }
    /// Same as ``description``.
    public var debugDescription: String { description }
    /// The parameters only, so `dump` shows nothing of the secret.
    public var customMirror: Mirror {
        Mirror(self, children: ["algorithm": algorithm, "format": format, "factor": factor, "secretLength": secretLength])
    }
}
