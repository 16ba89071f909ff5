import OTP
import SodiumBridge
import Testing

/// SodiumBridge's secretstream (package API), beyond the Ente fixture that PyNaCl wrote.
@Suite("SecretStream")
struct SecretStreamTests {
    @Test func sealedMessageOpensWithItsHeaderAndKeyOnly() throws {
        let key = SecureBytes(randomCount: SecretStream.keyLength, using: DeterministicRandom(seed: "SecretStreamTests.v1"))
        let sealed = try SecretStream.sealSingleFinalMessage(Array("hello".utf8), key: key)
        #expect(sealed.header.count == SecretStream.headerLength)
        #expect(sealed.ciphertext.count == 5 + SecretStream.overhead)
        let opened = try SecretStream.openFirstMessage(sealed.ciphertext[...], header: sealed.header, key: key)
        #expect(opened.plaintext.copyBytes() == Array("hello".utf8))
        #expect(opened.tag == .final)

        var header = sealed.header
        header[0] ^= 1
        #expect(throws: SodiumError.authenticationFailed) { try SecretStream.openFirstMessage(sealed.ciphertext[...], header: header, key: key) }
        var ciphertext = sealed.ciphertext
        ciphertext[ciphertext.count - 1] ^= 1
        #expect(throws: SodiumError.authenticationFailed) { try SecretStream.openFirstMessage(ciphertext[...], header: sealed.header, key: key) }
        #expect(throws: SodiumError.authenticationFailed) { try SecretStream.openFirstMessage([1, 2, 3][...], header: sealed.header, key: key) }
        #expect(throws: SodiumError.invalidLength(what: "secretstream header", expected: 24, actual: 3)) {
            try SecretStream.openFirstMessage(sealed.ciphertext[...], header: [1, 2, 3], key: key)
        }
    }
}
