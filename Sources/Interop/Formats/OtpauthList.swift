import OTP

/// `otpauth://` URIs, one per line (blank lines ignored), read with `TokenURI`; also Ente
/// Auth's plain export, whose URIs carry a `codeDisplay` parameter (JSON: `pinned`,
/// `trashed`, `tags`, `note`, `iconSrc`…).
enum OtpauthList {
    static func read(_ text: String, format: ImportFormat, limits: InteropLimits) throws(InteropError) -> ForeignVault {
        let lines = OtpauthEntries.lines(text)
        guard lines.count <= limits.maximumEntries else { throw .tooManyEntries(count: lines.count, limit: limits.maximumEntries) }
        let entries = lines.map { line in
            OtpauthEntries.entry(
                uri: line.text, position: line.number, ignoredParameters: ["codedisplay"],
                extraDropped: codeDisplayFields(line.text))
        }
        return ForeignVault(format: format, entries: entries)
    }

    /// What an Ente `codeDisplay` parameter carries that AuthenticatorKit drops.
    static func codeDisplayFields(_ uri: String) -> [String] {
        guard let text = OtpauthEntries.parameters(in: uri)["codedisplay"] else { return [] }
        guard let object = try? JSONParser.parse(Array(text.utf8)).object else { return ["codeDisplay"] }
        var dropped: [String] = []
        if object.carries("pinned") { dropped.append("favorite") }
        if object.carries("trashed") { dropped.append("trashed") }
        if object.carries("tags") { dropped.append("group") }
        if object.carries("note") { dropped.append("note") }
        if object.carries("iconSrc") || object.carries("iconID") { dropped.append("icon") }
        return dropped
    }
}
