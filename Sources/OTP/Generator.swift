import Foundation

/// What makes a one-time password change: an event counter (HOTP, RFC 4226) or time
/// (TOTP, RFC 6238).
public enum Factor: Sendable, Hashable {
    /// HOTP: the code for this counter value.
    case counter(UInt64)
    /// TOTP: the counter is ⌊(unix time − `t0`) / `period`⌋.
    case timer(period: Int64, t0: Int64 = 0)
}

/// How the HOTP value is turned into the characters a user types.
public enum CodeFormat: Sendable, Hashable {
    /// `digits` decimal digits (6…10), RFC 4226 dynamic truncation modulo 10^digits.
    case decimal(digits: Int)
    /// Steam Guard: 5 characters from `23456789BCDFGHJKMNPQRTVWXY`.
    case steam
}

/// Everything needed to compute codes: the secret and the parameters. Validated in `init`.
public struct Generator: Sendable {
    /// Counter or timer.
    public let factor: Factor
    /// The shared secret, in secure memory.
    public let secret: SecureBytes
    /// The HMAC hash.
    public let algorithm: Algorithm
    /// Decimal digits or Steam characters.
    public let format: CodeFormat

    /// A generator; throws when a parameter is out of range.
    public init(factor: Factor, secret: SecureBytes, algorithm: Algorithm = .sha1, format: CodeFormat = .decimal(digits: 6)) throws(OTPError) {
        guard !secret.isEmpty else { throw .emptySecret }
        if case let .decimal(digits) = format, !(6...10).contains(digits) { throw .digitsOutOfRange(digits) }
        if case let .timer(period, _) = factor, period < 1 { throw .invalidPeriod(period) }
        self.factor = factor
        self.secret = secret
        self.algorithm = algorithm
        self.format = format
    }

    /// A Steam Guard generator: SHA-1, 30-second period, 5 characters.
    public static func steam(secret: SecureBytes) throws(OTPError) -> Generator {
        try Generator(factor: .timer(period: 30, t0: 0), secret: secret, algorithm: .sha1, format: .steam)
    }

    /// The number of characters in a code (the decimal digits, or 5 for Steam).
    public var digits: Int {
        switch format {
        case let .decimal(digits): return digits
        case .steam: return 5
        }
    }
}

extension Generator {
    /// The code for an explicit counter value (HOTP; for TOTP, the time step).
    public func code(forCounter counter: UInt64) -> String {
        CodeFormatter.format(KeyedHMAC(secret: secret, algorithm: algorithm).truncatedValue(counter: counter), as: format)
    }
}

/// Turns a truncated HMAC value into the characters a user types.
enum CodeFormatter {
    /// The Steam Guard alphabet.
    static let steamAlphabet = Array("23456789BCDFGHJKMNPQRTVWXY")

    static func format(_ value: UInt32, as format: CodeFormat) -> String {
        switch format {
        case let .decimal(digits):
            var modulus: UInt64 = 1
            for _ in 0..<digits { modulus *= 10 }
            let number = UInt64(value) % modulus
            let text = String(number)
            return String(repeating: "0", count: digits - text.count) + text
        case .steam:
            var remaining = value
            var characters: [Character] = []
            for _ in 0..<5 {
                characters.append(steamAlphabet[Int(remaining % UInt32(steamAlphabet.count))])
                remaining /= UInt32(steamAlphabet.count)
            }
            return String(characters)
        }
    }
}
