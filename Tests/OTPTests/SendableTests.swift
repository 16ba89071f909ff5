import OTP
import Testing

/// Compiles only when `T` is `Sendable`: a failure here is a build error.
private func requireSendable<T: Sendable>(_: T.Type) -> Bool { true }

@Suite("Sendable")
struct SendableTests {
    @Test func everyPublicTypeIsSendable() {
        #expect(requireSendable(Algorithm.self))
        #expect(requireSendable(Factor.self))
        #expect(requireSendable(CodeFormat.self))
        #expect(requireSendable(Generator.self))
        #expect(requireSendable(Token.self))
        #expect(requireSendable(TokenURI.self))
        #expect(requireSendable(TimedCode.self))
        #expect(requireSendable(CodeCheckWindow.self))
        #expect(requireSendable(CodeCheckMatch.self))
        #expect(requireSendable(CodeCheckResult.self))
        #expect(requireSendable(OTPError.self))
        #expect(requireSendable(SystemTimeSource.self))
        #expect(requireSendable(FixedTimeSource.self))
    }
}
