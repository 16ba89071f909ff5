import OTP

/// Proton Authenticator's export (ProtonMail's authenticator, `entry` export in its Rust
/// core): `{"version": 1, "entries": [{"id", "content": {"uri", "entry_type" (Totp | Steam),
/// "name"}, "note"}]}`. A TOTP entry's `uri` is an `otpauth://` URI; a Steam entry's is
/// `steam://SECRET` (Base32, or unpadded Base64 for secrets that were not Base32). A
/// password-protected export (`{"version", "salt", "content"}`) is not read.
enum Proton {
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
