@testable import SodiumBridge
import Testing

/// Many small secrets share a few guarded allocations, and each keeps its guarantees.
@Suite("Secret arena")
struct SecretArenaTests {
    @Test func fiftyThousandSecretsTakeAFewDozenAllocations() {
        let before = SecureBytes.arenaSlabCount
        // Each secret written in place (no array of its own to copy from: the test counts
        // the arena's slabs, not the cost of making 50,000 arrays).
        let secrets = (0..<50_000).map { index in
            SecureBytes(count: 20) { (bytes: UnsafeMutableRawBufferPointer) in
                for offset in 0..<20 { bytes[offset] = UInt8(truncatingIfNeeded: index &* 31 &+ offset) }
            }
        }
        // 20-byte secrets take 32-byte chunks, 2,048 to a 64 KiB slab: 25 slabs, not 50,000
        // allocations of their own (tests running beside this one allocate slabs too, hence
        // the margin; without the arena the count would be 50,000).
        #expect(SecureBytes.arenaSlabCount - before <= 100)
        #expect(secrets.count == 50_000)
    }

    @Test func secretsSharingASlabNeverOverlap() {
        let secrets = (0..<5_000).map { index in
            SecureBytes(count: 1 + index % 200) { (bytes: UnsafeMutableRawBufferPointer) in
                bytes.initializeMemory(as: UInt8.self, repeating: UInt8(truncatingIfNeeded: index))
            }
        }
        // Plain code, then one expectation: 10,000 `#expect`s cost more than the check.
        let overlapping = secrets.indices.filter { index in
            secrets[index].count != 1 + index % 200
                || !secrets[index].copyBytes().allSatisfy { $0 == UInt8(truncatingIfNeeded: index) }
        }
        #expect(overlapping == [])
    }

    @Test func aReleasedChunkIsZeroedAtOnce() throws {
        // An arena of the test's own, so that no other test can reuse the chunk meanwhile.
        let arena = SecretArena()
        let chunk = try #require(arena.allocate(32))
        chunk.pointer.initializeMemory(as: UInt8.self, repeating: 0xA5, count: 32)
        arena.release(chunk.pointer, in: chunk.slab)
        // The slab is still mapped (`chunk.slab` holds it): the chunk reads as zeros.
        let bytes = UnsafeRawBufferPointer(start: chunk.pointer, count: 32)
        #expect(bytes.allSatisfy { $0 == 0 })
    }

    @Test func aNewSecretStartsZeroedEvenInAReusedChunk() {
        for _ in 0..<100 {
            let secret = SecureBytes(count: 48, initializer: { (_: UnsafeMutableRawBufferPointer) in })
            #expect(secret.copyBytes() == [UInt8](repeating: 0, count: 48))
            _ = SecureBytes(copying: [UInt8](repeating: 0xFF, count: 48))
        }
    }

    @Test func secretsAboveTheLargestChunkGetTheirOwnAllocation() {
        let large = SecureBytes(copying: [UInt8](repeating: 7, count: 4_096))
        #expect(large.copyBytes() == [UInt8](repeating: 7, count: 4_096))
        #expect(SecretArena.shared.allocate(257) == nil)
    }

    @Test func concurrentAllocationAndReleaseKeepEverySecretIntact() async {
        await withTaskGroup(of: Bool.self) { group in
            for task in 0..<8 {
                group.addTask {
                    var intact = true
                    for round in 0..<2_000 {
                        let value = UInt8(truncatingIfNeeded: task &* 17 &+ round)
                        let secret = SecureBytes(copying: [UInt8](repeating: value, count: 1 + round % 64))
                        intact = intact && secret.copyBytes().allSatisfy { $0 == value }
                    }
                    return intact
                }
            }
            for await intact in group { #expect(intact) }
        }
    }
}
