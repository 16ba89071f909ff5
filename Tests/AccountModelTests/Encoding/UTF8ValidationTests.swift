import Foundation
import Testing
@testable import AccountModel
import SodiumBridge

/// `UTF8Validation`, the record encoding's UTF-8 check, gives the standard library's answer
/// (its UTF-8 parser, which agrees with `String(validating:as:)`, the check it replaces) for
/// every one- and two-byte sequence, for every lead byte of longer sequences with every second
/// byte and the boundary values of the others, and around the eight-byte ASCII fast path; and
/// `ByteReader` refuses what it refuses with the same failure as before.
@Suite("UTF-8 validation")
struct UTF8ValidationTests {
    /// The standard library's verdict, and the text it decodes: its UTF-8 parser
    /// (`Unicode.UTF8.ForwardParser`, which agrees with `String(validating:as:)` on every
    /// sequence these tests try) reads the bytes scalar by scalar. (`String(validating:as:)`
    /// and `String(decoding:as:)` throw inside on invalid input, and Swift Testing captures a
    /// backtrace for every error thrown during a test: that made each invalid case hundreds
    /// of times dearer than the check itself.)
    static func reference(_ bytes: UnsafeRawBufferPointer) -> String? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid: continue
            case .emptyInput: return String(decoding: bytes, as: UTF8.self)
            case .error: return nil
            }
        }
    }

    /// Whether `UTF8Validation` agrees with the reference on `bytes`, and a valid sequence
    /// reads back byte for byte as the same text (plain code, not `#expect`, so that the
    /// hundreds of thousands of cases stay fast).
    static func agrees(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let expected = reference(bytes)
        let valid = UTF8Validation.isValid(bytes)
        guard valid == (expected != nil) else { return false }
        guard valid else { return true }
        let decoded = try? ByteReader<LocalFormatFailure>.decodeUTF8(bytes)
        return decoded == expected && decoded.map { $0.utf8.elementsEqual(bytes) } == true
    }

    /// Checks sequences written into one reusable buffer (no array per case, so that an
    /// exhaustive test's hundreds of thousands of cases stay cheap) and keeps those on which
    /// `UTF8Validation` and the reference disagree, in hex.
    struct Checker: ~Copyable {
        private let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64, alignment: 8)
        private(set) var disagreements: [String] = []

        deinit { buffer.deallocate() }

        /// Checks the first `count` bytes of the buffer.
        private mutating func check(count: Int) {
            let bytes = UnsafeRawBufferPointer(rebasing: buffer[0..<count])
            if !UTF8ValidationTests.agrees(bytes) {
                disagreements.append(bytes.map { String($0, radix: 16) }.joined(separator: " "))
            }
        }

        mutating func check(_ first: UInt8) {
            buffer[0] = first
            check(count: 1)
        }

        mutating func check(_ first: UInt8, _ second: UInt8) {
            buffer[0] = first
            buffer[1] = second
            check(count: 2)
        }

        mutating func check(_ first: UInt8, _ second: UInt8, _ third: UInt8) {
            buffer[0] = first
            buffer[1] = second
            buffer[2] = third
            check(count: 3)
        }

        mutating func check(_ first: UInt8, _ second: UInt8, _ third: UInt8, _ fourth: UInt8) {
            buffer[0] = first
            buffer[1] = second
            buffer[2] = third
            buffer[3] = fourth
            check(count: 4)
        }
    }

    /// The sequences of `cases` on which `UTF8Validation` and the reference disagree, in hex.
    static func disagreements(_ cases: [[UInt8]]) -> [String] {
        cases.filter { bytes in !bytes.withUnsafeBytes { agrees($0) } }
            .map { $0.map { String($0, radix: 16) }.joined(separator: " ") }
    }

    @Test func everyOneAndTwoByteSequenceGetsTheStandardLibrarysVerdict() {
        var checker = Checker()
        for first in UInt8.min...UInt8.max {
            checker.check(first)
            for second in UInt8.min...UInt8.max { checker.check(first, second) }
        }
        #expect(checker.disagreements == [])
    }

    @Test func everyLongerLeadByteWithEverySecondByteGetsTheStandardLibrarysVerdict() {
        let edges: [UInt8] = [0x7F, 0x80, 0xBF, 0xC0]
        var checker = Checker()
        for lead in UInt8(0xE0)...UInt8(0xFF) {
            for second in UInt8.min...UInt8.max {
                for third in edges {
                    checker.check(lead, second, third)
                    if lead >= 0xF0 {
                        for fourth in edges { checker.check(lead, second, third, fourth) }
                    }
                }
            }
        }
        #expect(checker.disagreements == [])
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
