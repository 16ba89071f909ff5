import Foundation
import OTP
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
        var random = SplitMix(seed: 14)
        let formats: [CodeFormat] = [.decimal(digits: 6), .decimal(digits: 8), .decimal(digits: 10), .steam]
        for index in 0..<600 {
            let format = formats[index % formats.count]
            let generator = try Generator(factor: .timer(period: 1, t0: .min), secret: SecureBytes(copying: random.bytes(20)), format: format)
            // Counters near both ends of the range and in between.
            let current: UInt64 = switch random.next() % 3 {
            case 0: random.next() % 4
            case 1: .max - random.next() % 4
            default: random.next()
            }
            let window = CodeCheckWindow(behind: UInt32(random.next() % 4), ahead: UInt32(random.next() % 4))
            // A candidate's code (in the window or just outside), or a wrong one.
            let shift = Int64(random.next() % 11) - 5
            let (typedCounter, _) = shift >= 0 ? current.addingReportingOverflow(UInt64(shift)) : current.subtractingReportingOverflow(shift.magnitude)
            let typed = random.next() % 5 == 0 ? String(repeating: "2", count: format.length) : generator.code(forCounter: typedCounter)
            let lastAccepted: UInt64? = random.next() % 2 == 0 ? nil : current &+ UInt64(bitPattern: Int64(random.next() % 5) - 2)
            let unixTime = Int64(bitPattern: current) &+ .min  // t0 = Int64.min, period 1: step = time − t0
            let checked = try generator.check(typed, atUnixTime: unixTime, window: window, lastAcceptedCounter: lastAccepted)
            #expect(checked == modelCheck(generator, typed, current: current, window: window, lastAccepted: lastAccepted),
                    "case \(index): counter \(current), window \(window), last \(String(describing: lastAccepted))")
            // HOTP look-ahead: the model with a window of 0 behind, no replay state.
            let lookAhead = UInt32(random.next() % 4)
            #expect(generator.check(typed, expectedCounter: current, lookAhead: lookAhead)
                    == modelCheck(generator, typed, current: current, window: CodeCheckWindow(behind: 0, ahead: lookAhead), lastAccepted: nil))
        }
    }
}

/// SplitMix64, for seeded test cases.
private struct SplitMix {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func bytes(_ count: Int) -> [UInt8] { (0..<count).map { _ in UInt8(truncatingIfNeeded: next()) } }
}
