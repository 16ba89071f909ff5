import SodiumBridge
import Testing

/// Project Wycheproof's XChaCha20-Poly1305 vectors (`Vectors/xchacha20_poly1305_test.json`,
/// Apache-2.0, see `Vectors/README.md`) through ``XChaCha20Poly1305``.
@Suite("Wycheproof XChaCha20-Poly1305")
struct WycheproofXChaCha20Poly1305Tests {
    /// The counts of the copied file, so that a missing or truncated file cannot pass.
    static let expectedTotal = 315
    static let expectedValid = 246
    static let expectedInvalid = 69
    static let expectedAcceptable = 0
    /// Cases whose nonce is not 24 bytes (one group each of 0 to 256 bits but 192).
    static let expectedWrongNonceLength = 9

    @Test func everyCaseGivesTheExpectedResult() throws {
        let file = try Wycheproof.load("xchacha20_poly1305_test", as: Wycheproof.AeadGroup.self)
        #expect(file.algorithm == "XCHACHA20-POLY1305")
        #expect(file.numberOfTests == Self.expectedTotal)

        var total = 0, valid = 0, invalid = 0, wrongNonceLength = 0
        var acceptable: [Int] = []
        for group in file.testGroups {
            #expect(group.type == "AeadTest")
            #expect(group.keySize == 8 * XChaCha20Poly1305.keyLength)
            #expect(group.tagSize == 8 * XChaCha20Poly1305.tagLength)
            for test in group.tests {
                total += 1
                switch test.result {
                case .valid: valid += 1
                case .invalid: invalid += 1
                case .acceptable: acceptable.append(test.tcId)
                }
                let nonce = try Wycheproof.bytes(test.iv)
                #expect(nonce.count * 8 == group.ivSize, "tcId \(test.tcId)")
                if nonce.count != XChaCha20Poly1305.nonceLength {
                    wrongNonceLength += 1
                    try checkRefusesNonce(test)
                } else {
                    try check(test)
                }
            }
        }
        #expect(total == Self.expectedTotal)
        #expect(valid == Self.expectedValid)
        #expect(invalid == Self.expectedInvalid)
        #expect(acceptable.count == Self.expectedAcceptable, "acceptable cases: \(acceptable)")
        #expect(wrongNonceLength == Self.expectedWrongNonceLength)
    }

    /// A case with a 24-byte nonce: sealing gives the expected ciphertext and tag exactly
    /// when the case is valid, and opening succeeds, with the message, exactly then.
    private func check(_ test: Wycheproof.AeadCase) throws {
        let key = SecureBytes(copying: try Wycheproof.bytes(test.key))
        let nonce = try Wycheproof.bytes(test.iv)
        let aad = try Wycheproof.bytes(test.aad)
        let message = try Wycheproof.bytes(test.msg)
        let sealedInFile = try Wycheproof.bytes(test.ct) + Wycheproof.bytes(test.tag)
        let context = Comment(rawValue: "tcId \(test.tcId) \(test.comment) \(test.flags)")

        let sealed = try XChaCha20Poly1305.seal(message, key: key, nonce: nonce, associatedData: aad)
        var opened: [UInt8]?
        do throws(SodiumError) {
            opened = try XChaCha20Poly1305.open(sealedInFile, key: key, nonce: nonce, associatedData: aad).copyBytes()
        } catch {
            #expect(error == .authenticationFailed, context)
        }
        // The package-level slice overload must agree with the array one.
        let openedSlice = try? XChaCha20Poly1305.open(sealedInFile[...], key: key, nonce: nonce, associatedData: aad[...]).copyBytes()
        #expect(openedSlice == opened, context)

        switch test.result {
        case .valid:
            #expect(sealed == sealedInFile, context)
            #expect(opened == message, context)
        case .invalid:
            #expect(opened == nil, context)
            #expect(sealed != sealedInFile, context)
        case .acceptable:
            // Either outcome, but a consistent one: it opens exactly when sealing gives the
            // same bytes, and then to the message.
            #expect((opened != nil) == (sealed == sealedInFile), context)
            if let opened { #expect(opened == message, context) }
        }
    }

    /// A case whose nonce is not 24 bytes: both directions refuse it, naming the nonce.
    private func checkRefusesNonce(_ test: Wycheproof.AeadCase) throws {
        let key = SecureBytes(copying: try Wycheproof.bytes(test.key))
        let nonce = try Wycheproof.bytes(test.iv)
        let aad = try Wycheproof.bytes(test.aad)
        let sealedInFile = try Wycheproof.bytes(test.ct) + Wycheproof.bytes(test.tag)
        let context = Comment(rawValue: "tcId \(test.tcId) \(test.comment) \(test.flags)")
        #expect(test.result != .valid, context)
        let refusal = SodiumError.invalidLength(what: "XChaCha20-Poly1305 nonce", expected: XChaCha20Poly1305.nonceLength, actual: nonce.count)
        #expect(throws: refusal, context) {
            try XChaCha20Poly1305.seal(Wycheproof.bytes(test.msg), key: key, nonce: nonce, associatedData: aad)
        }
        #expect(throws: refusal, context) {
            try XChaCha20Poly1305.open(sealedInFile, key: key, nonce: nonce, associatedData: aad)
        }
    }
}
