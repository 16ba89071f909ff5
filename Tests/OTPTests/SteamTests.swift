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

    @Test func aSteamGeneratorNeedsASecret() {
        #expect(throws: OTPError.emptySecret) { try Generator.steam(secret: SecureBytes(copying: [])) }
    }
}
