import Testing
import BackupFormat

/// Every single-byte change and every truncation of a small backup is rejected. The escrow
/// slot keeps the exhaustive loops fast (no key derivation).
@Suite("Tampering")
struct TamperingTests {
    static let payload = Fixtures.payload(accountCount: 1)
    static let sealed: [UInt8] = try! Fixtures.sealedWithEscrow(payload)
    static let key = BackupKey.escrowKey(Fixtures.escrowKey)
    static let masks: [UInt8] = [0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80, 0xFF]

    @Test func theUntouchedFileOpens() throws {
        #expect(try Fixtures.open(Self.sealed, using: Self.key) == Self.payload)
    }

    @Test func everySingleByteChangeIsReportedAsDamage() {
        var opened = 0
        var misreported: [Int] = []
        for position in Self.sealed.indices {
            for mask in Self.masks {
                var bytes = Self.sealed
                bytes[position] ^= mask
                do {
                    _ = try Fixtures.open(bytes, using: Self.key)
                    opened += 1
                } catch let error {
                    // In the magic a change makes it some other file; anywhere else, damage.
                    let expected: BackupFormatError = position < 8 ? .notABackup : .damaged
                    if error != expected { misreported.append(position) }
                }
            }
        }
        #expect(opened == 0)
        #expect(misreported == [])
    }

    @Test func everySingleByteChangeIsRejectedEvenWithARecomputedChecksum() {
        // The checksum only catches accidents; an attacker recomputes it, and authentication
        // must still refuse every change.
        var opened: [Int] = []
        for position in 0..<(Self.sealed.count - 32) {
            for mask in Self.masks {
                var bytes = Self.sealed
                bytes[position] ^= mask
                if (try? Fixtures.open(Fixtures.withFixedChecksum(bytes), using: Self.key)) != nil { opened.append(position) }
            }
        }
        #expect(opened == [])
    }

    @Test func everyTruncationIsRejected() {
        var opened: [Int] = []
        for length in 0..<Self.sealed.count {
            let bytes = Array(Self.sealed.prefix(length))
            if (try? Fixtures.open(bytes, using: Self.key)) != nil { opened.append(length) }
            if (try? Fixtures.open(Fixtures.withFixedChecksum(bytes), using: Self.key)) != nil { opened.append(length) }
        }
        #expect(opened == [])
    }

    @Test func everyTruncationAfterTheMagicIsReportedAsDamage() {
        for length in 1..<Self.sealed.count {
            #expect(throws: BackupFormatError.damaged) { try SealedBackup(bytes: Array(Self.sealed.prefix(length))) }
        }
    }

    @Test func appendedBytesAreRejected() {
        #expect(throws: BackupFormatError.damaged) { try Fixtures.open(Self.sealed + [0], using: Self.key) }
        #expect(throws: (any Error).self) { try Fixtures.open(Fixtures.withFixedChecksum(Self.sealed + [0]), using: Self.key) }
    }

    @Test func aRolledBackGenerationCannotBeDisguisedAsANewerOne() {
        // Generation 7 rewritten to 8, checksum recomputed: the header is authenticated.
        var bytes = Self.sealed
        bytes[31] = 8
        #expect(throws: BackupFormatError.damaged) { try Fixtures.open(Fixtures.withFixedChecksum(bytes), using: Self.key) }
    }

    @Test func aPayloadCannotBeMovedUnderAnotherBackupsHeader() throws {
        // Same escrow key, generations 7 and 8: the newer header over the older payload fails.
        let older = Self.sealed
        var metadata = Fixtures.metadata
        metadata.generation = 8
        let newer = try Fixtures.sealer(seed: "newer").seal(Self.payload, metadata: metadata,
                                                            keySlots: [.escrowKey(Fixtures.escrowKey, keyID: "escrow-1")])
        let headerLength = try BackupHeader(parsing: newer).byteCount
        let spliced = Array(newer.prefix(headerLength)) + Array(older.dropFirst(headerLength).dropLast(32))
        #expect(throws: BackupFormatError.damaged) { try Fixtures.open(Fixtures.withFixedChecksum(spliced), using: Self.key) }
    }
}
