import Testing
import SodiumBridge

@Suite("PasswordHashingCost")
struct PasswordHashingCostTests {
    @Test func aCostBelowTheFloorIsRefused() {
        #expect(PasswordHashingCost(operations: 0, memoryBytes: PasswordHashingCost.minimum.memoryBytes) == nil)
        #expect(PasswordHashingCost(operations: 1, memoryBytes: PasswordHashingCost.minimum.memoryBytes - 1) == nil)
        #expect(PasswordHashingCost(operations: 1, memoryBytes: PasswordHashingCost.minimum.memoryBytes) == .minimum)
    }

    @Test func aCostAboveTheCeilingIsRefused() {
        #expect(PasswordHashingCost(operations: 11, memoryBytes: 1 << 20) == nil)
        #expect(PasswordHashingCost(operations: 2, memoryBytes: (1 << 30) + 1) == nil)
        #expect(PasswordHashingCost(operations: 10, memoryBytes: 1 << 30) == .maximum)
    }

    @Test func theLibsodiumPresetsLieBetweenFloorAndCeiling() {
        for preset in [PasswordHashingCost.interactive, .moderate] {
            #expect(PasswordHashingCost(operations: preset.operations, memoryBytes: preset.memoryBytes) == preset)
        }
    }
}
