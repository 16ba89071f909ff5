/// Turns an identity or user name into a single, harmless file or folder name.
///
/// Names that try to leave their folder (`.`, `..`, anything containing `/` or `\`), names
/// with control characters, empty names and names too long for a file system are rejected.
/// Everything else is encoded injectively: lower-case ASCII letters, digits and `-_@+` stay
/// as they are, `.` stays except at the start, and every other UTF-8 byte — upper-case letters
/// included, so that case-insensitive file systems keep `Alice` and `alice` apart — becomes
/// `%XX`. `alice@example.com` stays readable as a folder name.
enum SafeFileName {
    /// Why a name was refused, in words for an error message.
    struct Rejection: Error {
        let reason: String
    }

    /// The longest name accepted, in UTF-8 bytes (an e-mail address is at most 254).
    static let maximumNameLength = 254
    /// The longest encoded name, leaving room for an extension within the usual 255-byte limit.
    static let maximumEncodedLength = 240

    /// The encoded file name for `name`.
    static func encode(_ name: String) throws(Rejection) -> String {
        if name.isEmpty { throw Rejection(reason: "it is empty") }
        if name == "." || name == ".." { throw Rejection(reason: "“\(name)” names a folder, not an identity") }
        if name.contains("/") || name.contains("\\") {
            throw Rejection(reason: "it contains a path separator")
        }
        if name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw Rejection(reason: "it contains a control character")
        }
        let bytes = Array(name.utf8)
        if bytes.count > maximumNameLength {
            throw Rejection(reason: "it is \(bytes.count) bytes long; at most \(maximumNameLength) are allowed")
        }
        var encoded = ""
        for (index, byte) in bytes.enumerated() {
            if isKept(byte, atStart: index == 0) {
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                encoded += "%" + hexDigits(byte)
            }
        }
        if encoded.utf8.count > maximumEncodedLength {
            throw Rejection(reason: "it is too long to name a folder once encoded")
        }
        return encoded
    }

    private static func isKept(_ byte: UInt8, atStart: Bool) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "@"), UInt8(ascii: "+"):
            return true
        case UInt8(ascii: "."):
            return !atStart
        default:
            return false
        }
    }

    private static func hexDigits(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}
