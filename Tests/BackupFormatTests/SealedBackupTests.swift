import SodiumBridge
import Testing
import BackupFormat

@Suite("SealedBackup")
struct SealedBackupTests {
    typealias Spec = SpecReference

    static let plaintext = Spec.payload(settings: Spec.settings(flags: 1, platform: 2), records: [
        Spec.totpRecord(id: "spec-1", issuer: "Spec", userName: "reader", createdAtMs: 1_000, secret: Fixtures.rfcSeed),
    ])

    @Test func aFileWrittenFromTheSpecByAnIndependentWriterOpens() throws {
        let bytes = Spec.write(plaintext: Self.plaintext, escrowKey: Fixtures.escrowKey)
        let backup = try SealedBackup(bytes: bytes)
        #expect(backup.header.platform == .android)
        #expect(backup.header.appVersion == "spec")
        #expect(backup.header.keySlots == [.escrowKey(keyID: "spec-key")])
        let payload = try backup.open(using: .escrowKey(Fixtures.escrowKey))
        #expect(payload.accounts.map(\.issuer) == ["Spec"])
        #expect(payload.accounts[0].token?.secret.copyBytes() == Fixtures.rfcSeed)
    }

    @Test func anIndependentReaderWrittenFromTheSpecOpensWhatTheSealerWrites() throws {
        let bytes = try Fixtures.sealedWithEscrow()
        let plaintext = try #require(Spec.decryptPayload(bytes, escrowKey: Fixtures.escrowKey))
        #expect(plaintext.count > 0)
        let code = RecoveryCode(using: DeterministicRandom(seed: "independent"))
        let withCode = try Fixtures.sealer().seal(Fixtures.payload(), metadata: Fixtures.metadata, keySlots: [.recoveryCode(code)])
        #expect(Spec.decryptPayload(withCode, recoveryCode: code.text) == plaintext)
    }

    @Test func theWrongEscrowKeyIsReportedAsSuch() throws {
        #expect(throws: BackupFormatError.wrongEscrowKey) {
            try Fixtures.open(Fixtures.sealedWithEscrow(), using: .escrowKey(Fixtures.otherEscrowKey))
        }
    }

    @Test func anEscrowKeyOfTheWrongLengthIsRefusedWhenOpening() throws {
        #expect(throws: BackupFormatError.invalidEscrowKey(length: 31)) {
            try Fixtures.open(Fixtures.sealedWithEscrow(), using: .escrowKey(SecureBytes(copying: [UInt8](repeating: 0, count: 31))))
        }
    }

    @Test func theWrongRecoveryCodeIsReportedAsSuch() throws {
        let bytes = try Fixtures.sealer().seal(Fixtures.payload(), metadata: Fixtures.metadata,
                                               keySlots: [.recoveryCode(RecoveryCode(using: DeterministicRandom(seed: "one")))])
        #expect(throws: BackupFormatError.wrongRecoveryCode) {
            try Fixtures.open(bytes, using: .recoveryCode(RecoveryCode(using: DeterministicRandom(seed: "two"))))
        }
    }

    @Test func aKeyOfAKindTheFileLacksFindsNoMatchingSlot() throws {
        let bytes = try Fixtures.sealedWithEscrow()
        #expect(throws: BackupFormatError.noMatchingKeySlot) { try Fixtures.open(bytes, using: .password(Fixtures.password)) }
        #expect(throws: BackupFormatError.noMatchingKeySlot) {
            try Fixtures.open(bytes, using: .recoveryCode(RecoveryCode(using: DeterministicRandom(seed: "x"))))
        }
    }

    @Test func slotsOfUnknownTypesAreShownAndSkipped() throws {
        let unknown = Spec.Slot(type: 9, body: [1, 2, 3])
        let bytes = Spec.write(plaintext: Self.plaintext, escrowKey: Fixtures.escrowKey, slotsBefore: [unknown], slotsAfter: [Spec.Slot(type: 200, body: [])])
        let backup = try SealedBackup(bytes: bytes)
        #expect(backup.header.keySlots == [.unknown(type: 9), .escrowKey(keyID: "spec-key"), .unknown(type: 200)])
        #expect(try backup.open(using: .escrowKey(Fixtures.escrowKey)).accounts.count == 1)
    }

    @Test func aFileWithOnlyUnknownSlotsHasNoMatchingSlot() throws {
        let bytes = Spec.write(plaintext: Self.plaintext, escrowKey: nil, slotsBefore: [Spec.Slot(type: 9, body: [])])
        #expect(throws: BackupFormatError.noMatchingKeySlot) { try Fixtures.open(bytes, using: .escrowKey(Fixtures.escrowKey)) }
    }

    @Test func twoSlotsOfOneKnownTypeAreDamage() throws {
        let copy = Spec.Slot(type: 3, body: [UInt8](repeating: 0, count: 88))
        let bytes = Spec.write(plaintext: Self.plaintext, escrowKey: nil, slotsBefore: [copy, copy])
        #expect(throws: BackupFormatError.damaged) { try SealedBackup(bytes: bytes) }
    }

    @Test func aKnownSlotTooShortForItsFieldsIsDamage() throws {
        let short = Spec.Slot(type: 2, body: [UInt8](repeating: 0, count: 95))
        let bytes = Spec.write(plaintext: Self.plaintext, escrowKey: Fixtures.escrowKey, slotsBefore: [short])
        #expect(throws: BackupFormatError.damaged) { try SealedBackup(bytes: bytes) }
    }

    @Test func aHeaderWithNoSlotsIsDamage() throws {
        let bytes = Spec.write(plaintext: Self.plaintext, escrowKey: nil)
        #expect(throws: BackupFormatError.damaged) { try SealedBackup(bytes: bytes) }
    }

    @Test func bytesAfterTheFieldsOfAKnownSlotAreIgnored() throws {
        // A newer writer's extra slot fields: authenticated with the header, ignored here.
        let bytes = Spec.write(plaintext: Self.plaintext, escrowKey: Fixtures.escrowKey, escrowSlotTrailing: [0xEE, 0xEE, 0xEE])
        #expect(try Fixtures.open(bytes, using: .escrowKey(Fixtures.escrowKey)).accounts.count == 1)
    }
}
