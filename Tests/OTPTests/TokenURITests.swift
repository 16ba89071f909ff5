import OTP
import Testing

@Suite("otpauth:// URIs")
struct TokenURITests {
    // MARK: Key Uri Format examples

    /// The example of Google Authenticator's Key Uri Format wiki page.
    @Test func parsesTheKeyUriFormatExample() throws {
        let token = try Token(uri: "otpauth://totp/Example:alice@google.com?secret=JBSWY3DPEHPK3PXP&issuer=Example")
        #expect(token.issuer == "Example")
        #expect(token.account == "alice@google.com")
        #expect(Base32.encode(token.generator.secret) == "JBSWY3DPEHPK3PXP")
        #expect(token.generator.factor == .timer(period: 30, t0: 0))
        #expect(token.generator.algorithm == .sha1)
        #expect(token.generator.format == .decimal(digits: 6))
    }

    /// The Key Uri Format wiki's example with every parameter (also in KeePassXC's TestTotp.cpp).
    @Test func parsesTheKeyUriFormatExampleWithAllParameters() throws {
        let token = try Token(uri: "otpauth://totp/ACME%20Co:john.doe@email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30")
        #expect(token.issuer == "ACME Co")
        #expect(token.account == "john.doe@email.com")
        #expect(Base32.encode(token.generator.secret) == "HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ")
        #expect(token.generator.factor == .timer(period: 30, t0: 0))
    }

    @Test func parsesNonDefaultParameters() throws {
        let token = try Token(uri: "otpauth://totp/Bank:bob?secret=GEZDGNBVGY3TQOJQ&algorithm=SHA512&digits=8&period=60")
        #expect(token.generator.algorithm == .sha512)
        #expect(token.generator.format == .decimal(digits: 8))
        #expect(token.generator.factor == .timer(period: 60, t0: 0))
    }

    @Test func parsesHOTPWithItsCounter() throws {
        let token = try Token(uri: "otpauth://hotp/Example:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&counter=42&digits=8&algorithm=SHA256")
        #expect(token.generator.factor == .counter(42))
        #expect(token.generator.algorithm == .sha256)
        #expect(token.generator.digits == 8)
    }

    // MARK: Steam

    /// Aegis writes Steam tokens with the `steam` type (GoogleAuthInfo.getUri).
    @Test func parsesSteamTypeAsAegisWritesIt() throws {
        let token = try Token(uri: "otpauth://steam/Steam:alice?period=30&digits=5&algorithm=SHA1&secret=63BEDWCQZKTQWPESARIERL5DTTQFCJTK&issuer=Steam")
        #expect(token.generator.format == .steam)
        #expect(token.generator.factor == .timer(period: 30, t0: 0))
        #expect(token.issuer == "Steam")
        #expect(token.account == "alice")
        // keepassxreboot/keepassxc tests/TestTotp.cpp: this secret gives FR8RV at 1511200518.
        #expect(try token.generator.code(at: unix(1511200518)) == "FR8RV")
    }

    /// KeePassXC writes Steam tokens as `totp` with `encoder=steam` (tests/TestTotp.cpp).
    @Test func parsesEncoderSteamAsKeePassXCWritesIt() throws {
        let parsed = try TokenURI(parsing: "otpauth://totp/test:test@example.com?secret=63BEDWCQZKTQWPESARIERL5DTTQFCJTK&issuer=Valve&algorithm=SHA1&digits=5&period=30&encoder=steam")
        #expect(parsed.token.generator.format == .steam)
        #expect(try parsed.token.generator.code(at: unix(1511200714)) == "9P3VP")
    }

    @Test func steamIgnoresTheDigitsParameter() throws {
        let token = try Token(uri: "otpauth://steam/alice?secret=GEZDGNBVGY3TQOJQ&digits=12")
        #expect(token.generator.digits == 5)
    }

    @Test func counterBasedSteamIsRefused() {
        // Steam Guard is time-based only (SHA-1, 30 s, T0 = 0).
        #expect(throws: OTPError.invalidSteamParameters) {
            try Token(uri: "otpauth://hotp/alice?secret=GEZDGNBVGY3TQOJQ&counter=3&encoder=steam")
        }
    }

    // MARK: Label and issuer

    @Test func labelIsPercentDecoded() throws {
        let token = try Token(uri: "otpauth://totp/Caf%C3%A9%20%26%20Co:j%C3%BCrgen%40example.com?secret=GEZDGNBVGY3TQOJQ")
        #expect(token.issuer == "Café & Co")
        #expect(token.account == "jürgen@example.com")
    }

    @Test func anEncodedColonSeparatesIssuerAndAccountToo() throws {
        let token = try Token(uri: "otpauth://totp/Example%3Aalice%40google.com?secret=GEZDGNBVGY3TQOJQ")
        #expect(token.issuer == "Example")
        #expect(token.account == "alice@google.com")
    }

    @Test func spacesAfterTheSeparatorAreSkipped() throws {
        let token = try Token(uri: "otpauth://totp/Big%20Corp:%20%20alice?secret=GEZDGNBVGY3TQOJQ")
        #expect(token.account == "alice")
    }

    @Test func onlyTheFirstColonSeparates() throws {
        let token = try Token(uri: "otpauth://totp/Example:alice:work?secret=GEZDGNBVGY3TQOJQ")
        #expect(token.issuer == "Example")
        #expect(token.account == "alice:work")
    }

    @Test func aLabelWithoutPrefixTakesTheIssuerParameter() throws {
        let parsed = try TokenURI(parsing: "otpauth://totp/alice?secret=GEZDGNBVGY3TQOJQ&issuer=Example")
        #expect(parsed.token.issuer == "Example")
        #expect(parsed.token.account == "alice")
        #expect(parsed.labelIssuer == nil)
        #expect(!parsed.hasConflictingIssuers)
    }

    @Test func withNeitherPrefixNorParameterTheIssuerIsEmpty() throws {
        let parsed = try TokenURI(parsing: "otpauth://totp/alice?secret=GEZDGNBVGY3TQOJQ")
        #expect(parsed.token.issuer == "")
        #expect(parsed.issuerParameter == nil)
    }

    @Test func theIssuerParameterWinsOverADifferentPrefixWhichIsKept() throws {
        let parsed = try TokenURI(parsing: "otpauth://totp/Old%20Name:alice?secret=GEZDGNBVGY3TQOJQ&issuer=New%20Name")
        #expect(parsed.token.issuer == "New Name")
        #expect(parsed.labelIssuer == "Old Name")
        #expect(parsed.issuerParameter == "New Name")
        #expect(parsed.hasConflictingIssuers)
    }

    @Test func matchingPrefixAndParameterDoNotConflict() throws {
        let parsed = try TokenURI(parsing: "otpauth://totp/Example:alice?secret=GEZDGNBVGY3TQOJQ&issuer=Example")
        #expect(!parsed.hasConflictingIssuers)
        #expect(parsed.labelIssuer == "Example")
    }

    @Test func anEmptyIssuerParameterCountsAsAbsent() throws {
        let parsed = try TokenURI(parsing: "otpauth://totp/Example:alice?secret=GEZDGNBVGY3TQOJQ&issuer=")
        #expect(parsed.token.issuer == "Example")
        #expect(parsed.issuerParameter == nil)
    }

    @Test func aPlusInAParameterIsASpace() throws {
        let token = try Token(uri: "otpauth://totp/alice?secret=GEZDGNBVGY3TQOJQ&issuer=ACME+Co")
        #expect(token.issuer == "ACME Co")
    }

    // MARK: Leniency

    @Test func schemeTypeParameterNamesAndAlgorithmIgnoreCase() throws {
        let token = try Token(uri: "OTPAUTH://TOTP/alice?SECRET=gezdgnbvgy3tqojq&Algorithm=sha256&DIGITS=7")
        #expect(token.generator.algorithm == .sha256)
        #expect(token.generator.digits == 7)
        #expect(Base32.encode(token.generator.secret) == "GEZDGNBVGY3TQOJQ")
    }

    @Test func unknownParametersAreIgnored() throws {
        let token = try Token(uri: "otpauth://totp/alice?secret=GEZDGNBVGY3TQOJQ&image=https%3A%2F%2Fexample.com%2Fa.png&lock=true&foo&bar=%zz&&")
        #expect(token.account == "alice")
    }

    @Test func aFragmentIsIgnored() throws {
        let token = try Token(uri: "otpauth://totp/alice?secret=GEZDGNBVGY3TQOJQ&digits=8#digits=6")
        #expect(token.generator.digits == 8)
    }

    @Test func aSecretWithPaddingSpacesOrLowerCaseIsAccepted() throws {
        let token = try Token(uri: "otpauth://totp/alice?secret=mzxw%206ytb-oi%3D%3D%3D%3D%3D%3D")
        #expect(token.generator.secret.copyBytes() == Array("foobar".utf8))
    }

    @Test func anEmptyAccountAfterThePrefixIsAllowed() throws {
        let token = try Token(uri: "otpauth://totp/Example:?secret=GEZDGNBVGY3TQOJQ")
        #expect(token.issuer == "Example")
        #expect(token.account == "")
    }

    // MARK: One error per malformed part

    @Test func aURIWithAnotherSchemeIsRejected() {
        #expect(throws: OTPError.invalidScheme("https")) { try Token(uri: "https://example.com/totp?secret=GEZDGNBVGY3TQOJQ") }
        #expect(throws: OTPError.invalidScheme("")) { try Token(uri: "GEZDGNBVGY3TQOJQ") }
        #expect(throws: OTPError.invalidScheme("")) { try Token(uri: "") }
    }

    @Test func aURIWithoutTypeIsRejected() {
        #expect(throws: OTPError.missingType) { try Token(uri: "otpauth:totp/alice?secret=GEZDGNBVGY3TQOJQ") }
        #expect(throws: OTPError.missingType) { try Token(uri: "otpauth:///alice?secret=GEZDGNBVGY3TQOJQ") }
        #expect(throws: OTPError.missingType) { try Token(uri: "otpauth://?secret=GEZDGNBVGY3TQOJQ") }
    }

    @Test func anUnknownTypeIsRejected() {
        #expect(throws: OTPError.unknownType("motp")) { try Token(uri: "otpauth://motp/alice?secret=GEZDGNBVGY3TQOJQ") }
        #expect(throws: OTPError.unknownType("yaotp")) { try Token(uri: "otpauth://yaotp/alice?secret=GEZDGNBVGY3TQOJQ") }
    }

    @Test func aMissingLabelIsRejected() {
        #expect(throws: OTPError.missingLabel) { try Token(uri: "otpauth://totp?secret=GEZDGNBVGY3TQOJQ") }
        #expect(throws: OTPError.missingLabel) { try Token(uri: "otpauth://totp/?secret=GEZDGNBVGY3TQOJQ") }
    }

    @Test func malformedPercentEscapesAreRejectedNamingThePart() {
        #expect(throws: OTPError.invalidPercentEncoding("label")) { try Token(uri: "otpauth://totp/ali%zzce?secret=GEZDGNBVGY3TQOJQ") }
        #expect(throws: OTPError.invalidPercentEncoding("label")) { try Token(uri: "otpauth://totp/Ex%3:alice?secret=GEZDGNBVGY3TQOJQ") }
        #expect(throws: OTPError.invalidPercentEncoding("label")) { try Token(uri: "otpauth://totp/%FF%FE?secret=GEZDGNBVGY3TQOJQ") }
        #expect(throws: OTPError.invalidPercentEncoding("issuer")) { try Token(uri: "otpauth://totp/alice?secret=GEZDGNBVGY3TQOJQ&issuer=A%2") }
        #expect(throws: OTPError.invalidPercentEncoding("secret")) { try Token(uri: "otpauth://totp/alice?secret=GEZDGNBVGY3TQOJQ%") }
    }

    @Test func aRepeatedParameterIsRejected() {
        #expect(throws: OTPError.duplicateParameter("secret")) { try Token(uri: "otpauth://totp/alice?secret=GEZDGNBVGY3TQOJQ&secret=JBSWY3DPEHPK3PXP") }
        #expect(throws: OTPError.duplicateParameter("digits")) { try Token(uri: "otpauth://totp/alice?secret=GEZDGNBVGY3TQOJQ&digits=6&Digits=8") }
    }

    @Test func aMissingSecretIsRejected() {
        #expect(throws: OTPError.missingSecret) { try Token(uri: "otpauth://totp/alice?issuer=Example") }
        #expect(throws: OTPError.missingSecret) { try Token(uri: "otpauth://totp/alice") }
    }

    @Test func anEmptySecretIsRejected() {
        #expect(throws: OTPError.emptySecret) { try Token(uri: "otpauth://totp/alice?secret=") }
        #expect(throws: OTPError.emptySecret) { try Token(uri: "otpauth://totp/alice?secret") }
    }

    @Test func aSecretThatIsNotBase32IsRejectedWithTheCharacterAndPosition() {
        #expect(throws: OTPError.invalidBase32Character("1", position: 4)) { try Token(uri: "otpauth://totp/alice?secret=GEZD1NBV") }
        #expect(throws: OTPError.invalidBase32Length(3)) { try Token(uri: "otpauth://totp/alice?secret=GEZ") }
        #expect(throws: OTPError.misplacedBase32Padding(position: 2)) { try Token(uri: "otpauth://totp/alice?secret=GE%3DZDGNBV") }
    }

    @Test func anUnknownAlgorithmIsRejected() {
        #expect(throws: OTPError.unknownAlgorithm("MD5")) { try Token(uri: "otpauth://totp/alice?secret=GEZDGNBVGY3TQOJQ&algorithm=MD5") }
        #expect(throws: OTPError.unknownAlgorithm("")) { try Token(uri: "otpauth://totp/alice?secret=GEZDGNBVGY3TQOJQ&algorithm=") }
    }

    @Test func anUnknownEncoderIsRejected() {
        #expect(throws: OTPError.unknownEncoder("yandex")) { try Token(uri: "otpauth://totp/alice?secret=GEZDGNBVGY3TQOJQ&encoder=yandex") }
    }

    @Test func digitsThatAreNotANumberAreRejected() {
        #expect(throws: OTPError.invalidDigitsParameter("six")) { try Token(uri: "otpauth://totp/alice?secret=GEZDGNBVGY3TQOJQ&digits=six") }
        #expect(throws: OTPError.invalidDigitsParameter("")) { try Token(uri: "otpauth://totp/alice?secret=GEZDGNBVGY3TQOJQ&digits=") }
    }

    @Test func digitsOutOfRangeAreRejected() {
        #expect(throws: OTPError.digitsOutOfRange(5)) { try Token(uri: "otpauth://totp/alice?secret=GEZDGNBVGY3TQOJQ&digits=5") }
        #expect(throws: OTPError.digitsOutOfRange(11)) { try Token(uri: "otpauth://hotp/alice?secret=GEZDGNBVGY3TQOJQ&digits=11&counter=0") }
    }

    @Test func aPeriodThatIsNotANumberIsRejected() {
        #expect(throws: OTPError.invalidPeriodParameter("30s")) { try Token(uri: "otpauth://totp/alice?secret=GEZDGNBVGY3TQOJQ&period=30s") }
        #expect(throws: OTPError.invalidPeriodParameter("99999999999999999999")) { try Token(uri: "otpauth://totp/alice?secret=GEZDGNBVGY3TQOJQ&period=99999999999999999999") }
    }

    @Test func aPeriodUnderOneSecondIsRejected() {
        #expect(throws: OTPError.invalidPeriod(0)) { try Token(uri: "otpauth://totp/alice?secret=GEZDGNBVGY3TQOJQ&period=0") }
        #expect(throws: OTPError.invalidPeriod(-30)) { try Token(uri: "otpauth://steam/alice?secret=GEZDGNBVGY3TQOJQ&period=-30") }
    }

    @Test func hotpWithoutCounterIsRejected() {
        #expect(throws: OTPError.missingCounter) { try Token(uri: "otpauth://hotp/alice?secret=GEZDGNBVGY3TQOJQ") }
    }

    @Test func aCounterOutside64BitsIsRejected() {
        #expect(throws: OTPError.invalidCounterParameter("-1")) { try Token(uri: "otpauth://hotp/alice?secret=GEZDGNBVGY3TQOJQ&counter=-1") }
        #expect(throws: OTPError.invalidCounterParameter("18446744073709551616")) { try Token(uri: "otpauth://hotp/alice?secret=GEZDGNBVGY3TQOJQ&counter=18446744073709551616") }
        // 2⁶⁴ − 1 is a number, but no generator holds it (no code could follow it).
        #expect(throws: OTPError.counterOutOfRange) { try Token(uri: "otpauth://hotp/alice?secret=GEZDGNBVGY3TQOJQ&counter=18446744073709551615") }
        #expect(throws: Never.self) { try Token(uri: "otpauth://hotp/alice?secret=GEZDGNBVGY3TQOJQ&counter=18446744073709551614") }
    }

    @Test func aT0ThatIsNotANumberIsRejected() {
        #expect(throws: OTPError.invalidT0Parameter("soon")) { try Token(uri: "otpauth://totp/alice?secret=GEZDGNBVGY3TQOJQ&t0=soon") }
    }

    @Test func errorsComeInAFixedOrder() {
        // Both the secret and the digits are wrong: the secret is reported (it is checked first).
        #expect(throws: OTPError.missingSecret) { try Token(uri: "otpauth://totp/alice?digits=x") }
        #expect(throws: OTPError.unknownType("x")) { try Token(uri: "otpauth://x?digits=x") }
    }

    // MARK: Formatting

    @Test func formatsCanonically() throws {
        let totp = Token(issuer: "ACME Co", account: "john.doe@email.com", generator: try Generator(factor: .timer(period: 30), secret: try Base32.decode("hxdmvjecjjwsrb3hwizr4ifugftmxboz")))
        #expect(totp.uri == "otpauth://totp/ACME%20Co:john.doe%40email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30")

        let hotp = Token(account: "alice", generator: try Generator(factor: .counter(7), secret: try Base32.decode("GEZDGNBVGY3TQOJQ"), algorithm: .sha256, format: .decimal(digits: 8)))
        #expect(hotp.uri == "otpauth://hotp/alice?secret=GEZDGNBVGY3TQOJQ&algorithm=SHA256&digits=8&counter=7")
    }

    @Test func formatsSteamAsAegisDoes() throws {
        let steam = Token(issuer: "Steam", account: "alice", generator: try Generator.steam(secret: try Base32.decode("GEZDGNBVGY3TQOJQ")))
        #expect(steam.uri == "otpauth://steam/Steam:alice?secret=GEZDGNBVGY3TQOJQ&issuer=Steam&algorithm=SHA1&digits=5&period=30")
    }

    @Test func writesT0OnlyWhenItIsNotZero() throws {
        let token = Token(account: "a", generator: try Generator(factor: .timer(period: 30, t0: -5), secret: try Base32.decode("GEZDGNBVGY3TQOJQ")))
        #expect(token.uri == "otpauth://totp/a?secret=GEZDGNBVGY3TQOJQ&algorithm=SHA1&digits=6&period=30&t0=-5")
        #expect(try Token(uri: token.uri) == token)
    }

    @Test func labelsThatWouldBeMisreadGetAnEmptyPrefix() throws {
        let secret = try Base32.decode("GEZDGNBVGY3TQOJQ")
        let generator = try Generator(factor: .timer(period: 30), secret: secret)
        let colonInAccount = Token(account: "a:b", generator: generator)
        #expect(colonInAccount.uri.hasPrefix("otpauth://totp/:a%3Ab?"))
        let colonInIssuer = Token(issuer: "X:Y", account: "bob", generator: generator)
        #expect(colonInIssuer.uri.hasPrefix("otpauth://totp/bob?secret=GEZDGNBVGY3TQOJQ&issuer=X%3AY&"))
        let emptyAccount = Token(account: "", generator: generator)
        #expect(emptyAccount.uri.hasPrefix("otpauth://totp/:?"))
        for token in [colonInAccount, colonInIssuer, emptyAccount, Token(issuer: "I", account: " lead", generator: generator)] {
            let parsed = try Token(uri: token.uri)
            #expect(parsed.issuer == token.issuer)
            #expect(parsed.account == token.account)
        }
    }
}
