import SodiumBridge
import VerificationFlow
import AccountModel
import Foundation

/// The QR enrolment payload of ``LocalAccountProvider``:
/// `akenrol1.<claims>.<tag>`, where `<claims>` is base64url (no padding) of a JSON object
/// `{"acct", "org", "iat", "exp", "nonce"}` and `<tag>` is base64url of the keyed BLAKE2b-256
/// of `akenrol1.<claims>` under the provider's payload key.
struct EnrolmentPayload: Codable, Equatable {
    static let prefix = "akenrol1"
    /// Longer texts are refused before any parsing.
    static let maximumLength = 2048

    var account: String
    var organisation: String
    var issuedAt: Int64
    var expiresAt: Int64
    var nonce: String

    enum CodingKeys: String, CodingKey {
        case account = "acct", organisation = "org", issuedAt = "iat", expiresAt = "exp", nonce
    }

    /// The signed text.
    func encoded(key: [UInt8]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Encoding strings and integers cannot fail.
        let claims = (try? encoder.encode(self)) ?? Data()
        let body = "\(Self.prefix).\(Base64URL.encode(Array(claims)))"
        return "\(body).\(Base64URL.encode(Self.tag(body, key: key)))"
    }

    /// The claims of `text` once its tag verifies under `key`.
    /// - Throws: ``VerificationError/malformedEnrolmentPayload`` when it is not a payload,
    ///   ``VerificationError/forgedEnrolmentPayload`` when the tag does not verify.
    static func verified(_ text: String, key: [UInt8]) throws(VerificationError) -> EnrolmentPayload {
        guard text.utf8.count <= maximumLength else { throw .malformedEnrolmentPayload }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == prefix,
              let claimBytes = Base64URL.decode(String(parts[1])),
              let tag = Base64URL.decode(String(parts[2])),
              let claims = try? JSONDecoder().decode(EnrolmentPayload.self, from: Data(claimBytes))
        else { throw .malformedEnrolmentPayload }
        let body = "\(parts[0]).\(parts[1])"
        guard !key.isEmpty, ConstantTime.equals(tag, Self.tag(body, key: key)) else {
            throw .forgedEnrolmentPayload
        }
        return claims
    }

    private static func tag(_ body: String, key: [UInt8]) -> [UInt8] {
        Hash.blake2b(Array(body.utf8), key: key, outputLength: 32)
    }
}

/// Base64url without padding (RFC 4648 section 5).
enum Base64URL {
    static func encode(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The bytes of `text`, or `nil` when it is not unpadded base64url.
    static func decode(_ text: String) -> [UInt8]? {
        let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        guard !text.isEmpty, text.allSatisfy({ alphabet.contains($0) }), text.count % 4 != 1 else { return nil }
        var standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        standard += String(repeating: "=", count: (4 - standard.count % 4) % 4)
        return Data(base64Encoded: standard).map(Array.init)
    }
}
