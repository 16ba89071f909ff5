import AccountModel
import OTP
import SodiumBridge

/// A TOTP token for the limit tests: `issuer`, `account` and a secret of `secretLength`
/// bytes (1, 2, 3…), so a test can put any field at or past its limit.
func limitTestToken(issuer: String = "Example", account: String = "alice", secretLength: Int = 20) throws -> Token {
    let secret = SecureBytes(copying: (0..<secretLength).map { UInt8(truncatingIfNeeded: $0 &+ 1) })
    return Token(issuer: issuer, account: account, generator: try Generator(factor: .timer(period: 30), secret: secret))
}
