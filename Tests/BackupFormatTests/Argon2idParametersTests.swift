import SodiumBridge
import Testing
import BackupFormat

@Suite("Argon2id parameters")
struct Argon2idParametersTests {
    @Test func theFloorIsLibsodiumsInteractiveLimits() {
        #expect(UInt64(Argon2idParameters.minimum.operations) == Argon2id.interactiveOperations)
        #expect(UInt64(Argon2idParameters.minimum.memoryKiB) * 1024 == Argon2id.interactiveMemory)
    }

    @Test func theDefaultIsLibsodiumsModerateLimits() {
        #expect(UInt64(Argon2idParameters.recommended.operations) == Argon2id.moderateOperations)
        #expect(UInt64(Argon2idParameters.recommended.memoryKiB) * 1024 == Argon2id.moderateMemory)
    }

    @Test func theCeilingIsFourPassesOverOneGibibyte() {
        #expect(Argon2idParameters.maximum == Argon2idParameters(operations: 4, memoryKiB: 1_048_576))
    }

    @Test func boundsAreInclusiveAndCheckEachNumber() {
        #expect(Argon2idParameters.minimum.isWithinBounds)
        #expect(Argon2idParameters.recommended.isWithinBounds)
        #expect(Argon2idParameters.maximum.isWithinBounds)
        #expect(!Argon2idParameters(operations: 1, memoryKiB: 65_536).isWithinBounds)
        #expect(!Argon2idParameters(operations: 2, memoryKiB: 65_535).isWithinBounds)
        #expect(!Argon2idParameters(operations: 5, memoryKiB: 65_536).isWithinBounds)
        #expect(!Argon2idParameters(operations: 2, memoryKiB: 1_048_577).isWithinBounds)
    }

    @Test(arguments: [
        Argon2idParameters(operations: 1, memoryKiB: 65_536),
        Argon2idParameters(operations: 2, memoryKiB: 8),
        Argon2idParameters(operations: 5, memoryKiB: 65_536),
        Argon2idParameters(operations: 2, memoryKiB: .max),
        Argon2idParameters(operations: .max, memoryKiB: 65_536),
    ])
    func sealingRefusesParametersOutOfBounds(_ parameters: Argon2idParameters) {
        // An out-of-bounds memory or pass count would take forever or fail to allocate if it
        // reached Argon2id; the refusal comes first.
        #expect(throws: BackupFormatError.parametersOutOfBounds(operations: parameters.operations, memoryKiB: parameters.memoryKiB)) {
            try Fixtures.sealer().seal(Fixtures.payload(), metadata: Fixtures.metadata,
                                       keySlots: [.password(Fixtures.password, parameters: parameters)])
        }
    }
}
