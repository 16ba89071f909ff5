import Foundation
import Testing
import BackupFormat

/// `BackupHeader(inspecting:)` runs exactly steps 1–6 of the format's reading rules
/// (`Documentation/BackupFormat.md` §11): every file those steps refuse is refused by
/// inspection too, with the same error as opening. The files are the checked-in escrow
/// vector with single, stated edits; offsets are the spec's worked example (§16).
@Suite("Inspecting a backup (reading steps 1–6)")
struct InspectionTests {
    /// The vector: a 132-byte header, `ciphertext_length` at offset 0x9c, 342 bytes in all.
    static func vector() throws -> [UInt8] { try KnownAnswerVectorTests.vector("v1-escrow") }

    @Test func theVectorInspectsToItsStatedHeader() throws {
        let header = try BackupHeader(inspecting: try Self.vector())
        #expect(header.generation == 1)
        #expect(header.byteCount == 132)
        #expect(header.backupID == UUID(uuidString: "00112233-4455-6677-8899-aabbccddeeff"))
    }

    /// Each edit, and why steps 1–6 refuse it.
    static func edits() throws -> [(String, [UInt8], BackupFormatError)] {
        let file = try vector()
        var wrongChecksum = file
        wrongChecksum[file.count - 1] ^= 0x01
        func withCiphertextLength(_ length: UInt32) -> [UInt8] {
            var bytes = file
            bytes.replaceSubrange(0x9c..<0xa0, with: SpecReference.u32(length))
            return Fixtures.withFixedChecksum(bytes)
        }
        var longerHeader = file
        longerHeader.replaceSubrange(0x0c..<0x10, with: SpecReference.u32(133))
        return [
            ("last byte missing", Array(file.dropLast()), .damaged),
            ("a byte after the checksum", file + [0], .damaged),
            ("a byte after the checksum, checksum recomputed", Fixtures.withFixedChecksum(Array(file.dropLast(32)) + [0] + Array(file.suffix(32))), .damaged),
            ("wrong checksum", wrongChecksum, .damaged),
            ("ciphertext_length + 1", withCiphertextLength(151), .damaged),
            ("ciphertext_length − 1", withCiphertextLength(149), .damaged),
            ("ciphertext_length 15", withCiphertextLength(15), .damaged),
            ("header_length + 1", Fixtures.withFixedChecksum(longerHeader), .damaged),
            ("over 16 MiB", file + [UInt8](repeating: 0, count: 16 * 1024 * 1024 - file.count + 1), .tooLarge(field: "file", limit: 16_777_216)),
        ]
    }

    @Test func inspectionRefusesWhatOpeningRefusesBeforeAnyKey() throws {
        for (name, bytes, expected) in try Self.edits() {
            #expect(throws: expected, "\(name)") { try BackupHeader(inspecting: bytes) }
            #expect(throws: expected, "\(name)") { try SealedBackup(bytes: bytes) }
        }
    }

    @Test func aFileOfExactly16MiBIsNotRefusedForItsSize() throws {
        // 16,777,216 bytes is allowed; this one has a wrong checksum, so step 4 refuses it.
        let file = try Self.vector()
        let bytes = file + [UInt8](repeating: 0, count: 16 * 1024 * 1024 - file.count)
        #expect(throws: BackupFormatError.damaged) { try BackupHeader(inspecting: bytes) }
    }
}
