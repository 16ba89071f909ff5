import SodiumBridge
import OTP
import Testing

@Suite("Base32")
struct Base32Tests {
    @Test func decodingGivesTheRFC4648Section10Vectors() throws {
        let rows = try Vectors.rows("rfc4648-base32")
        #expect(rows.count == 7)
        for row in rows {
            #expect(try Base32.decode(row[1]).copyBytes() == Array(row[0].utf8), "\(row[1])")
        }
    }

    @Test func encodingIsTheRFC4648VectorWithoutPadding() throws {
        for row in try Vectors.rows("rfc4648-base32") {
            let unpadded = String(row[1].prefix { $0 != "=" })
            #expect(Base32.encode(Array(row[0].utf8)) == unpadded)
            #expect(Base32.encode(SecureBytes(copying: Array(row[0].utf8))) == unpadded)
        }
    }

    @Test func decodingAcceptsMissingPadding() throws {
        for row in try Vectors.rows("rfc4648-base32") {
            let unpadded = String(row[1].prefix { $0 != "=" })
            #expect(try Base32.decode(unpadded).copyBytes() == Array(row[0].utf8))
        }
    }

    @Test func decodingAcceptsAnyAmountOfTrailingPadding() throws {
        #expect(try Base32.decode("MY=").copyBytes() == Array("f".utf8))
        #expect(try Base32.decode("MZXW6YTB========").copyBytes() == Array("fooba".utf8))
    }

    @Test func decodingIgnoresLetterCase() throws {
        #expect(try Base32.decode("mzxw6ytboi").copyBytes() == Array("foobar".utf8))
        #expect(try Base32.decode("MzXw6YtBoI").copyBytes() == Array("foobar".utf8))
    }

    @Test func decodingSkipsSpacesAndHyphens() throws {
        #expect(try Base32.decode("mzxw 6ytb-oi").copyBytes() == Array("foobar".utf8))
        #expect(try Base32.decode(" MZXW-6YTB OI== ").copyBytes() == Array("foobar".utf8))
    }

    @Test func decodingRejectsACharacterOutsideTheAlphabetNamingItAndItsPosition() {
        #expect(throws: OTPError.invalidBase32Character("1", position: 3)) { try Base32.decode("MZX1") }
        #expect(throws: OTPError.invalidBase32Character("0", position: 0)) { try Base32.decode("0ZXW") }
        #expect(throws: OTPError.invalidBase32Character("8", position: 5)) { try Base32.decode("MZ XW8") }
        #expect(throws: OTPError.invalidBase32Character("é", position: 2)) { try Base32.decode("MZéW") }
        #expect(throws: OTPError.invalidBase32Character("\t", position: 4)) { try Base32.decode("MZXW\t6YTB") }
    }

    @Test func anOffendingCharacterIsReportedWhole() {
        // "e" + COMBINING ACUTE ACCENT is one character of two Unicode scalars (three bytes).
        #expect(throws: OTPError.invalidBase32Character("e\u{301}", position: 2)) { try Base32.decode("MZe\u{301}W") }
    }

    @Test func decodingRejectsPaddingInTheMiddle() {
        #expect(throws: OTPError.misplacedBase32Padding(position: 2)) { try Base32.decode("MY=XW6YTB") }
        #expect(throws: OTPError.misplacedBase32Padding(position: 2)) { try Base32.decode("MY==A") }
    }

    @Test func decodingRejectsALengthNoEncodingHas() {
        #expect(throws: OTPError.invalidBase32Length(1)) { try Base32.decode("M") }
        #expect(throws: OTPError.invalidBase32Length(3)) { try Base32.decode("MZX") }
        #expect(throws: OTPError.invalidBase32Length(6)) { try Base32.decode("MZ-XW 6Y") }
        #expect(throws: OTPError.invalidBase32Length(9)) { try Base32.decode("MZXW6YTBO") }
    }

    @Test func decodingNothingGivesNoBytes() throws {
        #expect(try Base32.decode("").isEmpty)
        #expect(try Base32.decode(" - ").isEmpty)
    }

    @Test func encodingThenDecodingGivesBackEveryByteString() throws {
        let random = DeterministicRandom(seed: "Base32Tests.roundTrip")
        for length in 0..<70 {
            let bytes = random.bytes(length)
            let text = Base32.encode(bytes)
            #expect(text == text.uppercased())
            #expect(!text.contains("="))
            #expect(try Base32.decode(text).copyBytes() == bytes)
        }
    }
}
