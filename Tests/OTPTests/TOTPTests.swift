import Foundation
import OTP
import Testing

@Suite("TOTP")
struct TOTPTests {
    @Test func codesMatchRFC6238AppendixB() throws {
        let rows = try Vectors.rows("rfc6238-totp")
        #expect(rows.count == 18)
        for row in rows {
            let time = try #require(Double(row[0]))
            let algorithm = try #require(Algorithm(rawValue: row[1]))
            let generator = try Generator(factor: .timer(period: 30), secret: rfc6238Seed(algorithm), algorithm: algorithm, format: .decimal(digits: 8))
            #expect(try generator.code(at: unix(time)) == row[2], "\(row[0]) \(row[1])")
            #expect(try generator.code(using: FixedTimeSource(unixTime: time)) == row[2])
        }
    }

    @Test func counterIsWholePeriodsSinceT0() throws {
        let generator = try Generator(factor: .timer(period: 30, t0: 100), secret: rfc6238Seed(.sha1))
        #expect(try generator.counter(at: unix(100)) == 0)
        #expect(try generator.counter(at: unix(129.999)) == 0)
        #expect(try generator.counter(at: unix(130)) == 1)
        #expect(try generator.counter(at: unix(100 + 30 * 1000 + 29)) == 1000)
    }

    @Test func stepBoundariesChangeTheCodeExactlyOnThePeriod() throws {
        let generator = try Generator(factor: .timer(period: 30), secret: rfc6238Seed(.sha1), format: .decimal(digits: 8))
        // RFC 6238 Appendix B: 59 → 94287082 (step 1), 1111111109 → 07081804 and 1111111111 → 14050471 straddle a step.
        #expect(try generator.code(at: unix(59.999)) == "94287082")
        #expect(try generator.code(at: unix(30)) == "94287082")
        #expect(try generator.code(at: unix(1111111109)) == "07081804")
        #expect(try generator.code(at: unix(1111111110)) == "14050471")
    }

    @Test func aPeriodOfOneSecondAndLongPeriodsWork() throws {
        let one = try Generator(factor: .timer(period: 1), secret: rfc6238Seed(.sha1))
        #expect(try one.counter(at: unix(1234567890)) == 1234567890)
        let huge = try Generator(factor: .timer(period: .max), secret: rfc6238Seed(.sha1))
        #expect(try huge.counter(at: unix(2_000_000_000)) == 0)
    }

    @Test func aTimeBeforeT0IsAnError() throws {
        let generator = try Generator(factor: .timer(period: 30, t0: 1000), secret: rfc6238Seed(.sha1))
        #expect(throws: OTPError.timeBeforeT0(time: 999, t0: 1000)) { try generator.code(at: unix(999.5)) }
        #expect(throws: OTPError.timeBeforeT0(time: -1, t0: 1000)) { try generator.counter(at: unix(-0.5)) }
    }

    @Test func aT0InTheFutureIsAnErrorUntilItArrives() throws {
        let now = unix(1_700_000_000)
        let generator = try Generator(factor: .timer(period: 30, t0: 1_700_000_060), secret: rfc6238Seed(.sha1))
        #expect(throws: OTPError.timeBeforeT0(time: 1_700_000_000, t0: 1_700_000_060)) { try generator.timedCode(using: FixedTimeSource(now)) }
        #expect(try generator.counter(at: unix(1_700_000_060)) == 0)
    }

    @Test func timesAtTheEndsOf64BitsHaveCounters() throws {
        // T0 = Int64.min and period 1: the full 64-bit counter range is reachable.
        let generator = try Generator(factor: .timer(period: 1, t0: .min), secret: rfc6238Seed(.sha1))
        #expect(try generator.counter(at: unix(-9_223_372_036_854_775_808)) == 0)
        // 2^62 is exactly representable as a Double.
        #expect(try generator.counter(at: unix(4_611_686_018_427_387_904)) == UInt64(1) << 63 | UInt64(1) << 62)
    }

    @Test func aTimeBeyond64BitsOrNotFiniteIsAnError() throws {
        let generator = try Generator(factor: .timer(period: 30), secret: rfc6238Seed(.sha1))
        #expect(throws: OTPError.unrepresentableTime) { try generator.counter(at: unix(1e19)) }
        #expect(throws: OTPError.unrepresentableTime) { try generator.counter(at: unix(-1e19)) }
        #expect(throws: OTPError.unrepresentableTime) { try generator.counter(at: unix(.infinity)) }
        #expect(throws: OTPError.unrepresentableTime) { try generator.counter(at: unix(.nan)) }
    }

    @Test func anHOTPGeneratorHasNoTimeSteps() throws {
        let generator = try Generator(factor: .counter(0), secret: rfc6238Seed(.sha1))
        #expect(throws: OTPError.notTimeBased) { try generator.code(at: unix(59)) }
        #expect(throws: OTPError.notTimeBased) { try generator.timedCode(at: unix(59)) }
    }

    @Test func timedCodeGivesCodeValidityAndNextCode() throws {
        let generator = try Generator(factor: .timer(period: 30), secret: rfc6238Seed(.sha1), format: .decimal(digits: 8))
        // RFC 6238 Appendix B: 1111111109 (step 37037036) → 07081804; 1111111111 (step 37037037) → 14050471.
        let shown = try generator.timedCode(at: unix(1111111109.25))
        #expect(shown.code == "07081804")
        #expect(shown.nextCode == "14050471")
        #expect(shown.counter == 37037036)
        #expect(shown.validFrom == unix(1111111080))
        #expect(shown.validUntil == unix(1111111110))
        #expect(shown.remaining == 0.75)
        #expect(shown.secondsRemaining == 1)
    }

    @Test func secondsRemainingCountsDownToZero() throws {
        let generator = try Generator(factor: .timer(period: 30), secret: rfc6238Seed(.sha1))
        let shown = try generator.timedCode(at: unix(60))
        #expect(shown.secondsRemaining == 30)
        #expect(shown.secondsRemaining(at: unix(75)) == 15)
        #expect(shown.secondsRemaining(at: unix(89.5)) == 1)
        #expect(shown.secondsRemaining(at: unix(90)) == 0)
        #expect(shown.secondsRemaining(at: unix(500)) == 0)
    }

    @Test func timedCodeHonoursT0() throws {
        let generator = try Generator(factor: .timer(period: 30, t0: 7), secret: rfc6238Seed(.sha1))
        let shown = try generator.timedCode(using: FixedTimeSource(unixTime: 40))
        #expect(shown.counter == 1)
        #expect(shown.validFrom == unix(37))
        #expect(shown.validUntil == unix(67))
        #expect(shown.code == generator.code(forCounter: 1))
        #expect(shown.nextCode == generator.code(forCounter: 2))
    }

    @Test func unixTimesGiveExactStepsOverThe64BitRange() throws {
        let generator = try Generator(factor: .timer(period: 1, t0: .min), secret: rfc6238Seed(.sha1))
        #expect(try generator.counter(atUnixTime: .min) == 0)
        #expect(try generator.counter(atUnixTime: .max) == .max)
        #expect(try generator.code(atUnixTime: .max) == generator.code(forCounter: .max))
        let thirty = try Generator(factor: .timer(period: 30, t0: 0), secret: rfc6238Seed(.sha1), format: .decimal(digits: 8))
        // RFC 6238 Appendix B: 20000000000 → 65353130 (SHA-1).
        #expect(try thirty.code(atUnixTime: 20_000_000_000) == "65353130")
        #expect(throws: OTPError.timeBeforeT0(time: -1, t0: 0)) { try thirty.code(atUnixTime: -1) }
        #expect(throws: OTPError.notTimeBased) { try Generator(factor: .counter(0), secret: rfc6238Seed(.sha1)).counter(atUnixTime: 0) }
    }
}
