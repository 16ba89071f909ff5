import OTP
import SodiumBridge

// A compile-time check, not a test: this file builds only while every public type of `OTP`
// and of `SodiumBridge` is `Sendable`. Dropping a conformance is a
// build error here. The caseless enums that only hold static functions (`Argon2id`,
// `Base32`, `ConstantTime`, `Ed25519`, `Hash`, `Sodium`, `XChaCha20Poly1305`) have no
// values to send and are not listed.

/// Compiles only when `T` is `Sendable`.
private func requireSendable<T: Sendable>(_: T.Type) {}

private func everyPublicTypeIsSendable() {
    // OTP
    requireSendable(Algorithm.self)
    requireSendable(Factor.self)
    requireSendable(CodeFormat.self)
    requireSendable(Generator.self)
    requireSendable(Token.self)
    requireSendable(TokenURI.self)
    requireSendable(TimedCode.self)
    requireSendable(CodeCheckWindow.self)
    requireSendable(CodeCheckMatch.self)
    requireSendable(CodeCheckResult.self)
    requireSendable(OTPError.self)
    requireSendable((any TimeSource).self)
    requireSendable(SystemTimeSource.self)
    requireSendable(FixedTimeSource.self)
    // SodiumBridge
    requireSendable(SecureBytes.self)
    requireSendable(PasswordHashingCost.self)
    requireSendable(Ed25519.KeyPair.self)
    requireSendable((any RandomSource).self)
    requireSendable(SystemRandom.self)
    requireSendable(DeterministicRandom.self)
    requireSendable(Lock.self)
    requireSendable((any ReportableError).self)
    requireSendable(SodiumError.self)
}
