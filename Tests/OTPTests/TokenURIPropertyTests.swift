import SodiumBridge
import OTP
import Testing

/// format → parse gives back the same token, and parse → format → parse the same token
/// again, for random tokens and URIs from a seeded (so reproducible) random source. Names
/// are compared byte for byte (UTF-8): `String ==` treats canonically equivalent text as
/// equal, which would hide a normalisation.
@Suite("otpauth:// URI round trip")
struct TokenURIPropertyTests {
    /// Characters that stress the label and parameter syntax, plus non-ASCII text.
    static let pieces: [String] = [
        "a", "Z", "0", "9", " ", ":", "%", "%3A", "%3a", "%20", "&", "=", "+", "?", "#", "/", "@", ".", "-", "_", "~",
        "é", "e\u{301}", "日本", "👩‍💻", "\t", "\"", "'", ";", ",", "[", "]",
        // A colon or a space that the next scalar joins into one `Character`.
        ":\u{301}", ":\u{301}\u{302}", ":\u{20DD}", ":\u{200D}", ":\u{200C}", ":\u{FE0F}", ":\u{E0100}", ":\u{1F3FB}",
        " \u{301}", "%3A\u{301}", "\u{301}", "\u{200D}",
        // Canonically equivalent spellings that normalisation would merge.
        "\u{212B}", "\u{C5}", "A\u{30A}", "\u{1E9B}\u{323}", "\u{1100}\u{1161}", "\u{AC00}", "\u{FB01}",
        // Other edge cases: one-Character CR LF, NUL, BOM, the last scalar, flags, a lone
        // regional indicator, a replacement character.
        "\r\n", "\u{0}", "\u{FEFF}", "\u{10FFFF}", "\u{1F1FA}\u{1F1F8}", "\u{1F1FA}", "\u{FFFD}",
    ]

    @Test func formattingThenParsingGivesBackEveryRandomToken() throws {
        let random = DeterministicRandom(seed: "TokenURIPropertyTests.v2")
        var colonsJoinedToAMark = 0
        for _ in 0..<2000 {
            let token = try Self.randomToken(random)
            if Self.hasColonJoinedToNextScalar(token.issuer) || Self.hasColonJoinedToNextScalar(token.account) {
                colonsJoinedToAMark += 1
            }
            let uri = token.uri
            let parsed = try TokenURI(parsing: uri)
            #expect(parsed.token == token, "\(uri)")
            #expect(Array(parsed.token.issuer.utf8) == Array(token.issuer.utf8), "\(uri)")
            #expect(Array(parsed.token.account.utf8) == Array(token.account.utf8), "\(uri)")
            #expect(!parsed.hasConflictingIssuers)
            // Canonical: formatting the parsed token gives the same text.
            #expect(Array(parsed.token.uri.utf8) == Array(uri.utf8))
        }
        // The generator did make the case that a `Character` comparison misses.
        #expect(colonsJoinedToAMark > 100)
    }

    /// Raw label pieces for random URIs, some already percent-encoded, some not, some
    /// invalid (`%` alone). No `?` or `#`, which would end the label.
    static let rawLabelPieces: [String] = [
        "a", "Z", "0", ":", "%3A", "%3a", "%20", " ", "+", "%2B", "@", "/", "%2F", "&", "=", "%25", "%", "%00",
        "%CC%81", "\u{301}", ":\u{301}", "%3A%CC%81", "%E2%83%9D", "%E2%80%8D", "%EF%B8%8F", "é", "e\u{301}", "%C3%A9",
        "e%CC%81", "%F0%9F%91%A9", "日本", "%E2%84%AB", "\u{212B}",
    ]

    /// Raw `issuer` value pieces: as the label's, plus no `&` (which would end the value).
    static let rawValuePieces: [String] = rawLabelPieces.filter { $0 != "&" }

    @Test func parsingThenFormattingThenParsingGivesBackTheSameToken() throws {
        let random = DeterministicRandom(seed: "TokenURIPropertyTests.parse-format-parse.v1")
        var parsedCount = 0
        for _ in 0..<2000 {
            let uri = Self.randomURI(random)
            guard let first = try? TokenURI(parsing: uri) else { continue }
            parsedCount += 1
            let formatted = first.token.uri
            let second = try TokenURI(parsing: formatted)
            #expect(second.token == first.token, "\(uri) → \(formatted)")
            #expect(Array(second.token.issuer.utf8) == Array(first.token.issuer.utf8), "\(uri) → \(formatted)")
            #expect(Array(second.token.account.utf8) == Array(first.token.account.utf8), "\(uri) → \(formatted)")
            #expect(!second.hasConflictingIssuers)
            #expect(Array(second.token.uri.utf8) == Array(formatted.utf8))
        }
        // Most random URIs are valid: the property was checked, not skipped.
        #expect(parsedCount > 1000)
    }

    static func randomURI(_ random: DeterministicRandom) -> String {
        let type = ["totp", "hotp", "steam", "TOTP"][Int(random.uniform(below: 4))]
        var label = randomRaw(random, from: rawLabelPieces)
        if label.isEmpty { label = "a" }
        var uri = "otpauth://\(type)/\(label)?secret=JBSWY3DPEHPK3PXP"
        if type == "hotp" { uri += "&counter=\(random.uniform(below: 1000))" }
        switch random.uniform(below: 3) {
        case 0: break
        case 1: uri += "&issuer=" + randomRaw(random, from: rawValuePieces)
        default: uri += "&issuer=" + label.prefix { $0 != ":" }
        }
        return uri
    }

    static func randomRaw(_ random: DeterministicRandom, from pieces: [String]) -> String {
        let length = Int(random.uniform(below: 7))
        return (0..<length).map { _ in pieces[Int(random.uniform(below: UInt32(pieces.count)))] }.joined()
    }

    static func randomToken(_ random: DeterministicRandom) throws -> Token {
        let algorithm = Algorithm.allCases[Int(random.uniform(below: 3))]
        let format: CodeFormat = random.uniform(below: 6) == 0 ? .steam : .decimal(digits: 6 + Int(random.uniform(below: 5)))
        let factor: Factor
        if random.uniform(below: 2) == 0 {
            factor = .counter(randomUInt64(random))
        } else {
            let period = max(1, Int64(bitPattern: randomUInt64(random)) & (random.uniform(below: 2) == 0 ? 0xff : .max))
            let t0 = random.uniform(below: 3) == 0 ? Int64(bitPattern: randomUInt64(random)) : 0
            factor = .timer(period: period, t0: t0)
        }
        let secret = SecureBytes(randomCount: 1 + Int(random.uniform(below: 64)), using: random)
        if format == .steam { return Token(issuer: randomText(random), account: randomText(random), generator: try Generator.steam(secret: secret)) }
        let generator = try Generator(factor: factor.clampingCounter, secret: secret, algorithm: algorithm, format: format)
        return Token(issuer: randomText(random), account: randomText(random), generator: generator)
    }

    /// Up to eight pieces or random scalars.
    static func randomText(_ random: DeterministicRandom) -> String {
        let length = Int(random.uniform(below: 9))
        var text = ""
        for _ in 0..<length {
            if random.uniform(below: 4) == 0 {
                text.unicodeScalars.append(randomScalar(random))
            } else {
                text += pieces[Int(random.uniform(below: UInt32(pieces.count)))]
            }
        }
        return text
    }

    /// A scalar from a range chosen at random: ASCII, combining marks, joiners and variation
    /// selectors, Hangul jamo, regional indicators and emoji modifiers, any of the BMP or
    /// any at all (surrogate code points, which are not scalars, are retried).
    static func randomScalar(_ random: DeterministicRandom) -> Unicode.Scalar {
        let ranges: [ClosedRange<UInt32>] = [
            0x00...0x7F, 0x300...0x36F, 0x1AB0...0x1AFF, 0x20D0...0x20FF, 0x200B...0x200F, 0xFE00...0xFE0F,
            0xE0100...0xE01EF, 0x1100...0x11FF, 0x1F1E6...0x1F1FF, 0x1F3FB...0x1F3FF, 0x0...0xFFFF, 0x0...0x10FFFF,
        ]
        while true {
            let range = ranges[Int(random.uniform(below: UInt32(ranges.count)))]
            let value = range.lowerBound + random.uniform(below: range.upperBound - range.lowerBound + 1)
            if let scalar = Unicode.Scalar(value) { return scalar }
        }
    }

    /// Whether a `:` scalar is followed by a scalar that makes it part of a larger `Character`.
    static func hasColonJoinedToNextScalar(_ text: String) -> Bool {
        text.contains { $0 != ":" && $0.unicodeScalars.first == ":" }
    }

    static func randomUInt64(_ random: DeterministicRandom) -> UInt64 {
        var value: UInt64 = 0
        withUnsafeMutableBytes(of: &value) { random.fill($0) }
        return value
    }
}

extension Factor {
    /// The factor with an HOTP counter of 2⁶⁴ − 1 (which no generator holds) lowered by one.
    fileprivate var clampingCounter: Factor {
        if case let .counter(counter) = self { return .counter(min(counter, Generator.maximumCounter)) }
        return self
    }
}
