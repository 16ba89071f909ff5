import SodiumBridge
import OTP

/// Why one entry cannot be read: carried out of the per-entry code and turned into
/// ``ForeignEntry/Outcome/unsupported(_:)``.
struct EntryFailure: Error {
    let problem: EntryProblem
    init(_ problem: EntryProblem) { self.problem = problem }
}

/// The kind of one-time password an entry describes, as the formats name it.
enum OTPKind {
    case totp(period: Int64)
    case hotp(counter: UInt64)
    case steam(period: Int64)
}

enum Tokens {
    /// Builds an entry from what its format said, checking every parameter; a failure becomes
    /// the entry's problem. Never throws: every entry is reported.
    static func entry(
        position: Int, issuer: String, account: String, dropped: [String] = [],
        _ build: () throws(EntryFailure) -> Token
    ) -> ForeignEntry {
        do {
            let token = try build()
            return ForeignEntry(position: position, issuer: issuer, account: account, outcome: .token(token), droppedFields: dropped)
        } catch {
            return ForeignEntry(position: position, issuer: issuer, account: account, outcome: .unsupported(error.problem), droppedFields: dropped)
        }
    }

    /// A token from its parts. `algorithm` `nil` means SHA-1; `digits` `nil` means 6 (5 for
    /// Steam, whose codes always have five characters: any other count is refused).
    static func token(
        issuer: String, account: String, secret: SecureBytes, algorithm: String?, digits: Int?, kind: OTPKind
    ) throws(EntryFailure) -> Token {
        var hash = Algorithm.sha1
        if let algorithm {
            guard let named = Algorithm(name: algorithm) else { throw EntryFailure(.unsupportedAlgorithm(algorithm)) }
            hash = named
        }
        guard !secret.isEmpty else { throw EntryFailure(.malformedSecret("it is empty")) }
        let factor: Factor
        let format: CodeFormat
        switch kind {
        case let .totp(period):
            guard period >= 1 else { throw EntryFailure(.invalidPeriod(String(period))) }
            factor = .timer(period: period)
            format = .decimal(digits: digits ?? 6)
        case let .hotp(counter):
            factor = .counter(counter)
            format = .decimal(digits: digits ?? 6)
        case let .steam(period):
            guard period >= 1 else { throw EntryFailure(.invalidPeriod(String(period))) }
            if let digits, digits != 5 { throw EntryFailure(.invalidDigits(digits)) }
            factor = .timer(period: period)
            format = .steam
        }
        if case let .decimal(count) = format, !(6...10).contains(count) { throw EntryFailure(.invalidDigits(count)) }
        do {
            let generator = try Generator(factor: factor, secret: secret, algorithm: hash, format: format)
            return Token(issuer: issuer, account: account, generator: generator)
        } catch {
            throw EntryFailure(.invalidURI(error))
        }
    }

    /// Base32 text decoded, or ``EntryProblem/malformedSecret(_:)``.
    static func base32(_ text: String) throws(EntryFailure) -> SecureBytes {
        let secret: SecureBytes
        do {
            secret = try Base32.decode(text)
        } catch {
            throw EntryFailure(.malformedSecret(error.message))
        }
        guard !secret.isEmpty else { throw EntryFailure(.malformedSecret("it is empty")) }
        return secret
    }

    /// A period read from a JSON number.
    static func period(_ value: JSON?, default defaultPeriod: Int64 = 30) throws(EntryFailure) -> Int64 {
        guard let value, !value.isNull else { return defaultPeriod }
        guard let period = value.int64, period >= 1 else { throw EntryFailure(.invalidPeriod(value.numberText ?? value.typeName)) }
        return period
    }

    /// A counter read from a JSON number.
    static func counter(_ value: JSON?) throws(EntryFailure) -> UInt64 {
        guard let value, !value.isNull else { return 0 }
        guard let text = value.numberText, let counter = UInt64(text) ?? value.int64.flatMap({ UInt64(exactly: $0) }) else {
            throw EntryFailure(.invalidCounter(value.numberText ?? value.typeName))
        }
        return counter
    }

    /// Digits read from a JSON number (`nil` when absent).
    static func digits(_ value: JSON?) throws(EntryFailure) -> Int? {
        guard let value, !value.isNull else { return nil }
        guard let digits = value.int else { throw EntryFailure(.invalidField("digits")) }
        return digits
    }
}

extension JSONObject {
    /// A string member that must be present.
    func requiredString(_ key: String) throws(EntryFailure) -> String {
        guard let value = self[key]?.string else { throw EntryFailure(.invalidField(key)) }
        return value
    }

    /// A string member that may be absent or `null`.
    func optionalString(_ key: String) throws(EntryFailure) -> String? {
        guard let value = self[key], !value.isNull else { return nil }
        guard let text = value.string else { throw EntryFailure(.invalidField(key)) }
        return text
    }

    /// A string member or `""`, without failing (for names shown in reports).
    func text(_ key: String) -> String {
        self[key]?.string ?? ""
    }

    /// Whether `key` holds something worth reporting as dropped: a non-empty string, `true`,
    /// a non-empty array or object, or a number.
    func carries(_ key: String) -> Bool {
        guard let value = self[key] else { return false }
        switch value {
        case .null: return false
        case let .bool(flag): return flag
        case let .string(text): return !text.isEmpty
        case let .array(elements): return !elements.isEmpty
        case let .object(object): return !object.members.isEmpty
        case .number: return true
        }
    }
}

/// Entries given as `otpauth://` URIs (the `otpauth` format, Ente, Bitwarden, Proton).
enum OtpauthEntries {
    /// The parameters `TokenURI` reads; others are reported as dropped.
    static let knownParameters: Set<String> = ["secret", "issuer", "algorithm", "digits", "period", "counter", "encoder", "t0"]

    /// The entry one URI describes. When the URI names no issuer (or no account),
    /// `fallbackIssuer` (`fallbackAccount`) is used; `ignoredParameters` are not reported.
    static func entry(
        uri: String, position: Int, fallbackIssuer: String = "", fallbackAccount: String = "",
        ignoredParameters: Set<String> = [], extraDropped: [String] = [], parameters known: [String: String]? = nil
    ) -> ForeignEntry {
        let parameters = known ?? parameters(in: uri)
        let dropped = Set(parameters.keys).subtracting(knownParameters).subtracting(ignoredParameters).sorted() + extraDropped
        do {
            var token = try TokenURI(parsing: uri).token
            if token.issuer.isEmpty { token.issuer = fallbackIssuer }
            if token.account.isEmpty { token.account = fallbackAccount }
            return ForeignEntry(position: position, issuer: token.issuer, account: token.account, outcome: .token(token), droppedFields: dropped)
        } catch {
            let guess = labelGuess(uri, parameters: parameters)
            return ForeignEntry(
                position: position, issuer: guess.issuer.isEmpty ? fallbackIssuer : guess.issuer,
                account: guess.account.isEmpty ? fallbackAccount : guess.account,
                outcome: .unsupported(problem(error)), droppedFields: dropped)
        }
    }

    /// An unknown type (mOTP, Yandex…) is an unsupported type; anything else an invalid URI.
    private static func problem(_ error: OTPError) -> EntryProblem {
        if case let .unknownType(type) = error { return .unsupportedType(type) }
        return .invalidURI(error)
    }

    /// The decoded query parameters of a URI, by lower-case name (first value wins).
    static func parameters(in uri: String) -> [String: String] {
        var result: [String: String] = [:]
        guard let question = uri.firstIndex(of: "?") else { return result }
        var query = uri[uri.index(after: question)...]
        if let hash = query.firstIndex(of: "#") { query = query[..<hash] }
        for item in query.split(separator: "&") {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let rawName = parts.first, let name = percentDecode(rawName)?.lowercased() else { continue }
            let value = parts.count > 1 ? percentDecode(parts[1]) ?? "" : ""
            if result[name] == nil { result[name] = value }
        }
        return result
    }

    /// The issuer and account a URI's label names, for reporting an entry whose URI failed.
    static func labelGuess(_ uri: String, parameters: [String: String]) -> (issuer: String, account: String) {
        var rest = Substring(uri)
        if let schemeEnd = rest.range(of: "://") { rest = rest[schemeEnd.upperBound...] }
        if let end = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) { rest = rest[..<end] }
        var label = ""
        if let slash = rest.firstIndex(of: "/") { label = percentDecode(rest[rest.index(after: slash)...]) ?? "" }
        var issuer = parameters["issuer"] ?? ""
        var account = label
        if let colon = label.firstIndex(of: ":") {
            if issuer.isEmpty { issuer = String(label[..<colon]) }
            account = String(label[label.index(after: colon)...].drop { $0 == " " })
        }
        return (issuer, account)
    }

    /// `%XX` decoding, `+` as a space; `nil` for malformed escapes or non-UTF-8.
    static func percentDecode<Text: StringProtocol>(_ text: Text) -> String? {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
                output.append(high << 4 | low)
            } else if byte == UInt8(ascii: "+") {
                output.append(0x20)
            } else {
                output.append(byte)
            }
        }
        return String(validating: output, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// The non-blank lines of a text (CR LF or LF), trimmed, with their 1-based line numbers;
    /// `nil` as soon as there are more than `maximum`, so that memory is bounded before use.
    static func lines(_ text: String, maximum: Int) -> [(number: Int, text: String)]? {
        var result: [(Int, String)] = []
        var number = 0
        // On bytes: Swift treats CR LF as one Character, which a split on "\n" would miss.
        for line in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false) {
            number += 1
            let trimmed = String(decoding: line, as: UTF8.self).trimming(" \t\r\u{FEFF}")
            guard !trimmed.isEmpty else { continue }
            guard result.count < maximum else { return nil }
            result.append((number, trimmed))
        }
        return result
    }
}

extension StringProtocol {
    /// The text without leading and trailing characters from `set` (no Foundation needed).
    func trimming(_ set: String) -> String {
        let characters = Set(set.unicodeScalars)
        let scalars = String(self).unicodeScalars
        let start = scalars.firstIndex { !characters.contains($0) } ?? scalars.endIndex
        let end = scalars.lastIndex { !characters.contains($0) }.map { scalars.index(after: $0) } ?? start
        return start < end ? String(scalars[start..<end]) : ""
    }
}
