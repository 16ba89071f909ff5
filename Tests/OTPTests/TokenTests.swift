import OTP
import Testing

@Suite("Token")
struct TokenTests {
    let secretText = "S3CR3T-BYTES-4-TEST"

    func token(issuer: String = "ACME", account: String = "alice", secret: String? = nil, period: Int64 = 30) throws -> Token {
        Token(issuer: issuer, account: account, generator: try Generator(factor: .timer(period: period), secret: asciiSecret(secret ?? secretText)))
    }

    @Test func equalTokensHaveTheSameIdentityParametersAndSecret() throws {
        #expect(try token() == token())
        #expect(try token() != token(issuer: "Other"))
        #expect(try token() != token(account: "bob"))
        #expect(try token() != token(period: 60))
        #expect(try token() != token(secret: "another secret"))
    }

    @Test func hashingUsesThePublicIdentityNotTheSecret() throws {
        #expect(try token().hashValue == token(secret: "another secret").hashValue)
        #expect(try Set([token(), token(), token(account: "bob")]).count == 2)
    }

    @Test func printingDumpingAndMirroringNeverShowTheSecret() throws {
        let token = try token()
        var dumped = ""
        dump(token, to: &dumped)
        let mirrored = Mirror(reflecting: token).children.map { "\($0.label ?? ""): \($0.value)" }.joined(separator: "\n")
        let base32 = Base32.encode(token.generator.secret)
        for text in [token.description, token.debugDescription, "\(token)", String(reflecting: token), dumped, mirrored] {
            #expect(!text.contains(secretText), "\(text)")
            #expect(!text.contains(base32.prefix(8)), "\(text)")
        }
        #expect(token.description == #"Token(issuer: "ACME", account: "alice", Generator(totp, period 30 s, SHA1, 6 digits, secret redacted))"#)
        #expect(dumped.contains("alice"))
    }

    @Test func theURIContainsTheSecretButErrorsAboutItDoNot() throws {
        // The URI is the secret in another form (for QR codes); error messages never are.
        #expect(try token().uri.contains(Base32.encode(asciiSecret(secretText))))
        for error in [OTPError.missingSecret, .emptySecret, .invalidBase32Length(3)] {
            #expect(!error.message.contains(secretText))
        }
    }
}
