import OTP
import Testing

/// Regression tests: a `:` that a combining mark joins to the next `Character` is still a
/// separator to the parser (which splits the label at the first `:` byte), so the writer
/// must see it too. Names are compared byte for byte: `String ==` would accept a
/// normalised name.
@Suite("otpauth:// URIs: colons followed by combining marks")
struct TokenURIColonTests {
    /// The issuer `A:◌́B` (U+0301 after the colon) must not become a label prefix.
    @Test func anIssuerWithAColonBeforeACombiningMarkReadsBackAsItself() throws {
        let token = try Token(uri: "otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&issuer=A%3A%CC%81B")
        #expect(Array(token.issuer.utf8) == [0x41, 0x3A, 0xCC, 0x81, 0x42])
        #expect(Array(token.account.utf8) == Array("alice".utf8))

        #expect(token.uri == "otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&issuer=A%3A%CC%81B&algorithm=SHA1&digits=6&period=30")
        let again = try TokenURI(parsing: token.uri)
        #expect(Array(again.token.issuer.utf8) == Array(token.issuer.utf8))
        #expect(Array(again.token.account.utf8) == Array(token.account.utf8))
        #expect(again.labelIssuer == nil)
        #expect(!again.hasConflictingIssuers)
        #expect(again.token == token)
    }

    /// The account `x:◌́y` after an empty prefix must keep its empty prefix when written.
    @Test func anAccountWithAColonBeforeACombiningMarkReadsBackAsItself() throws {
        let token = try Token(uri: "otpauth://totp/:x%3A%CC%81y?secret=JBSWY3DPEHPK3PXP")
        #expect(token.issuer.isEmpty)
        #expect(Array(token.account.utf8) == [0x78, 0x3A, 0xCC, 0x81, 0x79])

        #expect(token.uri == "otpauth://totp/:x%3A%CC%81y?secret=JBSWY3DPEHPK3PXP&algorithm=SHA1&digits=6&period=30")
        let again = try TokenURI(parsing: token.uri)
        #expect(again.token.issuer.isEmpty)
        #expect(again.labelIssuer == nil)
        #expect(Array(again.token.account.utf8) == Array(token.account.utf8))
        #expect(again.token == token)
    }

    /// The same names built directly (not parsed), with other marks that extend a `Character`.
    @Test(arguments: ["\u{301}", "\u{20DD}", "\u{200D}", "\u{FE0F}", "\u{E0100}", "\u{1F3FB}"])
    func tokensWithAColonJoinedToTheNextCharacterRoundTrip(mark: String) throws {
        let generator = try Generator(factor: .timer(period: 30), secret: try Base32.decode("JBSWY3DPEHPK3PXP"))
        let joined = ":" + mark
        let tokens = [
            Token(issuer: "A" + joined + "B", account: "alice", generator: generator),
            Token(issuer: "", account: "x" + joined + "y", generator: generator),
            Token(issuer: "I", account: "x" + joined + "y", generator: generator),
            Token(issuer: joined, account: joined, generator: generator),
        ]
        for token in tokens {
            let parsed = try Token(uri: token.uri)
            #expect(Array(parsed.issuer.utf8) == Array(token.issuer.utf8), "\(token.uri)")
            #expect(Array(parsed.account.utf8) == Array(token.account.utf8), "\(token.uri)")
        }
    }

    /// A space joined to a combining mark is still a U+0020 byte that the parser skips after
    /// a prefix; the writer must not put an issuer prefix before it.
    @Test func anAccountStartingWithASpaceBeforeACombiningMarkRoundTrips() throws {
        let generator = try Generator(factor: .timer(period: 30), secret: try Base32.decode("JBSWY3DPEHPK3PXP"))
        let token = Token(issuer: "I", account: " \u{301}x", generator: generator)
        let parsed = try Token(uri: token.uri)
        #expect(Array(parsed.issuer.utf8) == Array("I".utf8))
        #expect(Array(parsed.account.utf8) == Array(" \u{301}x".utf8))
    }

    /// The parser skips spaces after the separator byte by byte, leaving a combining mark.
    @Test func spacesSkippedAfterThePrefixAreBytes() throws {
        let token = try Token(uri: "otpauth://totp/I:%20%CC%81x?secret=JBSWY3DPEHPK3PXP")
        #expect(Array(token.account.utf8) == [0xCC, 0x81, 0x78])
        let again = try Token(uri: token.uri)
        #expect(Array(again.account.utf8) == [0xCC, 0x81, 0x78])
    }
}
