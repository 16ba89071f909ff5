/// How the HOTP value is turned into the characters a user types.
public enum CodeFormat: Sendable, Hashable {
    /// `digits` decimal digits (6…10), RFC 4226 dynamic truncation modulo 10^digits.
    case decimal(digits: Int)
    /// Steam Guard: 5 characters from `23456789BCDFGHJKMNPQRTVWXY`.
    case steam

    /// The number of characters in a code: the decimal digits, or 5 for Steam.
    public var length: Int {
        switch self {
        case let .decimal(digits): return digits
        case .steam: return Self.steamLength
        }
    }

    /// The characters for a 31-bit truncated HMAC value (RFC 4226 section 5.3).
    func render(_ value: UInt32) -> String {
        switch self {
        case let .decimal(digits): return Self.renderDecimal(value, digits: digits)
        case .steam: return Self.renderSteam(value)
        }
    }

    /// The longest code: 10 decimal digits (Steam codes have 5 characters).
    static let maximumLength = 10

    /// Writes the characters of ``render(_:)`` (ASCII) to the start of `buffer`, which holds
    /// at least ``length`` bytes, and returns ``length``: the same code without a `String`,
    /// for checking codes with no heap allocation.
    @inline(__always)
    func write(_ value: UInt32, into buffer: UnsafeMutableRawBufferPointer) -> Int {
        switch self {
        case let .decimal(digits):
            Self.writeDecimal(Self.reduce(value, toDigits: digits), digits: digits, into: buffer)
            return digits
        case .steam:
            Self.writeSteam(value, into: buffer)
            return Self.steamLength
        }
    }

    /// `value` modulo 10^digits, with leading zeros to `digits` characters.
    ///
    /// On every code's path, so written for speed: constant divisors (which the compiler
    /// turns into multiplications) and the digits built in a register-held local.
    private static func renderDecimal(_ value: UInt32, digits: Int) -> String {
        let code = reduce(value, toDigits: digits)
        return String(unsafeUninitializedCapacity: digits) { buffer in
            writeDecimal(code, digits: digits, into: UnsafeMutableRawBufferPointer(buffer))
            return digits
        }
    }

    /// `code`'s last `digits` decimal digits, with leading zeros, at the start of `buffer`.
    @inline(__always)
    private static func writeDecimal(_ code: UInt32, digits: Int, into buffer: UnsafeMutableRawBufferPointer) {
        var remaining = code
        var index = digits
        while index > 0 {
            index -= 1
            buffer[index] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: remaining % 10)
            remaining /= 10
        }
    }

    /// `value` modulo 10^`digits`. Ten digits cover every 31-bit value, so nothing is reduced
    /// beyond 10^9.
    @inline(__always)
    private static func reduce(_ value: UInt32, toDigits digits: Int) -> UInt32 {
        switch digits {
        case 6: return value % 1_000_000
        case 7: return value % 10_000_000
        case 8: return value % 100_000_000
        case 9: return value % 1_000_000_000
        case ..<6:
            // Not reachable through `Generator`, which accepts 6…10 digits.
            var power: UInt32 = 1
            for _ in 0..<Swift.max(0, digits) { power &*= 10 }
            return value % power
        default: return value
        }
    }
}
