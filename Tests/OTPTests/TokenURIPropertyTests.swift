import SodiumBridge
import OTP
import Testing

/// format → parse gives back the same token, for random tokens from a seeded (so
/// reproducible) random source.
@Suite("otpauth:// URI round trip")
struct TokenURIPropertyTests {
    /// Characters that stress the label and parameter syntax, plus non-ASCII text.
    static let pieces: [String] = [
        "a", "Z", "0", "9", " ", ":", "%", "%3A", "%20", "&", "=", "+", "?", "#", "/", "@", ".", "-", "_", "~",
        "é", "e\u{301}", "日本", "👩‍💻", "\t", "\"", "'", ";", ",", "[", "]",
    ]

    @Test func formattingThenParsingGivesBackEveryRandomToken() throws {
        let random = DeterministicRandom(seed: "TokenURIPropertyTests.v1")
        for _ in 0..<1000 {
            let token = try Self.randomToken(random)
            let uri = token.uri
            let parsed = try TokenURI(parsing: uri)
            #expect(parsed.token == token, "\(uri)")
            #expect(parsed.token.issuer == token.issuer)
            #expect(parsed.token.account == token.account)
            #expect(!parsed.hasConflictingIssuers)
            // Canonical: formatting the parsed token gives the same text.
            #expect(parsed.token.uri == uri)
        }
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
        let generator = try Generator(factor: factor, secret: secret, algorithm: algorithm, format: format)
        return Token(issuer: randomText(random), account: randomText(random), generator: generator)
    }

    static func randomText(_ random: DeterministicRandom) -> String {
        let length = Int(random.uniform(below: 8))
        return (0..<length).map { _ in pieces[Int(random.uniform(below: UInt32(pieces.count)))] }.joined()
    }

    static func randomUInt64(_ random: DeterministicRandom) -> UInt64 {
        var value: UInt64 = 0
        withUnsafeMutableBytes(of: &value) { random.fill($0) }
        return value
    }
}
