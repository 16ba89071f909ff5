import SodiumBridge
import Testing
import BackupFormat

/// Password slots use the SDK's one cost type, `PasswordHashingCost`, and its bounds.
@Suite("Password slot cost")
struct PasswordSlotCostTests {
    @Test func aPasswordSlotDefaultsToTheModerateCost() throws {
        // The slot's default, read from the slot itself: sealing at 3 passes over 256 MiB only
        // to read the cost back from the header would cost a second of the suite, and the
        // header stating the slot's cost is `PasswordSlotTests.theHeaderShowsTheParameters`.
        let slot = KeySlot.password(Fixtures.password)
        guard case let .password(_, parameters) = slot else {
            Issue.record("\(slot)")
            return
        }
        #expect(parameters == .moderate)
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
