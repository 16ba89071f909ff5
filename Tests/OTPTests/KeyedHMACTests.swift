import SodiumBridge
import Crypto
import Foundation
import Testing

@testable import OTP

/// `KeyedHMAC` builds HMAC from precomputed hash states, kept either as plain BoringSSL
/// contexts (where swift-crypto builds BoringSSL) or as swift-crypto hash values. These tests
/// hold each implementation to swift-crypto's own `HMAC<H>` (random keys of every length
/// 0…200 and random messages), to the RFC 2202 / RFC 4231 known answers, and to RFC 4226's
/// truncated values.
@Suite struct KeyedHMACTests {
    // MARK: Equality with swift-crypto's HMAC

    @Test(arguments: Algorithm.allCases, KeyedHMAC.Implementation.allCases)
    func fullMACEqualsSwiftCryptoHMACForRandomKeysOfEveryLengthUpTo200Bytes(algorithm: Algorithm, implementation: KeyedHMAC.Implementation) {
        let random = DeterministicRandom(seed: "KeyedHMACTests.random-keys.\(algorithm.rawValue)")
        for keyLength in 0...200 {
            let key = random.bytes(keyLength)
            let hmac = KeyedHMAC(secret: SecureBytes(copying: key), algorithm: algorithm, implementation: implementation)
            // Several messages per key, of lengths below, at and above one block.
            for _ in 0..<3 {
                let message = random.bytes(Int(random.uniform(below: 300)))
                #expect(
                    hmac.authenticationCode(for: message) == referenceMAC(algorithm, key: key, message: message),
                    "key length \(keyLength), message length \(message.count)"
                )
            }
        }
    }

    @Test(arguments: Algorithm.allCases, KeyedHMAC.Implementation.allCases)
    func fullMACEqualsSwiftCryptoHMACAtEveryMessageLengthAroundTheBlockSize(algorithm: Algorithm, implementation: KeyedHMAC.Implementation) {
        let random = DeterministicRandom(seed: "KeyedHMACTests.message-lengths.\(algorithm.rawValue)")
        let key = random.bytes(20)
        let hmac = KeyedHMAC(secret: SecureBytes(copying: key), algorithm: algorithm, implementation: implementation)
        for length in 0...(2 * blockSize(algorithm) + 1) {
            let message = random.bytes(length)
            #expect(hmac.authenticationCode(for: message) == referenceMAC(algorithm, key: key, message: message), "length \(length)")
        }
    }

    @Test(arguments: Algorithm.allCases, KeyedHMAC.Implementation.allCases)
    func truncatedValueIsRFC4226DynamicTruncationOfSwiftCryptoHMAC(algorithm: Algorithm, implementation: KeyedHMAC.Implementation) {
        let random = DeterministicRandom(seed: "KeyedHMACTests.truncation.\(algorithm.rawValue)")
        let edgeCounters: [UInt64] = [0, 1, 255, 256, UInt64(UInt32.max), UInt64(UInt32.max) + 1, UInt64.max - 1, UInt64.max]
        for keyLength in [1, 10, 20, 32, 64, 65, 128, 129, 200] {
            let key = random.bytes(keyLength)
            let hmac = KeyedHMAC(secret: SecureBytes(copying: key), algorithm: algorithm, implementation: implementation)
            let randomCounters = (0..<20).map { _ in random.bytes(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) } }
            for counter in edgeCounters + randomCounters {
                let message = withUnsafeBytes(of: counter.bigEndian) { Array($0) }
                let expected = referenceTruncation(referenceMAC(algorithm, key: key, message: message))
                #expect(hmac.truncatedValue(counter: counter) == expected, "key length \(keyLength), counter \(counter)")
            }
        }
    }

    // MARK: Known answers

    @Test(arguments: KeyedHMAC.Implementation.allCases)
    func macsMatchRFC2202AndRFC4231KnownAnswers(implementation: KeyedHMAC.Implementation) throws {
        let vectors = try loadHMACVectors()
        // 7 RFC 2202 cases for SHA-1, 7 RFC 4231 cases for each of SHA-256 and SHA-512.
        #expect(vectors.count == 21)
        for vector in vectors {
            let hmac = KeyedHMAC(secret: SecureBytes(copying: vector.key), algorithm: vector.algorithm, implementation: implementation)
            let mac = hmac.authenticationCode(for: vector.data)
            #expect(mac.count == macLength(vector.algorithm), "\(vector.source) \(vector.algorithm)")
            // RFC 4231 test case 5 lists only the first 128 bits; the others list the whole MAC.
            #expect(Array(mac.prefix(vector.mac.count)) == vector.mac, "\(vector.source) \(vector.algorithm)")
        }
    }

    @Test(arguments: KeyedHMAC.Implementation.allCases)
    func truncatedValuesMatchRFC4226AppendixD(implementation: KeyedHMAC.Implementation) throws {
        let rows = try loadTable("rfc4226-truncated")
        #expect(rows.count == 10)
        let hmac = KeyedHMAC(secret: SecureBytes(copying: Array("12345678901234567890".utf8)), algorithm: .sha1, implementation: implementation)
        for row in rows {
            let counter = try #require(UInt64(row[0]))
            let truncated = try #require(UInt32(row[1]))
            #expect(hmac.truncatedValue(counter: counter) == truncated, "counter \(counter)")
        }
    }

    // MARK: Implementation

    #if os(Linux)
    @Test func onLinuxCodesComeFromPlainBoringSSLContexts() {
        // The heap-free path is what makes ≥ 5 M codes/s possible (Benchmarks/README.md); if
        // swift-crypto stopped exposing its BoringSSL, this would fall back silently.
        #expect(KeyedHMAC.Implementation.fastest == .boringSSLContexts)
        #expect(KeyedHMAC.Implementation.allCases.count == 2)
    }
    #endif

    // MARK: Key handling (RFC 2104 section 2)

    @Test(arguments: Algorithm.allCases, KeyedHMAC.Implementation.allCases)
    func keysLongerThanTheBlockAreHashedFirst(algorithm: Algorithm, implementation: KeyedHMAC.Implementation) {
        let random = DeterministicRandom(seed: "KeyedHMACTests.long-keys.\(algorithm.rawValue)")
        let message = random.bytes(8)
        for length in [blockSize(algorithm) + 1, 2 * blockSize(algorithm), 200] {
            let longKey = random.bytes(length)
            let hashedKey = referenceHash(algorithm, longKey)
            let withLongKey = KeyedHMAC(secret: SecureBytes(copying: longKey), algorithm: algorithm, implementation: implementation)
            let withHashedKey = KeyedHMAC(secret: SecureBytes(copying: hashedKey), algorithm: algorithm, implementation: implementation)
            #expect(withLongKey.authenticationCode(for: message) == withHashedKey.authenticationCode(for: message), "length \(length)")
        }
    }

    @Test(arguments: Algorithm.allCases, KeyedHMAC.Implementation.allCases)
    func aKeyOfExactlyOneBlockIsUsedAsItIs(algorithm: Algorithm, implementation: KeyedHMAC.Implementation) {
        let random = DeterministicRandom(seed: "KeyedHMACTests.block-key.\(algorithm.rawValue)")
        let message = random.bytes(8)
        let key = random.bytes(blockSize(algorithm))
        let hmac = KeyedHMAC(secret: SecureBytes(copying: key), algorithm: algorithm, implementation: implementation)
        let ifHashed = KeyedHMAC(secret: SecureBytes(copying: referenceHash(algorithm, key)), algorithm: algorithm, implementation: implementation)
        #expect(hmac.authenticationCode(for: message) == referenceMAC(algorithm, key: key, message: message))
        #expect(hmac.authenticationCode(for: message) != ifHashed.authenticationCode(for: message))
    }

    @Test(arguments: Algorithm.allCases, KeyedHMAC.Implementation.allCases)
    func trailingZeroBytesOfAShortKeyDoNotChangeTheMAC(algorithm: Algorithm, implementation: KeyedHMAC.Implementation) {
        // RFC 2104 pads short keys with zeros, so K and K ‖ 0x00 give the same MAC.
        let key: [UInt8] = [0x01, 0x02, 0x03]
        let message = Array("counter".utf8)
        let short = KeyedHMAC(secret: SecureBytes(copying: key), algorithm: algorithm, implementation: implementation)
        let padded = KeyedHMAC(secret: SecureBytes(copying: key + [0, 0]), algorithm: algorithm, implementation: implementation)
        #expect(short.authenticationCode(for: message) == padded.authenticationCode(for: message))
        #expect(short.authenticationCode(for: message) == referenceMAC(algorithm, key: key, message: message))
    }

    // MARK: Reuse

    @Test(arguments: Algorithm.allCases, KeyedHMAC.Implementation.allCases)
    func computingACodeLeavesThePrecomputedStatesUnchanged(algorithm: Algorithm, implementation: KeyedHMAC.Implementation) {
        let key = Array("12345678901234567890".utf8)
        let hmac = KeyedHMAC(secret: SecureBytes(copying: key), algorithm: algorithm, implementation: implementation)
        let first = hmac.truncatedValue(counter: 7)
        for counter in UInt64(0)..<100 { _ = hmac.truncatedValue(counter: counter) }
        _ = hmac.authenticationCode(for: Array(repeating: 0xab, count: 500))
        let copy = hmac
        #expect(hmac.truncatedValue(counter: 7) == first)
        #expect(copy.truncatedValue(counter: 7) == first)
        let message = withUnsafeBytes(of: UInt64(7).bigEndian) { Array($0) }
        #expect(first == referenceTruncation(referenceMAC(algorithm, key: key, message: message)))
    }

    @Test(arguments: KeyedHMAC.Implementation.allCases)
    func oneKeyedHMACGivesTheSameCodesFromManyTasksAtOnce(implementation: KeyedHMAC.Implementation) async {
        let key = Array("12345678901234567890".utf8)
        let hmac = KeyedHMAC(secret: SecureBytes(copying: key), algorithm: .sha256, implementation: implementation)
        let expected = (UInt64(0)..<200).map { hmac.truncatedValue(counter: $0) }
        let results = await withTaskGroup(of: [UInt32].self) { group in
            for _ in 0..<4 {
                group.addTask { (UInt64(0)..<200).map { hmac.truncatedValue(counter: $0) } }
            }
            return await group.reduce(into: [[UInt32]]()) { $0.append($1) }
        }
        #expect(results.count == 4)
        for result in results { #expect(result == expected) }
    }
}

// MARK: - References and vectors

/// swift-crypto's HMAC, the reference the precomputed-state HMAC must equal.
private func referenceMAC(_ algorithm: Algorithm, key: [UInt8], message: [UInt8]) -> [UInt8] {
    let symmetricKey = SymmetricKey(data: key)
    switch algorithm {
    case .sha1: return Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: symmetricKey))
    case .sha256: return Array(HMAC<SHA256>.authenticationCode(for: message, using: symmetricKey))
    case .sha512: return Array(HMAC<SHA512>.authenticationCode(for: message, using: symmetricKey))
    }
}

private func referenceHash(_ algorithm: Algorithm, _ data: [UInt8]) -> [UInt8] {
    switch algorithm {
    case .sha1: return Array(Insecure.SHA1.hash(data: data))
    case .sha256: return Array(SHA256.hash(data: data))
    case .sha512: return Array(SHA512.hash(data: data))
    }
}

/// RFC 4226 section 5.3, written out independently of the code under test.
private func referenceTruncation(_ mac: [UInt8]) -> UInt32 {
    let offset = Int(mac[mac.count - 1] & 0x0f)
    let bytes = mac[offset..<(offset + 4)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
    return bytes & 0x7fff_ffff
}

private func blockSize(_ algorithm: Algorithm) -> Int {
    switch algorithm {
    case .sha1, .sha256: return 64
    case .sha512: return 128
    }
}

private func macLength(_ algorithm: Algorithm) -> Int {
    switch algorithm {
    case .sha1: return 20
    case .sha256: return 32
    case .sha512: return 64
    }
}

private struct HMACVector {
    var source: String
    var algorithm: Algorithm
    var key: [UInt8]
    var data: [UInt8]
    var mac: [UInt8]
}

private struct VectorFileError: Error, CustomStringConvertible {
    var description: String
}

/// The rows of `Vectors/<name>.tsv`, without comment lines and without the header row.
private func loadTable(_ name: String) throws -> [[String]] {
    let url = try #require(
        Bundle.module.url(forResource: name, withExtension: "tsv", subdirectory: "Vectors"),
        "missing vector file \(name).tsv"
    )
    let text = try String(contentsOf: url, encoding: .utf8)
    return text.split(separator: "\n")
        .filter { !$0.hasPrefix("#") && !$0.hasPrefix("source\t") && !$0.isEmpty }
        .map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
}

private func loadHMACVectors() throws -> [HMACVector] {
    try loadTable("hmac-rfc2202-rfc4231").map { columns in
        guard columns.count == 5, let algorithm = Algorithm(rawValue: columns[1]),
              let key = hexBytes(columns[2]), let data = hexBytes(columns[3]), let mac = hexBytes(columns[4])
        else { throw VectorFileError(description: "bad vector row: \(columns)") }
        return HMACVector(source: columns[0], algorithm: algorithm, key: key, data: data, mac: mac)
    }
}

private func hexBytes(_ hex: String) -> [UInt8]? {
    let digits = Array(hex.utf8)
    guard digits.count % 2 == 0 else { return nil }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(digits.count / 2)
    for index in stride(from: 0, to: digits.count, by: 2) {
        guard let byte = UInt8(String(decoding: digits[index..<index + 2], as: UTF8.self), radix: 16) else { return nil }
        bytes.append(byte)
    }
    return bytes
}
