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
}
