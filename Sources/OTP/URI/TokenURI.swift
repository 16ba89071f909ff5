/// An `otpauth://` URI parsed: the token, and what its label and `issuer` parameter said.
///
/// The format is Google Authenticator's Key Uri Format, which QR codes carry:
/// `otpauth://TYPE/LABEL?PARAMETERS`.
///
/// - `TYPE` is `totp`, `hotp` or `steam` (as Aegis writes Steam Guard tokens), in any case.
/// - `LABEL` is `Issuer:account` or `account`, percent-encoded; the separator may be `:` or
///   `%3A`, and spaces after it are skipped.
/// - `secret` (Base32, required), `issuer`, `algorithm` (`SHA1`, `SHA256`, `SHA512`;
///   default SHA1), `digits` (default 6), `period` (seconds, default 30), `counter`
///   (required for `hotp`), `encoder=steam` (Steam codes, as KeePassXC writes them)
///   and `t0` (seconds, default 0; an AuthenticatorKit extension that other apps ignore).
///   Steam codes always have five characters: `digits` is ignored for them. A Steam token
///   is always SHA-1, time-based, 30 s from T0 = 0: a Steam URI saying otherwise (another
///   `algorithm`, `period` or `t0`, or `hotp` with `encoder=steam`) is refused with
///   ``OTPError/invalidSteamParameters``. A `counter` of 2⁶⁴ − 1 is refused with
///   ``OTPError/counterOutOfRange``.
///   Parameter names are matched in any case; in values, `+` stands for a space.
/// - Parameters this list does not name are ignored; a named one given twice is an error.
///
/// When the `issuer` parameter and the label's prefix differ, the parameter wins and
/// ``labelIssuer`` keeps the prefix, so that an app can warn (``hasConflictingIssuers``).
public struct TokenURI: Sendable, Hashable {
    /// The token the URI describes. Its issuer is the `issuer` parameter when there is one,
    /// else the label's prefix, else empty.
    public let token: Token
    /// The issuer prefix of the label (`ACME` in `ACME:alice`), or `nil` when there is none.
    public let labelIssuer: String?
    /// The `issuer` parameter, or `nil` when it is absent or empty.
    public let issuerParameter: String?

    /// Parses an `otpauth://` URI.
    ///
    /// - Throws: one ``OTPError`` case per malformed part: ``OTPError/invalidScheme(_:)``,
    ///   ``OTPError/missingType``, ``OTPError/unknownType(_:)``, ``OTPError/missingLabel``,
    ///   ``OTPError/invalidPercentEncoding(_:)``, ``OTPError/duplicateParameter(_:)``,
    ///   ``OTPError/missingSecret``, the Base32 errors of ``Base32/decode(_:)`` for the
    ///   secret, ``OTPError/unknownAlgorithm(_:)``, ``OTPError/unknownEncoder(_:)``,
    ///   ``OTPError/invalidDigitsParameter(_:)``, ``OTPError/invalidPeriodParameter(_:)``,
    ///   ``OTPError/missingCounter``, ``OTPError/invalidCounterParameter(_:)``,
    ///   ``OTPError/invalidT0Parameter(_:)``, and the ``Generator`` errors for values out of
    ///   range (``OTPError/emptySecret``, ``OTPError/digitsOutOfRange(_:)``,
    ///   ``OTPError/invalidPeriod(_:)``).
    public init(parsing uri: String) throws(OTPError) {
        let parts = try URIParts(uri)
        let (labelIssuer, account) = try Self.parseLabel(parts.label)
        let parameters = try Parameters(parts.query)
        self.labelIssuer = labelIssuer
        self.issuerParameter = try parameters.value(of: "issuer").flatMap { $0.isEmpty ? nil : $0 }
        let generator = try Self.generator(type: parts.type, parameters: parameters)
        self.token = Token(issuer: issuerParameter ?? labelIssuer ?? "", account: account, generator: generator)
    }

    /// Whether the label's prefix and the `issuer` parameter are both present and differ
    /// (the parameter was used); an app may ask the user which is right.
    public var hasConflictingIssuers: Bool {
        guard let labelIssuer, let issuerParameter else { return false }
        return labelIssuer != issuerParameter
    }

    /// Splits the raw label at the first `:` or `%3A` and decodes both sides.
    private static func parseLabel(_ raw: ArraySlice<UInt8>) throws(OTPError) -> (issuer: String?, account: String) {
        guard let separator = separatorRange(in: raw) else {
            guard let account = PercentEncoding.decode(raw, plusIsSpace: false) else { throw .invalidPercentEncoding("label") }
            return (nil, account)
        }
        guard let prefix = PercentEncoding.decode(raw[..<separator.lowerBound], plusIsSpace: false),
              var account = PercentEncoding.decode(raw[separator.upperBound...], plusIsSpace: false)
        else { throw .invalidPercentEncoding("label") }
        guard !prefix.isEmpty else { return (nil, account) }
        // "Issuer: account" — optional spaces may precede the account name.
        account = LabelSyntax.droppingSkippedSpaces(account)
        return (prefix, account)
    }

    /// The range of the first `:` or `%3A` in a raw label.
    private static func separatorRange(in raw: ArraySlice<UInt8>) -> Range<Int>? {
        var index = raw.startIndex
        while index < raw.endIndex {
            if raw[index] == LabelSyntax.separator { return index..<index + 1 }
            if raw[index] == UInt8(ascii: "%"), index + 2 < raw.endIndex,
               raw[index + 1] == UInt8(ascii: "3"), raw[index + 2] | 0x20 == UInt8(ascii: "a") {
                return index..<index + 3
            }
            index += 1
        }
        return nil
    }

    /// Builds the generator from the type and the parameters, checking them in a fixed order.
    private static func generator(type: String, parameters: Parameters) throws(OTPError) -> Generator {
        guard let encodedSecret = try parameters.value(of: "secret") else { throw .missingSecret }
        let secret = try Base32.decode(encodedSecret)

        var algorithm = Algorithm.sha1
        if let name = try parameters.value(of: "algorithm") {
            guard let named = Algorithm(name: name) else { throw .unknownAlgorithm(name) }
            algorithm = named
        }

        var isSteam = type == "steam"
        if let encoder = try parameters.value(of: "encoder") {
            guard encoder.lowercased() == "steam" else { throw .unknownEncoder(encoder) }
            isSteam = true
        }

        var format = CodeFormat.steam
        if !isSteam {
            format = .decimal(digits: 6)
            if let text = try parameters.value(of: "digits") {
                guard let digits = Int(text) else { throw .invalidDigitsParameter(text) }
                format = .decimal(digits: digits)
            }
        }

        let factor: Factor
        if type == "hotp" {
            guard let text = try parameters.value(of: "counter") else { throw .missingCounter }
            guard let counter = UInt64(text) else { throw .invalidCounterParameter(text) }
            factor = .counter(counter)
        } else {
            var period: Int64 = 30
            if let text = try parameters.value(of: "period") {
                guard let value = Int64(text) else { throw .invalidPeriodParameter(text) }
                period = value
            }
            var t0: Int64 = 0
            if let text = try parameters.value(of: "t0") {
                guard let value = Int64(text) else { throw .invalidT0Parameter(text) }
                t0 = value
            }
            factor = .timer(period: period, t0: t0)
        }
        return try Generator(factor: factor, secret: secret, algorithm: algorithm, format: format)
    }
}

/// The label's syntax, in one place for the parser and the writer (``Token/uri``), both of
/// which work on UTF-8 bytes, never on `Character`s: a `:` followed by a combining mark is
/// one `Character` that is not `":"`, yet its first byte is a separator to the parser.
enum LabelSyntax {
    /// `:` (U+003A). Its first occurrence in the label, raw or as `%3A`, separates the issuer
    /// prefix from the account; the writer percent-encodes every one inside a name.
    static let separator = UInt8(ascii: ":")

    /// Whether the UTF-8 of `text` contains the separator byte anywhere.
    static func containsSeparator(_ text: String) -> Bool {
        text.utf8.contains(separator)
    }

    /// Whether the UTF-8 of `account` starts with a space (U+0020) byte, which the parser
    /// would skip after a prefix.
    static func startsWithSkippedSpace(_ account: String) -> Bool {
        account.utf8.first == UInt8(ascii: " ")
    }

    /// `account` without its leading U+0020 bytes (a combining mark after them stays).
    static func droppingSkippedSpaces(_ account: String) -> String {
        String(decoding: account.utf8.drop { $0 == UInt8(ascii: " ") }, as: UTF8.self)
    }
}

/// The scheme-checked pieces of an `otpauth://` URI, still percent-encoded.
private struct URIParts {
    /// `totp`, `hotp` or `steam`, lower case.
    let type: String
    /// The label, raw.
    let label: ArraySlice<UInt8>
    /// The query (after `?`, before any `#`), raw.
    let query: ArraySlice<UInt8>

    init(_ uri: String) throws(OTPError) {
        let bytes = Array(uri.utf8)
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { throw .invalidScheme("") }
        let scheme = String(decoding: bytes[..<colon], as: UTF8.self)
        guard scheme.lowercased() == "otpauth" else { throw .invalidScheme(scheme) }
        var rest = bytes[(colon + 1)...]
        guard rest.starts(with: [UInt8(ascii: "/"), UInt8(ascii: "/")]) else { throw .missingType }
        rest = rest.dropFirst(2)
        if let hash = rest.firstIndex(of: UInt8(ascii: "#")) { rest = rest[..<hash] }

        let question = rest.firstIndex(of: UInt8(ascii: "?"))
        let path = question.map { rest[..<$0] } ?? rest
        query = question.map { rest[($0 + 1)...] } ?? []
        let slash = path.firstIndex(of: UInt8(ascii: "/")) ?? path.endIndex
        let rawType = String(decoding: path[..<slash], as: UTF8.self)
        guard !rawType.isEmpty else { throw .missingType }
        type = rawType.lowercased()
        guard ["totp", "hotp", "steam"].contains(type) else { throw .unknownType(rawType) }
        label = slash < path.endIndex ? path[(slash + 1)...] : []
        guard !label.isEmpty else { throw .missingLabel }
    }
}

/// The query parameters this module knows, decoded lazily so that errors come in a fixed
/// order.
private struct Parameters {
    /// The names this module reads; every other parameter is ignored.
    static let known: Set<String> = ["secret", "issuer", "algorithm", "digits", "period", "counter", "encoder", "t0"]

    /// Raw values of known parameters, by lower-case name.
    private var raw: [String: ArraySlice<UInt8>] = [:]

    init(_ query: ArraySlice<UInt8>) throws(OTPError) {
        for item in query.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let equals = item.firstIndex(of: UInt8(ascii: "=")) ?? item.endIndex
            // A name that does not decode cannot be a known one: ignore it like any unknown.
            guard let name = PercentEncoding.decode(item[..<equals], plusIsSpace: true)?.lowercased(),
                  Self.known.contains(name)
            else { continue }
            guard raw[name] == nil else { throw .duplicateParameter(name) }
            raw[name] = equals < item.endIndex ? item[(equals + 1)...] : []
        }
    }

    /// The decoded value of `name`, or `nil` when absent.
    func value(of name: String) throws(OTPError) -> String? {
        guard let bytes = raw[name] else { return nil }
        guard let value = PercentEncoding.decode(bytes, plusIsSpace: true) else { throw .invalidPercentEncoding(name) }
        return value
    }
}
