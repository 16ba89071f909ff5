import SodiumBridge
import OTP

/// Proton Authenticator's export (ProtonMail's authenticator, `entry` export in its Rust
/// core): `{"version": 1, "entries": [{"id", "content": {"uri", "entry_type" (Totp | Steam),
/// "name"}, "note"}]}`. A TOTP entry's `uri` is an `otpauth://` URI; a Steam entry's is
/// `steam://SECRET` (Base32, or unpadded Base64 for secrets that were not Base32).
///
/// Password-protected: `{"version": 1, "salt", "content"}` (padded Base64). The key is
/// Argon2id v1.3 of the UTF-8 password with the 16-byte salt, 19,456 KiB, 2 passes, 1 lane,
/// 32 bytes (fixed: the file cannot choose the cost); `content` is a 12-byte nonce, the
/// AES-256-GCM ciphertext of the plain export and the 16-byte tag, with associated data
/// `proton.authenticator.export.v1`.
enum Proton {
    static let argon2Memory: Int64 = 19_456 * 1024
    static let argon2Operations: Int64 = 2
    static let associatedData = Array("proton.authenticator.export.v1".utf8)

    static func readEncrypted(_ root: JSONObject, password: SecureBytes?, limits: InteropLimits) throws(InteropError) -> ForeignVault {
        guard let version = root["version"]?.int64 else { throw .damaged(reason: "the export has no version") }
        guard version == 1 else { throw .unsupportedVersion(format: .proton, version: String(version)) }
        guard let saltText = root["salt"]?.string, let salt = Base64.decode(saltText), salt.count == 16 else {
            throw .damaged(reason: "the salt is missing or not 16 bytes of Base64")
        }
        guard let contentText = root["content"]?.string, let content = Base64.decode(contentText), content.count >= 12 + 16 else {
            throw .damaged(reason: "the content is missing, not Base64, or too short")
        }
        guard let password else { throw .passwordRequired }
        let key = try InteropCrypto.argon2id(password: password, salt: salt, operations: argon2Operations, memory: argon2Memory)
        guard let plain = try InteropCrypto.openAESGCM(
            ciphertext: content[12..<(content.count - 16)], tag: content.suffix(16), nonce: Array(content[0..<12]),
            key: key, associatedData: associatedData)
        else { throw .wrongPassword }
        guard let inner = try JSONParser.parse(secure: plain, what: "the decrypted export", limits: limits).object else {
            throw .damaged(reason: "the decrypted export is not a JSON object")
        }
        return try read(inner, limits: limits)
    }

    static func read(_ root: JSONObject, limits: InteropLimits) throws(InteropError) -> ForeignVault {
        guard let version = root["version"]?.int64 else { throw .damaged(reason: "the export has no version") }
        guard version == 1 else { throw .unsupportedVersion(format: .proton, version: String(version)) }
        guard let entries = root["entries"]?.array else { throw .damaged(reason: "the export has no entries") }
        guard entries.count <= limits.maximumEntries else { throw .tooManyEntries(count: entries.count, limit: limits.maximumEntries) }
        return ForeignVault(format: .proton, entries: entries.enumerated().map { entry($1, position: $0 + 1) })
    }

    private static func entry(_ value: JSON, position: Int) -> ForeignEntry {
        guard let object = value.object, let content = object["content"]?.object, let uri = content["uri"]?.string else {
            return ForeignEntry(position: position, issuer: "", account: "", outcome: .unsupported(.invalidField("content.uri")))
        }
        let name = content.text("name")
        var dropped: [String] = []
        if object.carries("note") { dropped.append("note") }
        let type = content["entry_type"]?.string ?? "Totp"
        if type == "Steam" || uri.lowercased().hasPrefix("steam://") {
            return Tokens.entry(position: position, issuer: "Steam", account: name, dropped: dropped) { () throws(EntryFailure) -> Token in
                try steamToken(uri: uri, issuer: "Steam", account: name)
            }
        }
        guard type == "Totp" else {
            return ForeignEntry(position: position, issuer: "", account: name, outcome: .unsupported(.unsupportedType(type)), droppedFields: dropped)
        }
        return OtpauthEntries.entry(uri: uri, position: position, fallbackAccount: name, extraDropped: dropped)
    }

    /// `steam://SECRET`: Base32, else unpadded Base64.
    static func steamToken(uri: String, issuer: String, account: String) throws(EntryFailure) -> Token {
        guard uri.lowercased().hasPrefix("steam://") else { throw EntryFailure(.invalidField("uri")) }
        var text = String(uri.dropFirst("steam://".count))
        if let end = text.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { text = String(text[..<end]) }
        let secret: SecureBytes
        if let base32 = try? Base32.decode(text), !base32.isEmpty {
            secret = base32
        } else if var bytes = Base64.decode(text), !bytes.isEmpty {
            secret = SecureBytes(copying: bytes)
            ConstantTime.zero(&bytes)
        } else {
            throw EntryFailure(.malformedSecret("the steam:// secret is neither Base32 nor Base64"))
        }
        return try Tokens.token(issuer: issuer, account: account, secret: secret, algorithm: nil, digits: nil, kind: .steam(period: 30))
    }
}
