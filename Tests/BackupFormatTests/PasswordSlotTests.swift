import SodiumBridge
import Testing
import BackupFormat

/// The password slot: Argon2id at the floor parameters (each derivation takes a moment, so
/// one sealed file is shared).
@Suite("Password slot")
struct PasswordSlotTests {
    static let sealed: [UInt8] = try! Fixtures.sealer().seal(
        Fixtures.payload(), metadata: Fixtures.metadata, keySlots: [.password(Fixtures.password, parameters: .minimum)]
    )
    /// The password slot's operations field: after the 50-byte fixed header, the app version
    /// and the slot count, then the slot's type and length.
    static let operationsOffset = 50 + Fixtures.metadata.appVersion.utf8.count + 1 + 3
    static let memoryOffset = operationsOffset + 4

    static func patched(operations: UInt32, memoryKiB: UInt32) -> [UInt8] {
        var bytes = sealed
        bytes.replaceSubrange(operationsOffset..<(operationsOffset + 4), with: SpecReference.u32(operations))
        bytes.replaceSubrange(memoryOffset..<(memoryOffset + 4), with: SpecReference.u32(memoryKiB))
        return Fixtures.withFixedChecksum(bytes)
    }

    @Test func theRightPasswordOpensThePayload() throws {
        #expect(try Fixtures.open(Self.sealed, using: .password(Fixtures.password)) == Fixtures.payload())
    }

    @Test func theHeaderShowsTheParameters() throws {
        #expect(try BackupHeader(parsing: Self.sealed).keySlots == [.password(.minimum)])
    }

    @Test func aWrongPasswordIsReportedAsSuch() {
        #expect(throws: BackupFormatError.wrongPassword) {
            try Fixtures.open(Self.sealed, using: .password(SecureBytes(copying: Array("Correct horse battery staple".utf8))))
        }
    }

    @Test func openingRefusesParametersBelowTheFloorEvenWithTheRightPassword() {
        // Had the reader derived a key, the cheap parameters would give a wrong key
        // (`wrongPassword`); the refusal comes before any derivation.
        #expect(throws: BackupFormatError.parametersOutOfBounds(operations: 1, memoryKiB: 8)) {
            try Fixtures.open(Self.patched(operations: 1, memoryKiB: 8), using: .password(Fixtures.password))
        }
        #expect(throws: BackupFormatError.parametersOutOfBounds(operations: 2, memoryKiB: 65_535)) {
            try Fixtures.open(Self.patched(operations: 2, memoryKiB: 65_535), using: .password(Fixtures.password))
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func openingRefusesParametersAboveTheCeilingBeforeDeriving() {
        // 4 TiB of memory or 4 billion passes: reaching Argon2id would fail to allocate or
        // never finish.
        #expect(throws: BackupFormatError.parametersOutOfBounds(operations: 2, memoryKiB: .max)) {
            try Fixtures.open(Self.patched(operations: 2, memoryKiB: .max), using: .password(Fixtures.password))
        }
        #expect(throws: BackupFormatError.parametersOutOfBounds(operations: .max, memoryKiB: 65_536)) {
            try Fixtures.open(Self.patched(operations: .max, memoryKiB: 65_536), using: .password(Fixtures.password))
        }
    }

    @Test func theHeaderReportsOutOfBoundsParametersWithoutJudgingThem() throws {
        let header = try BackupHeader(parsing: Self.patched(operations: 1, memoryKiB: 8))
        #expect(header.keySlots == [.password(PasswordHashingCost(unchecked: 1, memoryKiB: 8))])
    }

    @Test(arguments: [
        ("salt", 0, BackupFormatError.wrongPassword),
        ("slot nonce", 16 + 5, .wrongPassword),
        ("wrapped key", 16 + 24 + 7, .wrongPassword),
    ])
    func changingTheSlotIsRejectedEvenWithARecomputedChecksum(_ part: String, _ offsetAfterMemory: Int, _ expected: BackupFormatError) {
        var bytes = Self.sealed
        bytes[Self.memoryOffset + 4 + offsetAfterMemory] ^= 0x20
        #expect(throws: expected, "\(part)") { try Fixtures.open(Fixtures.withFixedChecksum(bytes), using: .password(Fixtures.password)) }
        // Without the recomputed checksum the change is caught as damage, before Argon2id.
        #expect(throws: BackupFormatError.damaged, "\(part)") { try Fixtures.open(bytes, using: .password(Fixtures.password)) }
    }

    @Test func changingThePayloadIsRejectedEvenWithARecomputedChecksum() {
        var bytes = Self.sealed
        bytes[bytes.count - 40] ^= 0x20
        #expect(throws: BackupFormatError.damaged) { try Fixtures.open(Fixtures.withFixedChecksum(bytes), using: .password(Fixtures.password)) }
    }
}
