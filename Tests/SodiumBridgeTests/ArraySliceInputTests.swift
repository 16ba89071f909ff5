import SodiumBridge
import Testing

/// The `ArraySlice` overloads read part of a larger array in place; they must give exactly
/// what the `Array` functions give for a copy of that part.
@Suite("ArraySlice inputs")
struct ArraySliceInputTests {
    private let file: [UInt8] = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }

    @Test func blake2bOfASliceEqualsBlake2bOfItsCopy() {
        for range in [0..<0, 0..<300, 17..<211, 299..<300] {
            #expect(Hash.blake2b(file[range], outputLength: 32) == Hash.blake2b(Array(file[range]), outputLength: 32))
            #expect(Hash.blake2b(file[range], key: [9, 9], outputLength: 64) == Hash.blake2b(Array(file[range]), key: [9, 9], outputLength: 64))
        }
    }

    @Test func openingSlicesOfAFileEqualsOpeningTheirCopies() throws {
        let key = SecureBytes(copying: [UInt8](repeating: 0x42, count: XChaCha20Poly1305.keyLength))
        let nonce = [UInt8](repeating: 0x24, count: XChaCha20Poly1305.nonceLength)
        let header = Array(file[0..<40])
        let ciphertext = try XChaCha20Poly1305.seal(Array(file[40...]), key: key, nonce: nonce, associatedData: header)
        let whole = header + ciphertext
        let opened = try XChaCha20Poly1305.open(whole[40...], key: key, nonce: nonce, associatedData: whole[0..<40])
        #expect(opened.copyBytes() == Array(file[40...]))
    }

    @Test func aSliceWithAChangedByteOrOtherAssociatedDataDoesNotOpen() throws {
        let key = SecureBytes(copying: [UInt8](repeating: 0x42, count: XChaCha20Poly1305.keyLength))
        let nonce = [UInt8](repeating: 0x24, count: XChaCha20Poly1305.nonceLength)
        let ciphertext = try XChaCha20Poly1305.seal(file, key: key, nonce: nonce, associatedData: [1])
        var damaged = [0] + ciphertext
        damaged[5] ^= 1
        #expect(throws: SodiumError.authenticationFailed) {
            try XChaCha20Poly1305.open(damaged[1...], key: key, nonce: nonce, associatedData: [1][...])
        }
        let intact = [0] + ciphertext
        #expect(throws: SodiumError.authenticationFailed) {
            try XChaCha20Poly1305.open(intact[1...], key: key, nonce: nonce, associatedData: [2][...])
        }
    }
}
