import Foundation
import Testing
import BackupFormat

@Suite("BackupHeader and versions")
struct BackupHeaderTests {
    typealias Spec = SpecReference

    static let plaintext = SealedBackupTests.plaintext

    @Test func theHeaderIsReadableFromTheFirstBytesAlone() throws {
        let bytes = try Fixtures.sealedWithEscrow()
        let full = try BackupHeader(parsing: bytes)
        let prefix = try BackupHeader(parsing: Array(bytes.prefix(full.byteCount)))
        #expect(prefix == full)
        #expect(prefix.generation == 7)
    }

    @Test func aPrefixShorterThanTheHeaderIsDamaged() throws {
        let bytes = try Fixtures.sealedWithEscrow()
        let length = try BackupHeader(parsing: bytes).byteCount
        #expect(throws: BackupFormatError.damaged) { try BackupHeader(parsing: Array(bytes.prefix(length - 1))) }
    }

    @Test(arguments: [
        [UInt8](),
        Array("hello, world".utf8),
        Array("{\"accounts\": []}".utf8),
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0, 0, 0, 0, 0],
        [0x89, 0x41],
    ] as [[UInt8]])
    func otherFilesAreNotBackups(_ bytes: [UInt8]) {
        if bytes == [0x89, 0x41] {
            // The cut-off start of a backup is a damaged backup.
            #expect(throws: BackupFormatError.damaged) { try SealedBackup(bytes: bytes) }
        } else {
            #expect(throws: BackupFormatError.notABackup) { try SealedBackup(bytes: bytes) }
            #expect(throws: BackupFormatError.notABackup) { try BackupHeader(parsing: bytes) }
        }
    }

    @Test func aFileNeedingANewerReaderIsRefusedWithTheVersionItNeeds() throws {
        let bytes = Spec.write(plaintext: Self.plaintext, escrowKey: Fixtures.escrowKey, formatVersion: 2, minimumReader: 2)
        #expect(throws: BackupFormatError.unsupportedVersion(minimumReader: 2)) { try SealedBackup(bytes: bytes) }
        #expect(throws: BackupFormatError.unsupportedVersion(minimumReader: 2)) { try BackupHeader(parsing: bytes) }
    }

    @Test func theVersionIsCheckedBeforeAnythingAfterThePrefix() {
        // A version 7 file may look like anything after its first 16 bytes.
        let bytes = Spec.magic + Spec.u16(7) + Spec.u16(7) + [UInt8](repeating: 0xFF, count: 100)
        #expect(throws: BackupFormatError.unsupportedVersion(minimumReader: 7)) { try SealedBackup(bytes: bytes) }
    }

    @Test func aNewerFileThatOurReaderMayReadOpensIgnoringWhatItDoesNotKnow() throws {
        // Format version 3, minimum reader 1: an unknown slot, header extension bytes and a
        // longer account record, all of which a version 1 reader skips.
        let plaintext = Spec.payload(settings: Spec.settings(flags: 1, platform: 2), records: [
            Spec.totpRecord(id: "n", issuer: "Newer", userName: "u", createdAtMs: 0, secret: [1, 2, 3], trailing: [0xAB, 0xCD]),
        ])
        let bytes = Spec.write(plaintext: plaintext, escrowKey: Fixtures.escrowKey, formatVersion: 3, minimumReader: 1,
                               slotsAfter: [Spec.Slot(type: 4, body: [1])], headerExtension: [0x00, 0x01, 0xFE])
        let backup = try SealedBackup(bytes: bytes)
        #expect(backup.header.formatVersion == 3)
        #expect(backup.header.minimumReaderVersion == 1)
        #expect(backup.header.keySlots == [.escrowKey(keyID: "spec-key"), .unknown(type: 4)])
        #expect(try backup.open(using: .escrowKey(Fixtures.escrowKey)).accounts.map(\.issuer) == ["Newer"])
    }

    @Test func headerExtensionBytesAreAuthenticated() throws {
        var bytes = Spec.write(plaintext: Self.plaintext, escrowKey: Fixtures.escrowKey, headerExtension: [0x10, 0x20])
        let headerLength = Spec.readU32(bytes, 12)
        bytes[headerLength - 1] ^= 0x01
        #expect(throws: BackupFormatError.damaged) { try Fixtures.open(Fixtures.withFixedChecksum(bytes), using: .escrowKey(Fixtures.escrowKey)) }
    }

    @Test(arguments: [(UInt16(1), UInt16(0)), (1, 2), (0, 0), (2, 3)])
    func inconsistentVersionsAreDamage(_ format: UInt16, _ minimum: UInt16) {
        let bytes = Spec.write(plaintext: Self.plaintext, escrowKey: Fixtures.escrowKey, formatVersion: format, minimumReader: minimum)
        #expect(throws: BackupFormatError.damaged) { try SealedBackup(bytes: bytes) }
    }

    @Test func anUnknownPlatformIsDamage() {
        let bytes = Spec.write(plaintext: Self.plaintext, escrowKey: Fixtures.escrowKey, platform: 3)
        #expect(throws: BackupFormatError.damaged) { try BackupHeader(parsing: bytes) }
    }

    @Test func theCreationTimeIsReadToTheMillisecond() throws {
        let bytes = Spec.write(plaintext: Self.plaintext, escrowKey: Fixtures.escrowKey, createdAtMs: 1_700_000_000_123)
        let created = try BackupHeader(parsing: bytes).createdAt.timeIntervalSince1970
        #expect(abs(created - 1_700_000_000.123) < 0.000_5)
    }
}
