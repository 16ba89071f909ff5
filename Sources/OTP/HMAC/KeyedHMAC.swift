import Crypto

/// The HMAC of an 8-byte counter under one secret, reduced by RFC 4226 dynamic truncation.
///
/// Internal engine behind ``Generator``. It is created once per generator and reused for
/// every code, so the key schedule is not repeated per code.
struct KeyedHMAC: Sendable {
    private let key: SymmetricKey
    let algorithm: Algorithm

    init(secret: SecureBytes, algorithm: Algorithm) {
        self.key = secret.withUnsafeBytes { SymmetricKey(data: $0) }
        self.algorithm = algorithm
    }

    /// RFC 4226 section 5.3: HMAC(K, counter as 8 big-endian bytes), then the 31-bit value at
    /// the offset named by the low nibble of the last byte.
    func truncatedValue(counter: UInt64) -> UInt32 {
        let message = withUnsafeBytes(of: counter.bigEndian) { Array($0) }
        switch algorithm {
        case .sha1: return Self.truncate(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: key))
        case .sha256: return Self.truncate(HMAC<SHA256>.authenticationCode(for: message, using: key))
        case .sha512: return Self.truncate(HMAC<SHA512>.authenticationCode(for: message, using: key))
        }
    }

    /// Dynamic truncation of a full HMAC value.
    static func truncate<MAC: MessageAuthenticationCode>(_ mac: MAC) -> UInt32 {
        mac.withUnsafeBytes { bytes in
            let offset = Int(bytes[bytes.count - 1] & 0x0f)
            return (UInt32(bytes[offset] & 0x7f) << 24)
                | (UInt32(bytes[offset + 1]) << 16)
                | (UInt32(bytes[offset + 2]) << 8)
                | UInt32(bytes[offset + 3])
        }
    }
}
