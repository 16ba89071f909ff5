import SodiumBridge
import Foundation
import OTP
import Testing

/// Known-answer tables in `Tests/OTPTests/Vectors`, each citing its source in its header.
enum Vectors {
    /// The rows of a tab-separated file: `#` lines are comments, every other line is a row
    /// (fields may be empty).
    static func rows(_ name: String) throws -> [[String]] {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "tsv", subdirectory: "Vectors"))
        let text = try String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: true)
            .filter { !$0.hasPrefix("#") }
            .map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }
}

/// A secret from ASCII text (the RFC 4226 and RFC 6238 seeds are given as ASCII).
func asciiSecret(_ text: String) -> SecureBytes {
    SecureBytes(copying: Array(text.utf8))
}

/// The RFC 6238 Appendix B seed for an algorithm: ASCII `1234567890` repeated to 20
/// (SHA-1), 32 (SHA-256) or 64 (SHA-512) bytes.
func rfc6238Seed(_ algorithm: Algorithm) -> SecureBytes {
    let length: Int
    switch algorithm {
    case .sha1: length = 20
    case .sha256: length = 32
    case .sha512: length = 64
    }
    return SecureBytes(copying: Array(String(repeating: "1234567890", count: 7).utf8.prefix(length)))
}

/// A date `seconds` after the Unix epoch.
func unix(_ seconds: Double) -> Date {
    Date(timeIntervalSince1970: seconds)
}
