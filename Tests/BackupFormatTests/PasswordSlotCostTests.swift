import SodiumBridge
import Testing
import BackupFormat

/// Password slots use the SDK's one cost type, `PasswordHashingCost`, and its bounds.
@Suite("Password slot cost")
struct PasswordSlotCostTests {
    @Test func aPasswordSlotDefaultsToTheModerateCost() throws {
        let sealed = try Fixtures.sealer().seal(
            Fixtures.payload(), metadata: Fixtures.metadata, keySlots: [.password(Fixtures.password)])
        #expect(try BackupHeader(parsing: sealed).keySlots == [.password(.moderate)])
    }

    @Test(arguments: [
        PasswordHashingCost(unchecked: 1, memoryKiB: 65_536),
        PasswordHashingCost(unchecked: 2, memoryKiB: 8),
        PasswordHashingCost(unchecked: 5, memoryKiB: 65_536),
        PasswordHashingCost(unchecked: 2, memoryKiB: .max),
        PasswordHashingCost(unchecked: .max, memoryKiB: 65_536),
    ])
    func sealingRefusesACostOutOfBounds(_ parameters: PasswordHashingCost) {
        // An out-of-bounds memory or pass count would take forever or fail to allocate if it
        // reached Argon2id; the refusal comes first.
        #expect(throws: BackupFormatError.parametersOutOfBounds(operations: parameters.operations, memoryKiB: parameters.memoryKiB)) {
            try Fixtures.sealer().seal(Fixtures.payload(), metadata: Fixtures.metadata,
                                       keySlots: [.password(Fixtures.password, parameters: parameters)])
        }
    }
}
