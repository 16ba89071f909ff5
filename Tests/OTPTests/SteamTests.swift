import SodiumBridge
import OTP
import Testing

@Suite("Steam Guard")
struct SteamTests {
    /// Known answers from other implementations' tests; each row names its source.
    @Test func codesMatchOtherImplementationsKnownAnswers() throws {
        let rows = try Vectors.rows("steam")
        #expect(rows.count == 4)
        for row in rows {
            let generator = try Generator.steam(secret: try Base32.decode(row[0]))
            let value = try #require(Int64(row[2]))
            switch row[1] {
            case "time": #expect(try generator.code(at: unix(Double(value))) == row[3], "\(row[4])")
            case "counter": #expect(generator.code(forCounter: UInt64(value)) == row[3], "\(row[4])")
            default: Issue.record("unknown kind \(row[1])")
            }
        }
    }

    @Test func steamGeneratorsAreSHA1WithAThirtySecondPeriodAndFiveCharacters() throws {
        let generator = try Generator.steam(secret: try Base32.decode("63BEDWCQZKTQWPESARIERL5DTTQFCJTK"))
        #expect(generator.factor == .timer(period: 30, t0: 0))
        #expect(generator.algorithm == .sha1)
        #expect(generator.format == .steam)
        #expect(generator.digits == 5)
    }

    @Test func codesUseOnlyTheSteamAlphabet() throws {
        let generator = try Generator.steam(secret: SecureBytes(copying: Array(0..<20)))
        let alphabet = Set("23456789BCDFGHJKMNPQRTVWXY")
        #expect(CodeFormat.steamAlphabet.count == 26)
        for counter: UInt64 in 0..<200 {
            let code = generator.code(forCounter: counter)
            #expect(code.count == 5)
            #expect(code.allSatisfy(alphabet.contains))
        }
    }

    /// Steam Guard is always SHA-1, time-based, 30 s from T0 = 0: anything else is refused
    /// when a generator is made (so by `add`, URI and file imports and the record encoding).
    @Test(arguments: [
        (Factor.timer(period: 30, t0: 0), Algorithm.sha256),
        (Factor.timer(period: 30, t0: 0), Algorithm.sha512),
        (Factor.timer(period: 60, t0: 0), Algorithm.sha1),
        (Factor.timer(period: 30, t0: 10), Algorithm.sha1),
        (Factor.counter(0), Algorithm.sha1),
    ])
    func steamWithOtherParametersIsRefused(_ factor: Factor, _ algorithm: Algorithm) {
        #expect(throws: OTPError.invalidSteamParameters) {
            try Generator(factor: factor, secret: SecureBytes(copying: [1]), algorithm: algorithm, format: .steam)
        }
    }

    @Test(arguments: [
        "otpauth://steam/S:a?secret=JBSWY3DPEHPK3PXP&algorithm=SHA256",
        "otpauth://steam/S:a?secret=JBSWY3DPEHPK3PXP&period=60",
        "otpauth://hotp/S:a?secret=JBSWY3DPEHPK3PXP&counter=1&encoder=steam",
        "otpauth://totp/S:a?secret=JBSWY3DPEHPK3PXP&algorithm=SHA512&encoder=steam",
    ])
    func steamURIsWithOtherParametersAreRefused(_ uri: String) {
        #expect(throws: OTPError.invalidSteamParameters) { try TokenURI(parsing: uri) }
    }

    @Test func aSteamGeneratorNeedsASecret() {
        #expect(throws: OTPError.emptySecret) { try Generator.steam(secret: SecureBytes(copying: [])) }
    }
}
