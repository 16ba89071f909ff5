import Foundation
import OTP
import Testing

/// The snippets of `Documentation/IntegrationGuide.md` and the DocC article, compiled and
/// run, so that the documentation cannot drift from the API.
@Suite("Documentation examples")
struct DocumentationExamplesTests {
    @Test func qrCodeExampleSavesTheTokenAndWarnsAboutTheIssuer() {
        var saved: [Token] = []
        var warned = false
        var alert: String?
        for scannedText in ["otpauth://totp/Old:alice?secret=JBSWY3DPEHPK3PXP&issuer=New", "https://example.com"] {
            do throws(OTPError) {
                let parsed = try TokenURI(parsing: scannedText)
                if parsed.hasConflictingIssuers, parsed.labelIssuer != nil {
                    warned = true
                }
                saved.append(parsed.token)
            } catch {
                alert = error.message
            }
        }
        #expect(saved.map(\.issuer) == ["New"])
        #expect(warned)
        #expect(alert == "the scheme is 'https': expected otpauth://")
    }

    @Test func typedSecretExampleMarksTheOffendingCharacter() {
        var hint: (Int?, String)?
        do throws(OTPError) {
            let secret = try Base32.decode("jbsw y3dp ehp1 3pxp")
            _ = try Generator(factor: .timer(period: 30), secret: secret)
        } catch {
            switch error {
            case let .invalidBase32Character(character, position):
                hint = (position, "\(character) is not a letter A–Z or a digit 2–7")
            default:
                hint = (nil, error.message)
            }
        }
        #expect(hint?.0 == 13)
        #expect(hint?.1 == "1 is not a letter A–Z or a digit 2–7")
    }

    @Test func showingCodesExample() throws {
        let clock = FixedTimeSource(unixTime: 1111111109)
        let token = Token(account: "a", generator: try Generator(factor: .timer(period: 30), secret: rfc6238Seed(.sha1)))
        let shown = try token.generator.timedCode(using: clock)
        // RFC 6238 Appendix B (SHA-1): 07081804 and 14050471, last six digits.
        #expect(shown.code == "081804")
        #expect(shown.nextCode == "050471")
        #expect(shown.secondsRemaining(at: clock.now()) == 1)
    }

    @Test func hotpExampleShowsTheCodeAndMovesTheCounterOn() throws {
        var token = Token(account: "a", generator: try Generator(factor: .counter(0), secret: asciiSecret("12345678901234567890")))
        var shown: [String] = []
        for _ in 0..<2 {
            if case let .counter(counter) = token.generator.factor {
                shown.append(token.generator.code(forCounter: counter))
                token.generator = try token.generator.incrementingCounter()
            }
        }
        // RFC 4226 Appendix D: counters 0 and 1.
        #expect(shown == ["755224", "287082"])
        #expect(token.generator.factor == .counter(2))
    }

    @Test func codeCheckExampleStoresTheCounterAndRefusesAReplay() throws {
        let generator = try Generator(factor: .timer(period: 30), secret: rfc6238Seed(.sha1), format: .decimal(digits: 8))
        var lastCounter: UInt64?
        var outcomes: [String] = []
        for _ in 0..<2 {
            switch try generator.check("07081804", using: FixedTimeSource(unixTime: 1111111109), lastAcceptedCounter: lastCounter) {
            case let .accepted(match):
                lastCounter = match.counter
                outcomes.append("accepted \(match.offset)")
            case .replayed:
                outcomes.append("replayed")
            case .rejected:
                outcomes.append("rejected")
            }
        }
        #expect(outcomes == ["accepted 0", "replayed"])
        #expect(lastCounter == 37037036)
    }

    @Test func hotpCodeCheckExampleStoresTheNextCounter() throws {
        let generator = try Generator(factor: .counter(0), secret: asciiSecret("12345678901234567890"))
        var nextCounter: UInt64 = 0
        // RFC 4226 Appendix D: 338314 is counter 4; 399871 and 520489 are 8 and 9.
        if case let .accepted(match) = generator.check("338314", expectedCounter: nextCounter, lookAhead: 10), let next = match.nextCounter {
            nextCounter = next
        }
        #expect(nextCounter == 5)
        if case let .accepted(match) = generator.resynchronize(firstCode: "399871", secondCode: "520489", expectedCounter: nextCounter, lookAhead: 1000), let next = match.nextCounter {
            nextCounter = next
        }
        #expect(nextCounter == 10)
    }
}
