import SodiumBridge
import Testing

/// Project Wycheproof's Ed25519 verification vectors (`Vectors/ed25519_test.json`,
/// Apache-2.0, see `Vectors/README.md`) through ``Ed25519/isValidSignature(_:of:publicKey:)``.
@Suite("Wycheproof Ed25519")
struct WycheproofEd25519Tests {
    /// The counts of the copied file, so that a missing or truncated file cannot pass.
    static let expectedTotal = 151
    static let expectedValid = 88
    static let expectedInvalid = 63
    static let expectedAcceptable = 0

    @Test func verificationMatchesTheResultOfEveryCase() throws {
        let file = try Wycheproof.load("ed25519_test", as: Wycheproof.EddsaGroup.self)
        #expect(file.algorithm == "EDDSA")
        #expect(file.numberOfTests == Self.expectedTotal)

        var total = 0, valid = 0, invalid = 0
        var acceptable: [Int] = []
        for group in file.testGroups {
            #expect(group.type == "EddsaVerify")
            #expect(group.publicKey.curve == "edwards25519")
            let publicKey = try Wycheproof.bytes(group.publicKey.pk)
            #expect(publicKey.count == Ed25519.publicKeyLength)
            for test in group.tests {
                total += 1
                let message = try Wycheproof.bytes(test.msg)
                let signature = try Wycheproof.bytes(test.sig)
                let context = Comment(rawValue: "tcId \(test.tcId) \(test.comment) \(test.flags)")
                let verified = Ed25519.isValidSignature(signature, of: message, publicKey: publicKey)
                switch test.result {
                case .valid:
                    valid += 1
                    #expect(verified, context)
                case .invalid:
                    invalid += 1
                    #expect(!verified, context)
                case .acceptable:
                    // Either answer, but the same one every time.
                    acceptable.append(test.tcId)
                    #expect(Ed25519.isValidSignature(signature, of: message, publicKey: publicKey) == verified, context)
                }
            }
        }
        #expect(total == Self.expectedTotal)
        #expect(valid == Self.expectedValid)
        #expect(invalid == Self.expectedInvalid)
        #expect(acceptable.count == Self.expectedAcceptable, "acceptable cases: \(acceptable)")
    }
}
