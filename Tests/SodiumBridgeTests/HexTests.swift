import Testing
import SodiumBridge

@Suite("Hex")
struct HexTests {
    /// RFC 4648 section 10, the BASE16 test vectors (upper case there; `Hex` writes lower case).
    static let rfc4648: [(text: String, base16: String)] = [
        ("", ""), ("f", "66"), ("fo", "666F"), ("foo", "666F6F"),
        ("foob", "666F6F62"), ("fooba", "666F6F6261"), ("foobar", "666F6F626172"),
    ]

    @Test func encodingMatchesRFC4648Base16InLowerCase() {
        for vector in Self.rfc4648 {
            #expect(Hex.encode(Array(vector.text.utf8)) == vector.base16.lowercased(), "\(vector.text)")
        }
    }

    @Test func decodingAcceptsRFC4648Base16InEitherCase() {
        for vector in Self.rfc4648 {
            #expect(Hex.decode(vector.base16) == Array(vector.text.utf8), "\(vector.base16)")
            #expect(Hex.decode(vector.base16.lowercased()) == Array(vector.text.utf8), "\(vector.base16)")
        }
    }

    @Test func everyByteValueSurvivesEncodingAndDecoding() {
        let all = (0...255).map { UInt8($0) }
        #expect(Hex.encode(all).count == 512)
        #expect(Hex.encode([0x00, 0x0f, 0xa0, 0xff]) == "000fa0ff")
        #expect(Hex.decode(Hex.encode(all)) == all)
    }

    @Test func decodingRejectsAnythingButPairsOfHexDigits() {
        for text in ["6", "666", "6g", "g6", "66 6f", " 666f", "666f ", "0x66", "66\n", "６６"] {
            #expect(Hex.decode(text) == nil, "\(text.debugDescription)")
        }
    }
}
