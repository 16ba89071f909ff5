import Foundation
import Testing
@testable import SodiumBridge

@Suite("PasswordHashingCost")
struct PasswordHashingCostTests {
    @Test func theFloorIsLibsodiumsInteractiveCost() {
        #expect(PasswordHashingCost.minimum == PasswordHashingCost.interactive)
        #expect(UInt64(PasswordHashingCost.minimum.operations) == Argon2id.interactiveOperations)
        #expect(UInt64(PasswordHashingCost.minimum.memoryKiB) * 1024 == Argon2id.interactiveMemory)
    }

    @Test func theModerateCostIsLibsodiumsModerateCost() {
        #expect(UInt64(PasswordHashingCost.moderate.operations) == Argon2id.moderateOperations)
        #expect(UInt64(PasswordHashingCost.moderate.memoryKiB) * 1024 == Argon2id.moderateMemory)
    }

    @Test func theCeilingIsFourPassesOverOneGibibyte() {
        #expect(PasswordHashingCost(operations: 4, memoryKiB: 1_048_576) == .maximum)
    }

    @Test func aCostBelowTheFloorIsRefused() {
        #expect(PasswordHashingCost(operations: 1, memoryKiB: 65_536) == nil)
        #expect(PasswordHashingCost(operations: 2, memoryKiB: 65_535) == nil)
        #expect(PasswordHashingCost(operations: 2, memoryKiB: 65_536) == .minimum)
    }

    @Test func aCostAboveTheCeilingIsRefused() {
        #expect(PasswordHashingCost(operations: 5, memoryKiB: 65_536) == nil)
        #expect(PasswordHashingCost(operations: 2, memoryKiB: 1_048_577) == nil)
        #expect(PasswordHashingCost(operations: .max, memoryKiB: .max) == nil)
    }

    @Test func boundsAreInclusiveAndCheckEachNumber() {
        for cost in [PasswordHashingCost.minimum, .interactive, .moderate, .maximum] {
            #expect(cost.isWithinBounds)
        }
        #expect(!PasswordHashingCost(unchecked: 1, memoryKiB: 1_048_576).isWithinBounds)
        #expect(!PasswordHashingCost(unchecked: 4, memoryKiB: 8).isWithinBounds)
    }

    @Test func libsodiumTakesTheMemoryInBytes() {
        #expect(PasswordHashingCost.minimum.memoryBytes == 64 << 20)
    }

    @Test func aCostEncodesItsTwoNumbersInKiB() throws {
        let json = try JSONEncoder().encode(PasswordHashingCost.minimum)
        let object = try JSONSerialization.jsonObject(with: json) as? [String: Any]
        #expect(object?["operations"] as? Int == 2)
        #expect(object?["memoryKiB"] as? Int == 65_536)
        #expect(try JSONDecoder().decode(PasswordHashingCost.self, from: json) == .minimum)
    }

    @Test func aCostWrittenInBytesByEarlierVersionsStillDecodes() throws {
        let json = Data(#"{"operations":3,"memoryBytes":268435456}"#.utf8)
        #expect(try JSONDecoder().decode(PasswordHashingCost.self, from: json) == .moderate)
    }

    @Test func aDecodedCostOutsideTheBoundsIsRefused() {
        for text in [#"{"operations":1,"memoryKiB":8}"#, #"{"operations":1,"memoryBytes":8192}"#, #"{"operations":2,"memoryBytes":67108865}"#] {
            #expect(throws: DecodingError.self) { try JSONDecoder().decode(PasswordHashingCost.self, from: Data(text.utf8)) }
        }
    }

    @Test func theTestCostIsBelowTheFloorAndDerivesAKey() throws {
        #expect(!PasswordHashingCost.testing.isWithinBounds)
        #expect(PasswordHashingCost.testing.memoryKiB < PasswordHashingCost.minimum.memoryKiB)
        // libsodium takes it (its least Argon2id memory is 8 KiB).
        let key = try Argon2id.deriveKey(
            password: SecureBytes(copying: Array("pw".utf8)), salt: [UInt8](repeating: 1, count: Argon2id.saltLength),
            outputLength: 32, operations: PasswordHashingCost.testing.operationsLimit,
            memoryBytes: PasswordHashingCost.testing.memoryBytes)
        #expect(key.count == 32)
    }

    @Test func aCostBelowTheFloorDecodesOnlyForAReaderConfiguredWithExactlyThatCost() throws {
        let testCost = Data(#"{"operations":1,"memoryKiB":8}"#.utf8)
        let otherLowCost = Data(#"{"operations":1,"memoryKiB":16}"#.utf8)
        let configured = JSONDecoder()
        configured.userInfo[PasswordHashingCost.configuredCostKey] = PasswordHashingCost.testing
        #expect(try configured.decode(PasswordHashingCost.self, from: testCost) == .testing)
        #expect(try configured.decode(PasswordHashingCost.self, from: Data(#"{"operations":2,"memoryKiB":65536}"#.utf8)) == .minimum)
        // Any other cost below the floor, or no configured cost, or a public one: refused.
        #expect(throws: DecodingError.self) { try configured.decode(PasswordHashingCost.self, from: otherLowCost) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(PasswordHashingCost.self, from: testCost) }
        let publicReader = JSONDecoder()
        publicReader.userInfo[PasswordHashingCost.configuredCostKey] = PasswordHashingCost.minimum
        #expect(throws: DecodingError.self) { try publicReader.decode(PasswordHashingCost.self, from: testCost) }
        #expect(PasswordHashingCost.testing.isAccepted(configuredWith: .testing))
        #expect(!PasswordHashingCost.testing.isAccepted(configuredWith: .minimum))
        #expect(!PasswordHashingCost.testing.isAccepted(configuredWith: nil))
        #expect(PasswordHashingCost.moderate.isAccepted(configuredWith: .testing))
    }
}
