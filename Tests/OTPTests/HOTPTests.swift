import OTP
import Testing

@Suite("HOTP")
struct HOTPTests {
    let secret = asciiSecret("12345678901234567890")

    @Test func hotpCodesMatchRFC4226AppendixD() throws {
        let rows = try Vectors.rows("rfc4226-hotp")
        #expect(rows.count == 10)
        let generator = try Generator(factor: .counter(0), secret: secret)
        for row in rows {
            let counter = try #require(UInt64(row[0]))
            #expect(generator.code(forCounter: counter) == row[1], "counter \(counter)")
        }
    }

    @Test func incrementingTheCounterGivesTheNextRFC4226Code() throws {
        // RFC 4226 Appendix D: counter 0 → 755224, 1 → 287082.
        let generator = try Generator(factor: .counter(0), secret: secret)
        let next = try generator.incrementingCounter()
        #expect(next.factor == .counter(1))
        if case let .counter(counter) = next.factor {
            #expect(next.code(forCounter: counter) == "287082")
        }
        #expect(next.secret == generator.secret)
        #expect(next.algorithm == generator.algorithm)
        #expect(next.format == generator.format)
    }

    @Test func theLastCounterCannotBeIncremented() throws {
        let generator = try Generator(factor: .counter(18_446_744_073_709_551_614), secret: secret)
        #expect(throws: OTPError.counterOverflow) { try generator.incrementingCounter() }
        let before = try Generator(factor: .counter(18_446_744_073_709_551_613), secret: secret)
        #expect(try before.incrementingCounter().factor == .counter(18_446_744_073_709_551_614))
    }

    /// A counter of 2⁶⁴ − 1 is refused when a generator is made, so no account (added, read
    /// from a URI, a vault file or a backup) can hold one.
    @Test func aCounterOfTwoToTheSixtyFourMinusOneIsRefused() throws {
        #expect(throws: OTPError.counterOutOfRange) { try Generator(factor: .counter(.max), secret: secret) }
        #expect(throws: OTPError.counterOutOfRange) {
            try TokenURI(parsing: "otpauth://hotp/X:y?secret=JBSWY3DPEHPK3PXP&counter=18446744073709551615")
        }
        #expect(Generator.maximumCounter == 18_446_744_073_709_551_614)
    }

    @Test func aTimeBasedGeneratorHasNoCounterToIncrement() throws {
        let generator = try Generator(factor: .timer(period: 30), secret: secret)
        #expect(throws: OTPError.notCounterBased) { try generator.incrementingCounter() }
    }
}
