import Foundation
import OTP
import SodiumBridge
import Testing

/// The edges of checking codes written to a stack buffer instead of `String`s (issue 14):
/// every code length, Steam's alphabet, typed text that is not plain ASCII digits, strings
/// that are not native UTF-8, and the same outcome as checking with `String`s everywhere.
///
/// That checking allocates nothing is not testable here (`swift test` has no malloc counter);
/// the proof is the benchmark "TOTP verify ±1…" in `Benchmarks/` (`Malloc (total)` = 0).
@Suite("Code checks on stack buffers")
struct CodeCheckBufferTests {
    /// RFC 4226 Appendix D's secret.
    let secret = asciiSecret("12345678901234567890")

    // MARK: Every length

    @Test(arguments: [
        // RFC 4226 Appendix D, counter 0: truncated value 1284755224, reduced to each length.
        (6, "755224"), (7, "4755224"), (8, "84755224"), (9, "284755224"), (10, "1284755224"),
    ])
    func everyCodeLengthIsCheckedWholeAndExactly(_ digits: Int, _ code: String) throws {
        let generator = try Generator(factor: .counter(0), secret: secret, format: .decimal(digits: digits))
        #expect(generator.check(code, expectedCounter: 0) == .accepted(CodeCheckMatch(offset: 0, counter: 0)))
        // One digit changed, one missing, one extra: rejected.
        var changed = Array(code.utf8)
        changed[digits - 1] = changed[digits - 1] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
        #expect(generator.check(String(decoding: changed, as: UTF8.self), expectedCounter: 0) == .rejected)
        #expect(generator.check(String(code.dropLast()), expectedCounter: 0) == .rejected)
        #expect(generator.check(code + "0", expectedCounter: 0) == .rejected)
    }

    @Test func tenDigitCodesAreCheckedInATOTPWindow() throws {
        // RFC 4226's counter 1 → truncated 1094287082: the whole value, for a 10-digit TOTP at step 1.
        let generator = try Generator(factor: .timer(period: 30), secret: secret, format: .decimal(digits: 10))
        #expect(try generator.check("1094287082", at: unix(45)) == .accepted(CodeCheckMatch(offset: 0, counter: 1)))
        #expect(try generator.check("1284755224", at: unix(45)) == .accepted(CodeCheckMatch(offset: -1, counter: 0)))
    }

    // MARK: Steam

    @Test func steamCodesAreCheckedInTheirAlphabet() throws {
        // keepassxc's Steam known answer: 63BEDWCQZKTQWPESARIERL5DTTQFCJTK at 1511200518 → FR8RV.
        let generator = try Generator.steam(secret: try Base32.decode("63BEDWCQZKTQWPESARIERL5DTTQFCJTK"))
        #expect(try generator.check("FR8RV", atUnixTime: 1_511_200_518) == .accepted(CodeCheckMatch(offset: 0, counter: 1_511_200_518 / 30)))
        // 9P3VP is the code of 1511200714, 7 steps later: outside ±1 and ±6, inside ±7.
        #expect(try generator.check("9P3VP", atUnixTime: 1_511_200_518) == .rejected)
        #expect(try generator.check("9P3VP", atUnixTime: 1_511_200_518, window: .symmetric(6)) == .rejected)
        #expect(try generator.check("9P3VP", atUnixTime: 1_511_200_518, window: .symmetric(7)).acceptedMatch?.offset == 7)
        // Case matters, as it does for the String the generator prints.
        #expect(try generator.check("fr8rv", atUnixTime: 1_511_200_518) == .rejected)
        #expect(try generator.check("FR8R", atUnixTime: 1_511_200_518) == .rejected)
    }

    @Test func steamResynchronisationUsesTheSameCharacters() throws {
        // MAKS11060/otp's known answers for 20 zero bytes: counter 0 → RYH4D, 1 → DR2DK.
        let generator = try Generator.steam(secret: SecureBytes(copying: [UInt8](repeating: 0, count: 20)))
        #expect(generator.resynchronize(firstCode: "RYH4D", secondCode: "DR2DK", expectedCounter: 0, lookAhead: 3) == .accepted(CodeCheckMatch(offset: 1, counter: 1)))
    }

    // MARK: Typed text

    @Test func textThatIsNotASCIIDigitsIsRejected() throws {
        let generator = try Generator(factor: .timer(period: 30), secret: rfc6238Seed(.sha1), format: .decimal(digits: 8))
        // RFC 6238: 1111111109 → 07081804.
        let at = unix(1111111109)
        #expect(try generator.check("07081804", at: at).acceptedMatch != nil)
        // Full-width digits (3 bytes each), Arabic-Indic digits, a code with 'é' (2 bytes) as
        // many bytes long as a code, spaces, a sign, a NUL byte in place of a digit.
        for typed in ["０７０８１８０４", "٠٧٠٨١٨٠٤", "070818é", "0708 804", " 7081804", "+7081804", "0708180\u{0}"] {
            #expect(try generator.check(typed, at: at) == .rejected, "\(typed.debugDescription)")
            #expect(generator.check(typed, expectedCounter: 37037036) == .rejected, "\(typed.debugDescription)")
        }
        // The right digits followed by a combining mark are another string.
        #expect(try generator.check("07081804\u{301}", at: at) == .rejected)
    }

    @Test func stringsThatAreNotNativeUTF8AreCheckedTheSame() throws {
        let generator = try Generator(factor: .timer(period: 30), secret: rfc6238Seed(.sha1), format: .decimal(digits: 8))
        let at = unix(1111111109)
        let expected = CodeCheckResult.accepted(CodeCheckMatch(offset: 0, counter: 37037036))
        // From Foundation, from a substring, from UTF-16 code units.
        #expect(try generator.check(String(NSString(string: "07081804")), at: at) == expected)
        #expect(try generator.check(String("x07081804y".dropFirst().dropLast()), at: at) == expected)
        #expect(try generator.check(String(decoding: Array("07081804".utf16), as: UTF16.self), at: at) == expected)
    }

    @Test func resynchronisationRejectsCodesOfAnotherLength() throws {
        let hotp = try Generator(factor: .counter(0), secret: secret)
        // RFC 4226 Appendix D: 8 → 399871, 9 → 520489.
        #expect(hotp.resynchronize(firstCode: "399871", secondCode: "520489", expectedCounter: 0, lookAhead: 20).acceptedMatch != nil)
        #expect(hotp.resynchronize(firstCode: "3998710", secondCode: "520489", expectedCounter: 0, lookAhead: 20) == .rejected)
        #expect(hotp.resynchronize(firstCode: "399871", secondCode: "52048", expectedCounter: 0, lookAhead: 20) == .rejected)
        #expect(hotp.resynchronize(firstCode: "", secondCode: "", expectedCounter: 0, lookAhead: 20) == .rejected)
    }

    // MARK: Windows

    @Test func lopsidedWindowsReachOnlyTheirOwnSide() throws {
        let generator = try Generator(factor: .timer(period: 30), secret: rfc6238Seed(.sha1), format: .decimal(digits: 8))
        // 07081804 is step 37037036's code; at 1111111170 the current step is 37037039.
        let at = unix(1111111170)
        #expect(try generator.check("07081804", at: at, window: CodeCheckWindow(behind: 3, ahead: 0)) == .accepted(CodeCheckMatch(offset: -3, counter: 37037036)))
        #expect(try generator.check("07081804", at: at, window: CodeCheckWindow(behind: 2, ahead: 5)) == .rejected)
        // At 1111111020 the current step is 37037034: the code is 2 steps ahead.
        let before = unix(1111111020)
        #expect(try generator.check("07081804", at: before, window: CodeCheckWindow(behind: 0, ahead: 2)) == .accepted(CodeCheckMatch(offset: 2, counter: 37037036)))
        #expect(try generator.check("07081804", at: before, window: CodeCheckWindow(behind: 5, ahead: 1)) == .rejected)
    }

    // MARK: Several matches in one window

    /// Two secrets whose 6-digit SHA-1 codes repeat within three counters, found by searching
    /// with Python's `hmac` module and checked with `oathtool --hotp -c 0 -w 2 HEX` (neither
    /// is this package's code): ASCII `collision-582384` gives 568819, 568819, 152158 for
    /// counters 0, 1, 2; `collision-2519306` gives 911604, 326495, 911604.
    let repeatsAtZeroAndOne = asciiSecret("collision-582384")
    let repeatsAtZeroAndTwo = asciiSecret("collision-2519306")

    @Test func whenTwoStepsMatchTheNearestWins() throws {
        let generator = try Generator(factor: .timer(period: 30), secret: repeatsAtZeroAndOne)
        // At step 1, 568819 is the code of step 1 (offset 0) and of step 0 (offset −1).
        #expect(try generator.check("568819", atUnixTime: 30) == .accepted(CodeCheckMatch(offset: 0, counter: 1)))
        // Both used already: the nearest replay is reported.
        #expect(try generator.check("568819", atUnixTime: 30, lastAcceptedCounter: 1) == .replayed(CodeCheckMatch(offset: 0, counter: 1)))
        // Only step 1 is after the last accepted one.
        #expect(try generator.check("568819", atUnixTime: 30, lastAcceptedCounter: 0) == .accepted(CodeCheckMatch(offset: 0, counter: 1)))
    }

    @Test func atEqualDistanceTheEarlierStepWinsAndAnAcceptableStepBeatsAReplay() throws {
        let generator = try Generator(factor: .timer(period: 30), secret: repeatsAtZeroAndTwo)
        // At step 1, 911604 is the code of steps 0 and 2, one step either side: −1 is tried first.
        #expect(try generator.check("911604", atUnixTime: 30) == .accepted(CodeCheckMatch(offset: -1, counter: 0)))
        // Step 0 was accepted: it is a replay, but step 2 is not, and acceptance wins.
        #expect(try generator.check("911604", atUnixTime: 30, lastAcceptedCounter: 0) == .accepted(CodeCheckMatch(offset: 1, counter: 2)))
        // Both at or before the last accepted step: the first replay in window order.
        #expect(try generator.check("911604", atUnixTime: 30, lastAcceptedCounter: 2) == .replayed(CodeCheckMatch(offset: -1, counter: 0)))
        // A window that starts at the current step holds only step 2 of the two.
        #expect(try generator.check("911604", atUnixTime: 30, window: CodeCheckWindow(behind: 0, ahead: 1)) == .accepted(CodeCheckMatch(offset: 1, counter: 2)))
    }

    @Test func hotpLookAheadAndResynchronisationTakeTheFirstMatchingCounters() throws {
        let generator = try Generator(factor: .counter(0), secret: repeatsAtZeroAndOne)
        #expect(generator.check("568819", expectedCounter: 0, lookAhead: 2) == .accepted(CodeCheckMatch(offset: 0, counter: 0)))
        #expect(generator.check("568819", expectedCounter: 1, lookAhead: 2) == .accepted(CodeCheckMatch(offset: 0, counter: 1)))
        // 568819 then 568819 are counters 0 and 1; 568819 then 152158 are 1 and 2.
        #expect(generator.resynchronize(firstCode: "568819", secondCode: "568819", expectedCounter: 0, lookAhead: 1) == .accepted(CodeCheckMatch(offset: 1, counter: 1)))
        #expect(generator.resynchronize(firstCode: "568819", secondCode: "152158", expectedCounter: 0, lookAhead: 1) == .accepted(CodeCheckMatch(offset: 2, counter: 2)))
        #expect(generator.resynchronize(firstCode: "568819", secondCode: "152158", expectedCounter: 0, lookAhead: 0) == .rejected)
    }

    // MARK: The same outcomes as with Strings

    /// The check as it was written before, with a `String` per candidate: the model the
    /// stack-buffer check must agree with.
    private func modelCheck(_ generator: Generator, _ code: String, current: UInt64, window: CodeCheckWindow, lastAccepted: UInt64?) -> CodeCheckResult {
        var offsets: [Int64] = [0]
        for distance in Int64(1)...Int64(max(window.behind, window.ahead, 1)) {
            if distance <= Int64(window.behind) { offsets.append(-distance) }
            if distance <= Int64(window.ahead) { offsets.append(distance) }
        }
        var accepted: CodeCheckMatch?
        var replayed: CodeCheckMatch?
        for offset in offsets {
            let (counter, overflow) = offset >= 0
                ? current.addingReportingOverflow(UInt64(offset))
                : current.subtractingReportingOverflow(offset.magnitude)
            guard !overflow, generator.code(forCounter: counter) == code else { continue }
            let match = CodeCheckMatch(offset: offset, counter: counter)
            if let lastAccepted, counter <= lastAccepted {
                if replayed == nil { replayed = match }
            } else if accepted == nil {
                accepted = match
            }
        }
        return accepted.map(CodeCheckResult.accepted) ?? replayed.map(CodeCheckResult.replayed) ?? .rejected
    }

    @Test func checksAgreeWithTheStringModelOnSeededCases() throws {
        var random = SplitMix64(seed: 14)
        let formats: [CodeFormat] = [.decimal(digits: 6), .decimal(digits: 8), .decimal(digits: 10), .steam]
        var outcomes: [String: Int] = [:]
        for index in 0..<600 {
            let format = formats[index % formats.count]
            // Steam is fixed at 30 s from T0 = 0; the others take 1 s from T0 = Int64.min, so
            // that every counter of the 64-bit range is a time step.
            let isSteam = format == .steam
            let secret = SecureBytes(copying: random.bytes(20))
            let generator = isSteam ? try Generator.steam(secret: secret) : try Generator(factor: .timer(period: 1, t0: .min), secret: secret, format: format)
            let lastStep = isSteam ? UInt64(Int64.max / 30) : .max
            // Counters near both ends of the range and in between.
            let current: UInt64 = switch random.next() % 3 {
            case 0: random.next() % 4
            case 1: lastStep - random.next() % 4
            default: random.next() % lastStep
            }
            let window = CodeCheckWindow(behind: UInt32(random.next() % 4), ahead: UInt32(random.next() % 4))
            // A candidate's code (in the window or just outside), or a wrong one.
            let shift = Int64(random.next() % 11) - 5
            let (typedCounter, _) = shift >= 0 ? current.addingReportingOverflow(UInt64(shift)) : current.subtractingReportingOverflow(shift.magnitude)
            let typed = random.next() % 5 == 0 ? String(repeating: "2", count: format.length) : generator.code(forCounter: typedCounter)
            let lastAccepted: UInt64? = random.next() % 2 == 0 ? nil : current &+ UInt64(bitPattern: Int64(random.next() % 5) - 2)
            // Period 1 from Int64.min: step = time − t0; Steam: step = time / 30.
            let unixTime = isSteam ? Int64(current) * 30 : Int64(bitPattern: current) &+ .min
            let checked = try generator.check(typed, atUnixTime: unixTime, window: window, lastAcceptedCounter: lastAccepted)
            #expect(checked == modelCheck(generator, typed, current: current, window: window, lastAccepted: lastAccepted),
                    "case \(index): counter \(current), window \(window), last \(String(describing: lastAccepted))")
            switch checked {
            case let .accepted(match): outcomes[match.counter == 0 || match.counter == .max ? "accepted at an end" : "accepted", default: 0] += 1
            case .replayed: outcomes["replayed", default: 0] += 1
            case .rejected: outcomes["rejected", default: 0] += 1
            }
            // HOTP look-ahead: the model with a window of 0 behind, no replay state.
            let lookAhead = UInt32(random.next() % 4)
            #expect(generator.check(typed, expectedCounter: current, lookAhead: lookAhead)
                    == modelCheck(generator, typed, current: current, window: CodeCheckWindow(behind: 0, ahead: lookAhead), lastAccepted: nil))
        }
        // The cases reach every outcome, and the ends of the counter range.
        for outcome in ["accepted", "accepted at an end", "replayed", "rejected"] {
            #expect(outcomes[outcome, default: 0] > 0, "no case was \(outcome)")
        }
    }
}

