import AuthenticatorKit
import Foundation
import Testing

/// The Swift example of README.md ("One-time codes in ten lines"), compiled and run so the
/// README cannot drift from the API.
@Suite("README example")
struct ReadmeExampleTests {
    @Test func readmeOTPExampleGivesRFC6238sCodeAndAcceptsIt() throws {
        // RFC 6238's SHA-1 test secret ("12345678901234567890"), typed the way people type it.
        let secret = try Base32.decode("gezd gnbv gy3t qojq gezd gnbv gy3t qojq")
        let generator = try Generator(factor: .timer(period: 30), secret: secret)
        // RFC 6238, Appendix B: T = 59 s, SHA-1 → 94287082; six digits keep 287082.
        #expect(try generator.code(atUnixTime: 59) == "287082")

        let token = try TokenURI(parsing: "otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub").token
        let shown = try token.generator.timedCode(using: SystemTimeSource())
        #expect(token.issuer == "GitHub")
        #expect(shown.code.count == 6 && shown.nextCode.count == 6)
        #expect((1...30).contains(shown.secondsRemaining))
        guard case .accepted = try generator.check("287082", atUnixTime: 59) else {
            Issue.record("the RFC code was not accepted")
            return
        }
    }
}
