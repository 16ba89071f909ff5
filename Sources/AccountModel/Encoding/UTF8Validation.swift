/// Strict UTF-8 validation for the record encoding's texts: the well-formed byte sequences
/// of the Unicode Standard (table 3-7), so overlong forms, surrogates (`ED A0…BF`), code
/// points above U+10FFFF, stray continuation bytes and truncated sequences are all refused.
///
/// Texts in a vault are nearly always ASCII, so the check runs eight bytes at a time while
/// no byte has its high bit set, and one sequence at a time from the first byte that has.
/// The standard library's `String(validating:as:)` answers the same question (the tests
/// compare the two), but through generic code several times slower.
package enum UTF8Validation {
    /// Whether `bytes` is well-formed UTF-8 (an empty buffer is).
    package static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let count = bytes.count
        var index = 0
        // ASCII, a word at a time.
        while index + 8 <= count {
            let word = bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            if word & 0x8080_8080_8080_8080 != 0 { break }
            index += 8
        }
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            // The allowed range of the second byte depends on the lead byte (table 3-7);
            // every other continuation byte is 80…BF.
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return false  // 80…C1 (continuation or overlong lead) and F5…FF
            }
            guard count - index >= length else { return false }
            let second = bytes[index + 1]
            guard second >= low, second <= high else { return false }
            var next = index + 2
            while next < index + length {
                guard bytes[next] & 0xC0 == 0x80 else { return false }
                next += 1
            }
            index += length
        }
        return true
    }
}
