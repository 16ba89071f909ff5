import SodiumBridge
import OTP
import Testing

@Suite("Generator")
struct GeneratorTests {
    let secret = asciiSecret("12345678901234567890")

    @Test func codesHaveLeadingZerosAndTheRequestedDigits() throws {
        // RFC 6238 Appendix B, SHA-1 at 1111111109: 07081804 (8 digits) ends in 081804.
        let eight = try Generator(factor: .timer(period: 30), secret: rfc6238Seed(.sha1), format: .decimal(digits: 8))
        let six = try Generator(factor: .timer(period: 30), secret: rfc6238Seed(.sha1), format: .decimal(digits: 6))
        #expect(eight.code(forCounter: 1111111109 / 30) == "07081804")
        #expect(six.code(forCounter: 1111111109 / 30) == "081804")
    }

    @Test func tenDigitCodesAreTheWhole31BitValue() throws {
        // RFC 4226 Appendix D lists the truncated decimal value of counter 0: 1284755224.
        let generator = try Generator(factor: .counter(0), secret: secret, format: .decimal(digits: 10))
        #expect(generator.code(forCounter: 0) == "1284755224")
        // Counter 1's value 1094287082 has ten digits too; counter 5's, 868254676, needs a leading zero.
        #expect(generator.code(forCounter: 1) == "1094287082")
        #expect(generator.code(forCounter: 5) == "0868254676")
    }

    @Test func everyDigitCountFromSixToTenIsAccepted() throws {
        for digits in 6...10 {
            let generator = try Generator(factor: .counter(0), secret: secret, format: .decimal(digits: digits))
            #expect(generator.digits == digits)
            #expect(generator.code(forCounter: 0) == String("1284755224".suffix(digits)))
        }
    }

    @Test func initRejectsAnEmptySecret() {
        #expect(throws: OTPError.emptySecret) { try Generator(factor: .counter(0), secret: SecureBytes(copying: [])) }
    }

    @Test func initRejectsDigitsOutsideSixToTen() {
        for digits in [-1, 0, 5, 11, 100] {
            #expect(throws: OTPError.digitsOutOfRange(digits)) {
                try Generator(factor: .counter(0), secret: secret, format: .decimal(digits: digits))
            }
        }
    }

    @Test func initRejectsAPeriodUnderOneSecond() {
        for period: Int64 in [0, -30, .min] {
            #expect(throws: OTPError.invalidPeriod(period)) {
                try Generator(factor: .timer(period: period), secret: secret)
            }
        }
    }

    @Test func theLastCounterHasACode() throws {
        let generator = try Generator(factor: .counter(0), secret: secret)
        #expect(generator.code(forCounter: .max).count == 6)
        #expect(generator.code(forCounter: .max) != generator.code(forCounter: .max - 1))
    }

    @Test func equalityComparesParametersAndSecret() throws {
        let a = try Generator(factor: .timer(period: 30), secret: secret)
        #expect(a == (try Generator(factor: .timer(period: 30), secret: asciiSecret("12345678901234567890"))))
        #expect(a != (try Generator(factor: .timer(period: 30), secret: asciiSecret("12345678901234567891"))))
        #expect(a != (try Generator(factor: .timer(period: 60), secret: secret)))
        #expect(a != (try Generator(factor: .timer(period: 30), secret: secret, algorithm: .sha256)))
        #expect(a != (try Generator(factor: .timer(period: 30), secret: secret, format: .decimal(digits: 8))))
        #expect(a != (try Generator(factor: .counter(0), secret: secret)))
    }

    @Test func hashingIgnoresTheSecret() throws {
        let a = try Generator(factor: .timer(period: 30), secret: secret)
        let b = try Generator(factor: .timer(period: 30), secret: asciiSecret("another secret"))
        #expect(a.hashValue == b.hashValue)
    }

    @Test func printingNeverShowsTheSecret() throws {
        let generator = try Generator(factor: .timer(period: 30), secret: asciiSecret("S3CR3T-BYTES-4-TEST"))
        var dumped = ""
        dump(generator, to: &dumped)
        for text in [generator.description, generator.debugDescription, "\(generator)", String(reflecting: generator), dumped] {
            #expect(!text.contains("S3CR3T"))
            #expect(!text.contains(Base32.encode(generator.secret).prefix(8)))
        }
        #expect(generator.description == "Generator(totp, period 30 s, SHA1, 6 digits, secret redacted)")
    }
}
