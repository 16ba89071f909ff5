import Foundation
import Testing
@testable import AccountModel
import SodiumBridge

/// `UTF8Validation`, the record encoding's UTF-8 check, gives the standard library's answer
/// (`String(validating:as:)`, the check it replaces) for every one- and two-byte sequence, for
/// every lead byte of longer sequences with every second byte and the boundary values of the
/// others, and around the eight-byte ASCII fast path; and `ByteReader` refuses what it refuses
/// with the same failure as before.
@Suite("UTF-8 validation")
struct UTF8ValidationTests {
    /// The standard library's verdict, and the text it decodes.
    static func reference(_ bytes: [UInt8]) -> String? {
        if #available(macOS 15, iOS 18, tvOS 18, watchOS 11, visionOS 2, *) {
            return bytes.withUnsafeBytes { String(validating: $0, as: UTF8.self) }
        }
        return String(bytes: bytes, encoding: .utf8)
    }

    /// Whether `UTF8Validation` agrees with the reference on `bytes`, and a valid sequence
    /// reads back byte for byte as the same text (plain code, not `#expect`, so that the
    /// hundreds of thousands of cases stay fast).
    static func agrees(_ bytes: [UInt8]) -> Bool {
        let expected = reference(bytes)
        let valid = bytes.withUnsafeBytes { UTF8Validation.isValid($0) }
        guard valid == (expected != nil) else { return false }
        guard valid else { return true }
        let decoded = bytes.withUnsafeBytes { try? ByteReader<LocalFormatFailure>.decodeUTF8($0) }
        return decoded == expected && decoded.map { Array($0.utf8) } == bytes
    }

    /// The sequences of `cases` on which `UTF8Validation` and the reference disagree, in hex.
    static func disagreements(_ cases: [[UInt8]]) -> [String] {
        cases.filter { !agrees($0) }.map { $0.map { String($0, radix: 16) }.joined(separator: " ") }
    }

    @Test func everyOneAndTwoByteSequenceGetsTheStandardLibrarysVerdict() {
        var cases: [[UInt8]] = []
        for first in 0...255 {
            cases.append([UInt8(first)])
            for second in 0...255 { cases.append([UInt8(first), UInt8(second)]) }
        }
        #expect(Self.disagreements(cases) == [])
    }

    @Test func everyLongerLeadByteWithEverySecondByteGetsTheStandardLibrarysVerdict() {
        let edges: [UInt8] = [0x7F, 0x80, 0xBF, 0xC0]
        var cases: [[UInt8]] = []
        for lead in 0xE0...0xFF {
            for second in 0...255 {
                for third in edges {
                    cases.append([UInt8(lead), UInt8(second), third])
                    if lead >= 0xF0 {
                        for fourth in edges { cases.append([UInt8(lead), UInt8(second), third, fourth]) }
                    }
                }
            }
        }
        #expect(Self.disagreements(cases) == [])
    }

    @Test func surrogatesOverlongFormsAndCodePointsBeyondUnicodeAreRefused() {
        for bytes: [UInt8] in [
            [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF],  // U+D800, U+DFFF
            [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xE0, 0x9F, 0xBF], [0xF0, 0x80, 0x80, 0x80],  // overlong
            [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80],  // above U+10FFFF
            [0x80], [0xE2, 0x82], [0xF0, 0x9F, 0x98],  // stray continuation, truncated
        ] {
            #expect(!bytes.withUnsafeBytes { UTF8Validation.isValid($0) })
        }
        for bytes: [UInt8] in [[0xED, 0x9F, 0xBF], [0xEE, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF], [0xE2, 0x82, 0xAC], [0xF0, 0x9F, 0x98, 0x80]] {
            #expect(bytes.withUnsafeBytes { UTF8Validation.isValid($0) })
        }
    }

    @Test func aBadByteAnywhereAroundTheASCIIFastPathIsFound() {
        var cases: [[UInt8]] = []
        for length in 0...25 {
            let ascii = [UInt8](repeating: 0x61, count: length)
            cases.append(ascii)
            for position in 0..<length {
                for bad: [UInt8] in [[0xFF], [0x80], [0xC3], [0xC3, 0xA9], [0xE2, 0x82, 0xAC]] {
                    var bytes = ascii
                    bytes.replaceSubrange(position..<(position + 1), with: bad)
                    cases.append(bytes)
                }
            }
        }
        #expect(Self.disagreements(cases) == [])
    }

    @Test func randomMixturesGetTheStandardLibrarysVerdict() {
        var generator = SplitMix64(seed: 0x5EED_0F_07F8)
        let pieces: [[UInt8]] = [[0x41], [0x7A], [0xC3, 0xA9], [0xE2, 0x82, 0xAC], [0xF0, 0x9F, 0x98, 0x80], [0x80], [0xFF], [0xED, 0xA0, 0x80], [0xC3]]
        var cases: [[UInt8]] = []
        for _ in 0..<3_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(generator.next() % 12) { bytes += pieces[Int(generator.next() % UInt64(pieces.count))] }
            cases.append(bytes)
        }
        #expect(Self.disagreements(cases) == [])
    }

    /// What `decodeUTF8` throws for `bytes` read as `field`, as `Failure`.
    static func failure<Failure: ByteCodingFailure>(_ bytes: [UInt8], _ field: String, as _: Failure.Type) -> Failure? {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 1)
        defer { buffer.deallocate() }
        buffer.copyBytes(from: bytes)
        do {
            _ = try ByteReader<Failure>.decodeUTF8(UnsafeRawBufferPointer(buffer), field)
            return nil
        } catch {
            return error
        }
    }

    @Test func invalidUTF8IsStillRefusedAsMalformedNamingTheField() {
        let bytes: [UInt8] = [0x61, 0x62, 0xED, 0xA0, 0x80]
        #expect(Self.failure(bytes, "issuer", as: LocalFormatFailure.self) == LocalFormatFailure(reason: "issuer is not valid UTF-8"))
        #expect(Self.failure(bytes, "issuer", as: RecordCodingFailure.self) == .malformed("issuer is not valid UTF-8"))
        #expect(Self.failure(Array("abc".utf8), "issuer", as: RecordCodingFailure.self) == nil)
    }
}
