import OTP

/// Bitwarden's unencrypted vault export (bitwarden/clients).
///
/// JSON: `{"encrypted": false, "folders", "items": [{"type": 1, "name", "notes", "favorite",
/// "folderId", "fields", "login": {"username", "password", "uris", "totp"}}]}`. CSV: a header
/// `folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp`.
/// `totp` is an `otpauth://` URI, a bare Base32 secret (TOTP, SHA-1, 6 digits, 30 s) or
/// `steam://SECRET`. Items without `totp` are not accounts here; they are counted in
/// ``ForeignVault/recordsWithoutOTP``. An encrypted export (`"encrypted": true`) is not read.
enum Bitwarden {
    static func readJSON(_ root: JSONObject, limits: InteropLimits) throws(InteropError) -> ForeignVault {
        if root["encrypted"]?.bool == true {
            throw .unsupportedEncryption(format: .bitwarden, reason: "export it again as unencrypted JSON or CSV")
        }
        guard let items = root["items"]?.array else { throw .damaged(reason: "the export has no items") }
        guard items.count <= limits.maximumEntries else { throw .tooManyEntries(count: items.count, limit: limits.maximumEntries) }
        var entries: [ForeignEntry] = []
        var without = 0
        for (index, item) in items.enumerated() {
            guard let object = item.object else {
                entries.append(ForeignEntry(position: index + 1, issuer: "", account: "", outcome: .unsupported(.invalidField("item"))))
                continue
            }
            let login = object["login"]?.object
            guard let totp = login?["totp"]?.string, !totp.trimming(" \t\r\n").isEmpty else {
                without += 1
                continue
            }
            var dropped: [String] = []
            if login?.carries("password") == true { dropped.append("password") }
            if login?.carries("uris") == true { dropped.append("uris") }
            if object.carries("notes") { dropped.append("note") }
            if object.carries("favorite") { dropped.append("favorite") }
            if object.carries("folderId") { dropped.append("group") }
            if object.carries("fields") { dropped.append("custom fields") }
            entries.append(entry(
                totp: totp, position: index + 1, name: object.text("name"), username: login?.text("username") ?? "", dropped: dropped))
        }
        return ForeignVault(format: .bitwarden, entries: entries, recordsWithoutOTP: without)
    }

    static func readCSV(_ text: String, limits: InteropLimits) throws(InteropError) -> ForeignVault {
        let records: [[String]]
        do {
            records = try CSV.parse(text, maximumRecords: limits.maximumEntries + 1)
        } catch {
            if error.reason.hasPrefix("more than") { throw .tooManyEntries(count: limits.maximumEntries + 1, limit: limits.maximumEntries) }
            throw .damaged(reason: "the CSV is malformed: \(error.reason)")
        }
        guard let header = records.first, let totpColumn = header.firstIndex(of: "login_totp") else {
            throw .damaged(reason: "the CSV has no login_totp column")
        }
        func column(_ name: String, _ record: [String]) -> String {
            guard let index = header.firstIndex(of: name), index < record.count else { return "" }
            return record[index]
        }
        var entries: [ForeignEntry] = []
        var without = 0
        for (index, record) in records.dropFirst().enumerated() {
            guard totpColumn < record.count, !record[totpColumn].trimming(" \t\r\n").isEmpty else {
                without += 1
                continue
            }
            var dropped: [String] = []
            if !column("login_password", record).isEmpty { dropped.append("password") }
            if !column("login_uri", record).isEmpty { dropped.append("uris") }
            if !column("notes", record).isEmpty { dropped.append("note") }
            if column("favorite", record) == "1" { dropped.append("favorite") }
            if !column("folder", record).isEmpty { dropped.append("group") }
            if !column("fields", record).isEmpty { dropped.append("custom fields") }
            entries.append(entry(
                totp: record[totpColumn], position: index + 1, name: column("name", record),
                username: column("login_username", record), dropped: dropped))
        }
        return ForeignVault(format: .bitwarden, entries: entries, recordsWithoutOTP: without)
    }

    /// One item's `totp` value. Its issuer defaults to the item's name and its account to the
    /// login's username when the value names none.
    private static func entry(totp raw: String, position: Int, name: String, username: String, dropped: [String]) -> ForeignEntry {
        let totp = raw.trimming(" \t\r\n")
        let lower = totp.lowercased()
        if lower.hasPrefix("otpauth://") {
            return OtpauthEntries.entry(uri: totp, position: position, fallbackIssuer: name, fallbackAccount: username, extraDropped: dropped)
        }
        if lower.hasPrefix("steam://") {
            let issuer = name.isEmpty ? "Steam" : name
            return Tokens.entry(position: position, issuer: issuer, account: username, dropped: dropped) { () throws(EntryFailure) -> Token in
                try Proton.steamToken(uri: totp, issuer: issuer, account: username)
            }
        }
        return Tokens.entry(position: position, issuer: name, account: username, dropped: dropped) { () throws(EntryFailure) -> Token in
            let secret = try Tokens.base32(totp)
            return try Tokens.token(issuer: name, account: username, secret: secret, algorithm: nil, digits: nil, kind: .totp(period: 30))
        }
    }
}
