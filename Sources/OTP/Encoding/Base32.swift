import SodiumBridge

/// Base32 as RFC 4648 section 6 defines it, the encoding of OTP secrets in QR codes and in
/// the keys people type.
///
/// Decoding accepts what people type and what QR codes carry: upper or lower case, spaces
/// and hyphens anywhere (they are skipped), and `=` padding at the end in any amount,
/// including none. Anything else is rejected with an error that names the offending
/// character and its 0-based position. Bits left over after the last whole byte are
/// ignored, as RFC 4648 section 3.5 allows.
///
/// Encoding is canonical: upper case, no padding, no separators.
///
/// ```swift
/// let secret = try Base32.decode("jbsw y3dp ehpk 3pxp")   // 10 bytes
/// Base32.encode(secret)                                   // "JBSWY3DPEHPK3PXP"
/// ```
public enum Base32 {
    /// The 32 characters of the alphabet, in value order.
    static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

    /// Decodes `text` straight into secure memory.
    ///
    /// - Throws: ``OTPError/invalidBase32Character(_:position:)`` for a character outside the
    ///   alphabet, ``OTPError/misplacedBase32Padding(position:)`` for `=` followed by more
    ///   data, ``OTPError/invalidBase32Length(_:)`` when the number of characters cannot
    ///   encode whole bytes. An empty (or all-separator) text decodes to no bytes.
    public static func decode(_ text: String) throws(OTPError) -> SecureBytes {
        let count = try validatedCharacterCount(text)
        return SecureBytes(count: count * 5 / 8) { output in
            var accumulator: UInt64 = 0
            var bits = 0
            var index = 0
            for character in text {
                guard let value = value(of: character) else { continue }
                accumulator = (accumulator << 5) | UInt64(value)
                bits += 5
                if bits >= 8 {
                    bits -= 8
                    output[index] = UInt8(truncatingIfNeeded: accumulator >> UInt64(bits))
                    index += 1
                }
            }
            accumulator = 0
        }
    }

    /// Encodes a secret canonically: upper case, no padding.
    public static func encode(_ secret: SecureBytes) -> String {
        secret.withUnsafeBytes { encode($0) }
    }

    /// Encodes bytes canonically: upper case, no padding.
    public static func encode<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var characters: [UInt8] = []
        characters.reserveCapacity((bytes.underestimatedCount * 8 + 4) / 5)
        var accumulator: UInt32 = 0
        var bits = 0
        for byte in bytes {
            accumulator = (accumulator << 8) | UInt32(byte)
            bits += 8
            while bits >= 5 {
                bits -= 5
                characters.append(alphabet[Int((accumulator >> UInt32(bits)) & 0x1f)])
            }
        }
        if bits > 0 {
            characters.append(alphabet[Int((accumulator << UInt32(5 - bits)) & 0x1f)])
        }
        return String(decoding: characters, as: UTF8.self)
    }

    /// Checks every character and returns how many carry data.
    private static func validatedCharacterCount(_ text: String) throws(OTPError) -> Int {
        var count = 0
        var firstPadding: Int?
        for (position, character) in text.enumerated() {
            if character == " " || character == "-" { continue }
            if character == "=" {
                if firstPadding == nil { firstPadding = position }
                continue
            }
            guard value(of: character) != nil else {
                throw .invalidBase32Character(character, position: position)
            }
            if let firstPadding { throw .misplacedBase32Padding(position: firstPadding) }
            count += 1
        }
        switch count % 8 {
        case 1, 3, 6: throw .invalidBase32Length(count)
        default: return count
        }
    }

    /// The 5-bit value of an alphabet character, either case; `nil` for anything else.
    private static func value(of character: Character) -> UInt8? {
        guard let ascii = character.asciiValue else { return nil }
        switch ascii {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return ascii - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return ascii - UInt8(ascii: "a")
        case UInt8(ascii: "2")...UInt8(ascii: "7"): return ascii - UInt8(ascii: "2") + 26
        default: return nil
        }
    }
}
