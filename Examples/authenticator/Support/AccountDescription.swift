import AuthenticatorKit

/// How accounts, restore states and plan outcomes are written in `list`, `import` and
/// `restore`. Enumerations with raw values (kind, platform, verification method) use them;
/// the others use their Swift case names, like the error contract.
enum AccountDescription {
    /// `active`, or `needsVerification:<method>` (e.g. `needsVerification:provider-qr-code`).
    static func text(_ state: RestoreState) -> String {
        switch state {
        case .active: return "active"
        case let .needsVerification(method): return "needsVerification:" + method.rawValue
        }
    }

    /// The code type: `totp`, `hotp`, `steam`, or `nil` for an account without a token.
    static func codeType(of account: Account) -> String? {
        guard let generator = account.token?.generator else { return nil }
        switch generator.factor {
        case .counter: return "hotp"
        case .timer: return generator.format == .steam ? "steam" : "totp"
        }
    }

    /// One line of tab-separated fields, with tabs and line breaks inside a field shown as
    /// spaces so that every record stays one line.
    static func tabSeparated(_ fields: [String]) -> String {
        var line = ""
        // One allocation for the line (tabs or line breaks shown as spaces keep the length).
        line.reserveCapacity(fields.reduce(fields.count) { $0 + $1.utf8.count })
        for (position, field) in fields.enumerated() {
            if position > 0 { line.append("\t") }
            // Printable ASCII (nearly every field) holds neither: copied whole, without
            // breaking it into characters.
            if field.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
                line.append(field)
            } else {
                line.append(String(field.map { $0 == "\t" || $0.isNewline ? " " : $0 }))
            }
        }
        return line
    }

    /// The members every JSON account object starts with.
    static func jsonMembers(_ id: AccountID, kind: AccountKind, issuer: String, userName: String) -> [(key: String, value: JSONObject.Value)] {
        [("id", .string(id.rawValue)), ("kind", .string(kind.rawValue)), ("issuer", .string(issuer)), ("userName", .string(userName))]
    }
}
