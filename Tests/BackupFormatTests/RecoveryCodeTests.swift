import SodiumBridge
import Testing
import BackupFormat

@Suite("RecoveryCode")
struct RecoveryCodeTests {
    static let alphabet = Set("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    static func code(seed: String = "recovery code tests") -> RecoveryCode {
        RecoveryCode(using: DeterministicRandom(seed: seed))
    }

    // Expected texts computed by an independent implementation (Python: hashlib.blake2b and
    // a bit string), from the rules in Documentation/BackupFormat.md, "Recovery code".
    @Test(arguments: [
        ([UInt8](0..<16), "000G4-0R40M-30E20-9185G-R38E1-ZJQ3T"),
        ([UInt8](repeating: 0xFF, count: 16), "ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ-WMAP7"),
    ])
    func knownEntropyGivesTheKnownText(_ entropy: [UInt8], _ expected: String) {
        #expect(RecoveryCode(using: FixedBytesRandom(bytes: entropy)).text == expected)
    }

    @Test func aCodeIsSixGroupsOfFiveCharactersFromTheUnambiguousAlphabet() {
        for seed in ["a", "b", "c", "d"] {
            let groups = Self.code(seed: seed).text.split(separator: "-", omittingEmptySubsequences: false)
            #expect(groups.count == 6)
            #expect(groups.allSatisfy { $0.count == 5 && $0.allSatisfy(Self.alphabet.contains) })
        }
        #expect(RecoveryCode.characterCount == 30)
        #expect(RecoveryCode.entropyBits == 128)
    }

    @Test func readingTheTextGivesBackTheSameCode() throws {
        let code = Self.code()
        #expect(try RecoveryCode(parsing: code.text) == code)
        #expect(code != Self.code(seed: "another"))
    }

    @Test func readingForgivesCaseSpacesAndHyphens() throws {
        let code = Self.code()
        let compact = code.text.replacingOccurrences(of: "-", with: "")
        let spaced = code.text.replacingOccurrences(of: "-", with: "  ").lowercased()
        let dashed = code.text.replacingOccurrences(of: "-", with: "\u{2013}")
        for text in [compact, spaced, " \(code.text)\n", dashed, String(compact.prefix(7)) + "-" + String(compact.dropFirst(7))] {
            #expect(try RecoveryCode(parsing: text) == code, "\(text)")
        }
    }

    @Test func readingTakesLookAlikeLettersForDigits() throws {
        let code = RecoveryCode(using: FixedBytesRandom(bytes: [UInt8](0..<16))) // 000G4-0R40M-…
        let typed = code.text.replacingOccurrences(of: "0", with: "o").replacingOccurrences(of: "1", with: "I")
        #expect(typed.contains("o") && typed.contains("I"))
        #expect(try RecoveryCode(parsing: typed) == code)
        #expect(try RecoveryCode(parsing: code.text.replacingOccurrences(of: "1", with: "l")) == code)
    }

    @Test func everySingleCharacterTypoIsCaught() {
        let characters = Array(Self.code().text.replacingOccurrences(of: "-", with: ""))
        var accepted = 0
        for position in characters.indices {
            for replacement in Self.alphabet where replacement != characters[position] {
                var typo = characters
                typo[position] = replacement
                if (try? RecoveryCode(parsing: String(typo))) != nil { accepted += 1 }
            }
        }
        #expect(accepted == 0)
    }

    @Test func swappingTwoNeighbouringCharactersIsCaught() {
        let characters = Array(Self.code().text.replacingOccurrences(of: "-", with: ""))
        for position in 0..<(characters.count - 1) where characters[position] != characters[position + 1] {
            var swapped = characters
            swapped.swapAt(position, position + 1)
            #expect(throws: BackupFormatError.invalidRecoveryCode) { try RecoveryCode(parsing: String(swapped)) }
        }
    }

    @Test func aCodeOfTheWrongLengthIsRefused() {
        let text = Self.code().text
        for wrong in [String(text.dropLast()), text + "0", "", "-----"] {
            #expect(throws: BackupFormatError.invalidRecoveryCode) { try RecoveryCode(parsing: wrong) }
        }
    }

    @Test func charactersOutsideTheAlphabetAreRefused() {
        let text = Self.code().text
        for bad in ["U", "!", "é", "٣", "_"] {
            #expect(throws: BackupFormatError.invalidRecoveryCode) { try RecoveryCode(parsing: bad + String(text.dropFirst())) }
        }
    }

    @Test func printingOrDumpingACodeNeverShowsIt() {
        let code = Self.code()
        var dumped = ""
        dump(code, to: &dumped)
        let group = String(code.text.prefix(5))
        for text in [code.description, code.debugDescription, "\(code)", dumped] {
            #expect(!text.contains(group))
        }
    }

    @Test func generatedCodesDiffer() {
        #expect(RecoveryCode() != RecoveryCode())
    }
}
