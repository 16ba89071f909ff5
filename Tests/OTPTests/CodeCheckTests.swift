import Foundation
import OTP
import Testing

@Suite("Code checks")
struct CodeCheckTests {
    /// RFC 6238 SHA-1, 8 digits: step 37037036 (1111111080…1111111109) is 07081804 and
    /// step 37037037 (1111111110…1111111139) is 14050471 (Appendix B).
    let totp: Generator
    let hotp: Generator

    init() throws {
        totp = try Generator(factor: .timer(period: 30), secret: rfc6238Seed(.sha1), format: .decimal(digits: 8))
        hotp = try Generator(factor: .counter(0), secret: asciiSecret("12345678901234567890"))
    }

    // MARK: TOTP window

    @Test func theCurrentCodeMatchesAtOffsetZero() throws {
        let result = try totp.check("07081804", at: unix(1111111109))
        #expect(result == .accepted(CodeCheckMatch(offset: 0, counter: 37037036)))
    }

    @Test func thePreviousAndNextStepsMatchInTheDefaultWindow() throws {
        // Just past the step boundary, the code of the step before is offset −1…
        #expect(try totp.check("07081804", at: unix(1111111110)) == .accepted(CodeCheckMatch(offset: -1, counter: 37037036)))
        // …and a second before it, the next step's code is offset +1.
        #expect(try totp.check("14050471", at: unix(1111111109)) == .accepted(CodeCheckMatch(offset: 1, counter: 37037037)))
    }

    @Test func codesOutsideTheWindowAreRejected() throws {
        #expect(try totp.check("07081804", at: unix(1111111140)) == .rejected)
        #expect(try totp.check("07081804", at: unix(1111111110), window: .exact) == .rejected)
        #expect(try totp.check("14050471", at: unix(1111111109), window: CodeCheckWindow(behind: 1, ahead: 0)) == .rejected)
        #expect(try totp.check("07081804", at: unix(1111111110), window: CodeCheckWindow(behind: 1, ahead: 0)) == .accepted(CodeCheckMatch(offset: -1, counter: 37037036)))
    }

    @Test func widerWindowsReportTheStepOffset() throws {
        let result = try totp.check("07081804", at: unix(1111111109 + 90), window: .symmetric(3))
        #expect(result == .accepted(CodeCheckMatch(offset: -3, counter: 37037036)))
    }

    @Test func wrongCodesAndCodesOfAnotherLengthAreRejected() throws {
        #expect(try totp.check("07081805", at: unix(1111111109)) == .rejected)
        #expect(try totp.check("081804", at: unix(1111111109)) == .rejected)
        #expect(try totp.check("", at: unix(1111111109)) == .rejected)
        #expect(try totp.check("070818040", at: unix(1111111109)) == .rejected)
    }

    // MARK: Replay

    @Test func aCodeAtTheLastAcceptedStepIsAReplay() throws {
        let first = try totp.check("07081804", at: unix(1111111100), lastAcceptedCounter: nil)
        let match = try #require(first.acceptedMatch)
        let again = try totp.check("07081804", at: unix(1111111105), lastAcceptedCounter: match.counter)
        #expect(again == .replayed(CodeCheckMatch(offset: 0, counter: 37037036)))
    }

    @Test func aCodeBeforeTheLastAcceptedStepIsAReplay() throws {
        // Step 37037037 was accepted; the code of 37037036 is still in the window but older.
        let result = try totp.check("07081804", at: unix(1111111115), lastAcceptedCounter: 37037037)
        #expect(result == .replayed(CodeCheckMatch(offset: -1, counter: 37037036)))
    }

    @Test func aCodeAfterTheLastAcceptedStepIsAccepted() throws {
        let result = try totp.check("14050471", at: unix(1111111109), lastAcceptedCounter: 37037036)
        #expect(result == .accepted(CodeCheckMatch(offset: 1, counter: 37037037)))
    }

    @Test func checkingUsesTheInjectedClock() throws {
        let clock = FixedTimeSource(unixTime: 1111111109)
        #expect(try totp.check("07081804", using: clock) == .accepted(CodeCheckMatch(offset: 0, counter: 37037036)))
    }

    // MARK: Edges

    @Test func atCounterZeroTheWindowDoesNotGoBelowZero() throws {
        // RFC 6238 Appendix B seed, 8 digits; counter 0 is the first step.
        let atZero = try totp.check(totp.code(forCounter: 0), at: unix(0), window: .symmetric(5))
        #expect(atZero == .accepted(CodeCheckMatch(offset: 0, counter: 0)))
        let next = try totp.check(totp.code(forCounter: 1), at: unix(29), window: .symmetric(5))
        #expect(next == .accepted(CodeCheckMatch(offset: 1, counter: 1)))
        // Offset −1 at step 0 would wrap to counter 2^64 − 1 if it were not skipped.
        #expect(try totp.check(totp.code(forCounter: .max), at: unix(0), window: .symmetric(5)) == .rejected)
    }

    @Test func atTheLastCounterTheWindowDoesNotWrapAround() throws {
        let generator = try Generator(factor: .timer(period: 1, t0: .min), secret: rfc6238Seed(.sha1))
        // The largest Double below 2^63 is step 2^64 − 1024; use HOTP look-ahead for the true last counter.
        let last = generator.code(forCounter: .max)
        #expect(generator.check(last, expectedCounter: .max - 1, lookAhead: 5) == .accepted(CodeCheckMatch(offset: 1, counter: .max)))
        #expect(generator.check(generator.code(forCounter: 0), expectedCounter: .max, lookAhead: 5) == .rejected)
        #expect(CodeCheckMatch(offset: 0, counter: .max).nextCounter == nil)
        #expect(CodeCheckMatch(offset: 0, counter: 7).nextCounter == 8)
    }

    @Test func unixTimeChecksReachTheLastStepWithoutWrapping() throws {
        let generator = try Generator(factor: .timer(period: 1, t0: .min), secret: rfc6238Seed(.sha1))
        #expect(try generator.check(generator.code(forCounter: .max), atUnixTime: .max) == .accepted(CodeCheckMatch(offset: 0, counter: .max)))
        #expect(try generator.check(generator.code(forCounter: .max - 1), atUnixTime: .max) == .accepted(CodeCheckMatch(offset: -1, counter: .max - 1)))
        // Offset +1 at step 2^64 − 1 would wrap to counter 0 if it were not skipped.
        #expect(try generator.check(generator.code(forCounter: 0), atUnixTime: .max, window: .symmetric(5)) == .rejected)
        #expect(try generator.check(generator.code(forCounter: .max), atUnixTime: .max, lastAcceptedCounter: .max) == .replayed(CodeCheckMatch(offset: 0, counter: .max)))
    }

    @Test func aT0InTheFutureIsAnErrorNotARejection() throws {
        let generator = try Generator(factor: .timer(period: 30, t0: 2_000_000_000), secret: rfc6238Seed(.sha1))
        #expect(throws: OTPError.timeBeforeT0(time: 1_999_999_999, t0: 2_000_000_000)) {
            try generator.check("000000", at: unix(1_999_999_999))
        }
        // At T0 the window holds steps 0 and 1 only.
        #expect(try generator.check(generator.code(forCounter: 0), at: unix(2_000_000_000)) == .accepted(CodeCheckMatch(offset: 0, counter: 0)))
    }

    @Test func aTOTPCheckOfAnHOTPGeneratorIsAnError() {
        #expect(throws: OTPError.notTimeBased) { try hotp.check("755224", at: unix(0)) }
    }

    // MARK: HOTP

    @Test func hotpAcceptsTheExpectedCounter() {
        // RFC 4226 Appendix D: counter 3 → 969429.
        #expect(hotp.check("969429", expectedCounter: 3) == .accepted(CodeCheckMatch(offset: 0, counter: 3)))
        #expect(hotp.check("969429", expectedCounter: 3).acceptedMatch?.nextCounter == 4)
    }

    @Test func hotpLookAheadAcceptsLaterCounters() {
        // RFC 4226 Appendix D: counter 7 → 162583.
        #expect(hotp.check("162583", expectedCounter: 3) == .rejected)
        #expect(hotp.check("162583", expectedCounter: 3, lookAhead: 3) == .rejected)
        #expect(hotp.check("162583", expectedCounter: 3, lookAhead: 4) == .accepted(CodeCheckMatch(offset: 4, counter: 7)))
    }

    @Test func hotpNeverAcceptsACounterBeforeTheExpectedOne() {
        // After counter 3 (969429) was accepted, 4 is expected: the same code is refused.
        #expect(hotp.check("969429", expectedCounter: 4, lookAhead: 10) == .rejected)
    }

    @Test func hotpResynchronisationNeedsTwoConsecutiveCodes() {
        // RFC 4226 Appendix D: 8 → 399871, 9 → 520489, 6 → 287922.
        #expect(hotp.resynchronize(firstCode: "399871", secondCode: "520489", expectedCounter: 0, lookAhead: 20) == .accepted(CodeCheckMatch(offset: 9, counter: 9)))
        #expect(hotp.resynchronize(firstCode: "287922", secondCode: "520489", expectedCounter: 0, lookAhead: 20) == .rejected)
        #expect(hotp.resynchronize(firstCode: "520489", secondCode: "399871", expectedCounter: 0, lookAhead: 20) == .rejected)
    }

    @Test func hotpResynchronisationStaysInsideItsWindow() {
        // The first code must lie within expectedCounter … expectedCounter + lookAhead.
        #expect(hotp.resynchronize(firstCode: "399871", secondCode: "520489", expectedCounter: 0, lookAhead: 7) == .rejected)
        #expect(hotp.resynchronize(firstCode: "399871", secondCode: "520489", expectedCounter: 0, lookAhead: 8) == .accepted(CodeCheckMatch(offset: 9, counter: 9)))
        #expect(hotp.resynchronize(firstCode: "399871", secondCode: "520489", expectedCounter: 9, lookAhead: 20) == .rejected)
    }

    @Test func hotpResynchronisationAtTheLastCounter() {
        let first = hotp.code(forCounter: .max - 1)
        let second = hotp.code(forCounter: .max)
        #expect(hotp.resynchronize(firstCode: first, secondCode: second, expectedCounter: .max - 3, lookAhead: 10) == .accepted(CodeCheckMatch(offset: 3, counter: .max)))
        #expect(hotp.resynchronize(firstCode: second, secondCode: first, expectedCounter: .max - 3, lookAhead: 10) == .rejected)
    }
}
