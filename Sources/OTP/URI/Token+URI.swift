/// Reading and writing `otpauth://` URIs (Google Authenticator's Key Uri Format).
extension Token {
    /// The token an `otpauth://` URI describes. Use ``TokenURI/init(parsing:)`` to also
    /// learn whether the label and the `issuer` parameter disagreed.
    ///
    /// - Throws: the errors of ``TokenURI/init(parsing:)``.
    public init(uri: String) throws(OTPError) {
        self = try TokenURI(parsing: uri).token
    }

    /// The canonical `otpauth://` URI of this token, which ``init(uri:)`` reads back to an
    /// equal token.
    ///
    /// `otpauth://TYPE/LABEL?secret=…&issuer=…&algorithm=…&digits=…&period=…` (or
    /// `counter=…` for HOTP): the secret in canonical Base32, every parameter explicit, the
    /// label and the issuer percent-encoded. Steam tokens use the `steam` type, as Aegis
    /// writes them (a Steam token is always SHA-1, 30 s, T0 = 0). `t0` is written only
    /// when it is not 0. The issuer is a label prefix only when it can be one (not empty, no
    /// `:` scalar anywhere, even one followed by a combining mark) and the account does not
    /// start with a U+0020 space; it is always the `issuer` parameter when not empty. Names
    /// are written byte for byte, never normalised.
    ///
    /// The URI contains the secret: treat it as one (show it only as a QR code to the user).
    public var uri: String {
        var type: String
        var extra: [(String, String)] = []
        switch generator.factor {
        case let .counter(counter):
            type = "hotp"
            extra.append(("counter", String(counter)))
        case let .timer(period, t0):
            type = generator.format == .steam ? "steam" : "totp"
            extra.append(("period", String(period)))
            if t0 != 0 { extra.append(("t0", String(t0))) }
        }

        var parameters = [("secret", Base32.encode(generator.secret))]
        if !issuer.isEmpty { parameters.append(("issuer", PercentEncoding.encode(issuer))) }
        parameters.append(("algorithm", generator.algorithm.uriName))
        parameters.append(("digits", String(generator.digits)))
        parameters += extra
        let query = parameters.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
        return "otpauth://\(type)/\(label)?\(query)"
    }

    /// The label, chosen so that parsing gives back exactly `issuer` and `account`.
    private var label: String {
        // Checked on UTF-8 bytes, as the parser reads the label (`LabelSyntax`): every `:`
        // scalar counts, also one a combining mark makes part of a larger `Character`.
        let account = PercentEncoding.encode(self.account)
        if !issuer.isEmpty && !LabelSyntax.containsSeparator(issuer) && !LabelSyntax.startsWithSkippedSpace(self.account) {
            return PercentEncoding.encode(issuer) + ":" + account
        }
        // An empty prefix keeps a colon in the account from being read as the separator,
        // and gives an empty account a non-empty label.
        if LabelSyntax.containsSeparator(self.account) || self.account.isEmpty { return ":" + account }
        return account
    }
}
