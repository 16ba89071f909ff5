internal import CSodium

/// Lower-case hexadecimal text (RFC 4648 section 8, "base16") for identifiers, record fields
/// and key material, through libsodium's `sodium_bin2hex` and `sodium_hex2bin`, which take
/// the same time whatever the bytes are.
package enum Hex {
    /// `bytes` as lower-case hex digits, two per byte.
    package static func encode(_ bytes: [UInt8]) -> String {
        guard !bytes.isEmpty else { return "" }
        var text = [CChar](repeating: 0, count: bytes.count * 2 + 1)  // + the C string's NUL
        _ = sodium_bin2hex(&text, text.count, bytes, bytes.count)
        return String(decoding: text.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The bytes spelt by `text` (hex digits of either case, two per byte, nothing else), or
    /// `nil` when it is anything else.
    package static func decode(_ text: String) -> [UInt8]? {
        let digits = text.utf8.map { CChar(bitPattern: $0) }
        guard digits.count % 2 == 0 else { return nil }
        guard !digits.isEmpty else { return [] }
        var bytes = [UInt8](repeating: 0, count: digits.count / 2)
        var written = 0
        // With no `hex_end` pointer, libsodium fails unless it parsed the whole text.
        let status = sodium_hex2bin(&bytes, bytes.count, digits, digits.count, nil, &written, nil)
        guard status == 0, written == bytes.count else { return nil }
        return bytes
    }
}
