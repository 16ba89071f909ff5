import Testing
import SodiumBridge

@Suite("Hash.blake2b with a secret key")
struct HashSecretKeyTests {
    /// BLAKE2 reference test vectors, `testvectors/blake2b-kat.txt` of
    /// https://github.com/BLAKE2/BLAKE2: key 00 01 … 3f (64 bytes), 64-byte output.
    @Test func keyedHashMatchesTheBLAKE2ReferenceVectors() throws {
        let key = SecureBytes(copying: (0..<64).map { UInt8($0) })
        let empty = try Hash.blake2b([], secretKey: key, outputLength: 64)
        #expect(hex(empty) == "10ebb67700b1868efb4417987acf4690ae9d972fb7a590c2f02871799aaa4786"
            + "b5e996e8f0f4eb981fc214b005f42d2ff4233499391653df7aefcbc13fc51568")
        let oneByte = try Hash.blake2b([0x00], secretKey: key, outputLength: 64)
        #expect(hex(oneByte) == "961f6dd1e4dd30f63901690c512e78e4b45e4742ed197c3c5e45c549fd25f2e4"
            + "187b0bc9fe30492b16b0d0bc4ef9b0f34c7003fac09a5ef1532e69430234cebd")
    }

    @Test func keyedHashRejectsKeysOutsideSixteenToSixtyFourBytes() {
        #expect(throws: SodiumError.invalidLength(what: "BLAKE2b key", expected: 64, actual: 15)) {
            try Hash.blake2b([], secretKey: SecureBytes(copying: [UInt8](repeating: 1, count: 15)))
        }
        #expect(throws: SodiumError.invalidLength(what: "BLAKE2b key", expected: 64, actual: 65)) {
            try Hash.blake2b([], secretKey: SecureBytes(copying: [UInt8](repeating: 1, count: 65)))
        }
    }

    @Test func keyedHashRejectsOutputLengthsOutsideSixteenToSixtyFourBytes() {
        let key = SecureBytes(copying: [UInt8](repeating: 1, count: 32))
        #expect(throws: SodiumError.invalidLength(what: "BLAKE2b output", expected: 64, actual: 8)) {
            try Hash.blake2b([], secretKey: key, outputLength: 8)
        }
    }

    private func hex(_ bytes: [UInt8]) -> String {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}
