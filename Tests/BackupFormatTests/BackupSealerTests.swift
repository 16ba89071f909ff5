import SodiumBridge
import AccountModel
import Foundation
import Testing
import BackupFormat

@Suite("BackupSealer")
struct BackupSealerTests {
    @Test func theEscrowSlotRoundTrips() throws {
        let bytes = try Fixtures.sealedWithEscrow()
        #expect(try Fixtures.open(bytes, using: .escrowKey(Fixtures.escrowKey)) == Fixtures.payload())
    }

    @Test func theRecoveryCodeSlotRoundTrips() throws {
        let code = RecoveryCode(using: DeterministicRandom(seed: "code"))
        let bytes = try Fixtures.sealer().seal(Fixtures.payload(), metadata: Fixtures.metadata, keySlots: [.recoveryCode(code)])
        let typed = try RecoveryCode(parsing: code.text.lowercased())
        #expect(try Fixtures.open(bytes, using: .recoveryCode(typed)) == Fixtures.payload())
    }

    @Test func aFileWithEverySlotOpensWithEachOfThem() throws {
        let code = RecoveryCode(using: DeterministicRandom(seed: "code"))
        let bytes = try Fixtures.sealer().seal(Fixtures.payload(), metadata: Fixtures.metadata, keySlots: [
            .recoveryCode(code), .escrowKey(Fixtures.escrowKey, keyID: "e"), .password(Fixtures.password, parameters: .minimum),
        ])
        #expect(try Fixtures.open(bytes, using: .escrowKey(Fixtures.escrowKey)) == Fixtures.payload())
        #expect(try Fixtures.open(bytes, using: .recoveryCode(code)) == Fixtures.payload())
        #expect(try Fixtures.open(bytes, using: .password(Fixtures.password)) == Fixtures.payload())
        #expect(try BackupHeader(parsing: bytes).keySlots == [.recoveryCode, .escrowKey(keyID: "e"), .password(.minimum)])
    }

    @Test func anEmptyPayloadRoundTrips() throws {
        let empty = BackupPayload(accounts: [], settings: Settings(platform: .android))
        #expect(try Fixtures.open(Fixtures.sealedWithEscrow(empty), using: .escrowKey(Fixtures.escrowKey)) == empty)
    }

    @Test func theHeaderHoldsTheMetadataAndTheClocksTime() throws {
        let header = try BackupHeader(parsing: Fixtures.sealedWithEscrow())
        #expect(header.formatVersion == 1)
        #expect(header.minimumReaderVersion == 1)
        #expect(header.generation == 7)
        #expect(header.platform == .ios)
        #expect(header.appVersion == "1.2.3 (45)")
        #expect(header.backupID == Fixtures.backupID)
        #expect(header.createdAt == Date(timeIntervalSince1970: 1_700_000_100))
        #expect(header.metadata == Fixtures.metadata)
        #expect(header.keySlots == [.escrowKey(keyID: "escrow-1")])
    }

    @Test func theSameSeedAndClockGiveTheSameBytes() throws {
        #expect(try Fixtures.sealedWithEscrow() == Fixtures.sealedWithEscrow())
    }

    @Test func freshRandomnessGivesADifferentFileEveryTime() throws {
        let sealer = BackupSealer(clock: Fixtures.clock)
        let slots: [KeySlot] = [.escrowKey(Fixtures.escrowKey, keyID: "e")]
        let a = try sealer.seal(Fixtures.payload(), metadata: Fixtures.metadata, keySlots: slots)
        let b = try sealer.seal(Fixtures.payload(), metadata: Fixtures.metadata, keySlots: slots)
        #expect(a.count == b.count)
        #expect(a != b)
        #expect(try Fixtures.open(a, using: .escrowKey(Fixtures.escrowKey)) == Fixtures.open(b, using: .escrowKey(Fixtures.escrowKey)))
    }

    @Test func theCiphertextDoesNotContainThePlaintextSecrets() throws {
        let bytes = try Fixtures.sealedWithEscrow()
        #expect(!Self.contains(bytes, Fixtures.rfcSeed))
        #expect(!Self.contains(bytes, Array("octocat".utf8)))
    }

    @Test func sealingWithoutAKeySlotIsRefused() {
        #expect(throws: BackupFormatError.noKeySlots) {
            try Fixtures.sealer().seal(Fixtures.payload(), metadata: Fixtures.metadata, keySlots: [])
        }
    }

    @Test func twoSlotsOfOneKindAreRefused() {
        #expect(throws: BackupFormatError.duplicateKeySlot) {
            try Fixtures.sealer().seal(Fixtures.payload(), metadata: Fixtures.metadata, keySlots: [
                .escrowKey(Fixtures.escrowKey, keyID: "a"), .escrowKey(Fixtures.otherEscrowKey, keyID: "b"),
            ])
        }
    }

    @Test func anEscrowKeyOfTheWrongLengthIsRefused() {
        #expect(throws: BackupFormatError.invalidEscrowKey(length: 16)) {
            try Fixtures.sealer().seal(Fixtures.payload(), metadata: Fixtures.metadata,
                                       keySlots: [.escrowKey(SecureBytes(copying: [UInt8](repeating: 1, count: 16)), keyID: "a")])
        }
    }

    @Test func anEmptyPasswordIsRefused() {
        #expect(throws: BackupFormatError.emptyPassword) {
            try Fixtures.sealer().seal(Fixtures.payload(), metadata: Fixtures.metadata,
                                       keySlots: [.password(SecureBytes(copying: []), parameters: .minimum)])
        }
    }

    @Test func anEmptyKeyIdentifierIsAllowed() throws {
        let bytes = try Fixtures.sealer().seal(Fixtures.payload(), metadata: Fixtures.metadata, keySlots: [.escrowKey(Fixtures.escrowKey, keyID: "")])
        #expect(try BackupHeader(parsing: bytes).keySlots == [.escrowKey(keyID: "")])
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        return (0...(haystack.count - needle.count)).contains { haystack[$0..<($0 + needle.count)].elementsEqual(needle) }
    }
}
