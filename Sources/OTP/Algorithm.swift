/// The HMAC hash function a generator uses (RFC 6238 section 1.2).
public enum Algorithm: String, Sendable, Hashable, CaseIterable, Codable {
    /// HMAC-SHA-1, the default of RFC 4226 and of nearly every QR code.
    case sha1
    /// HMAC-SHA-256.
    case sha256
    /// HMAC-SHA-512.
    case sha512

    /// The name used in `otpauth://` URIs (`SHA1`, `SHA256`, `SHA512`).
    public var uriName: String {
        switch self {
        case .sha1: return "SHA1"
        case .sha256: return "SHA256"
        case .sha512: return "SHA512"
        }
    }

    /// The algorithm a name denotes, in any letter case: the URI names (`SHA1`, `SHA256`,
    /// `SHA512`) and the raw values (`sha1`…). `nil` for any other name.
    public init?(name: String) {
        switch name.lowercased() {
        case "sha1": self = .sha1
        case "sha256": self = .sha256
        case "sha512": self = .sha512
        default: return nil
        }
    }
}
