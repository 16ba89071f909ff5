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

    /// `value` modulo 10^digits, with leading zeros to `digits` characters.
    private static func renderDecimal(_ value: UInt32, digits: Int) -> String {
        // 10 digits cover every 31-bit value, so no modulus is needed beyond 10^9.
        var remaining = digits < 10 ? value % powersOfTen[digits] : value
        return String(unsafeUninitializedCapacity: digits) { buffer in
            for index in stride(from: digits - 1, through: 0, by: -1) {
                buffer[index] = UInt8(ascii: "0") + UInt8(remaining % 10)
                remaining /= 10
            }
            return digits
        }
    }

    /// 10^0 … 10^9.
    private static let powersOfTen: [UInt32] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000]
}
