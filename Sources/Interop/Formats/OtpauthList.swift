import OTP

/// `otpauth://` URIs, one per line (blank lines ignored), read with `TokenURI`; also Ente
/// Auth's plain export, whose URIs carry a `codeDisplay` parameter (JSON: `pinned`,
/// `trashed`, `tags`, `note`, `iconSrc`…) and whose lines Ente writes as JSON string
/// literals (`"otpauth://…"`, ente-io/ente `Code.toOTPAuthUrlFormat`), which are unquoted.
enum OtpauthList {
    static func read(_ text: String, format: ImportFormat, limits: InteropLimits) throws(InteropError) -> ForeignVault {
        guard let lines = OtpauthEntries.lines(text, maximum: limits.maximumEntries) else {
            throw .tooManyEntries(count: limits.maximumEntries + 1, limit: limits.maximumEntries)
        }
        let entries = lines.map { line in
            let uri = unquoted(line.text)
            let parameters = OtpauthEntries.parameters(in: uri)
            return OtpauthEntries.entry(
                uri: uri, position: line.number, ignoredParameters: ["codedisplay"],
                extraDropped: codeDisplayFields(parameters), parameters: parameters)
        }
        return ForeignVault(format: format, entries: entries)
    }

    /// A line that is a JSON string literal, decoded; any other line as it is.
    static func unquoted(_ line: String) -> String {
        guard line.hasPrefix("\""), line.hasSuffix("\""), line.utf8.count >= 2,
              let decoded = (try? JSONParser.parse(Array(line.utf8)))?.string
        else { return line }
        return decoded
    }

    /// What an Ente `codeDisplay` parameter carries that AuthenticatorKit drops.
    static func codeDisplayFields(_ parameters: [String: String]) -> [String] {
        guard let text = parameters["codedisplay"] else { return [] }
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
