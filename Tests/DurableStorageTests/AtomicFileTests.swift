import Foundation
import Testing
@testable import DurableStorage

@Suite("AtomicFile", .serialized)
struct AtomicFileTests {
    private func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("atomicfile-\(UUID().uuidString)")
        try AtomicFile.createDirectory(url)
        return url
    }

    @Test func readOfAMissingFileIsNil() throws {
        let directory = try temporaryDirectory()
        #expect(try AtomicFile.read(directory.appendingPathComponent("absent")) == nil)
    }

    @Test func writeThenReadGivesTheSameBytesWithOwnerOnlyPermissions() throws {
        let file = try temporaryDirectory().appendingPathComponent("vault")
        try AtomicFile.write([1, 2, 3], to: file)
        #expect(try AtomicFile.read(file) == [1, 2, 3])
        let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    }

    @Test func aCrashBeforeTheRenameLeavesTheOldContents() throws {
        let directory = try temporaryDirectory()
        let file = directory.appendingPathComponent("vault")
        try AtomicFile.write([1, 1, 1], to: file)
        // Only this test's file "crashes": other suites may be writing concurrently.
        TestHooks.current = TestHooks(beforeRename: { url throws(StorageError) in
            if url == file { throw .ioFailure(operation: "simulated crash", path: url.path, errno: EIO) }
        })
        defer { TestHooks.current = .none }
        #expect(throws: StorageError.self) { try AtomicFile.write([2, 2, 2], to: file) }
        #expect(try AtomicFile.read(file) == [1, 1, 1])
    }

    @Test func aMissingDirectoryIsReportedAsAMissingLocation() throws {
        let file = URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)/vault")
        do {
            try AtomicFile.write([1], to: file)
            Issue.record("write to a missing directory succeeded")
        } catch {
            #expect(error.isMissingLocation)
        }
    }

    @Test func theLockSerialisesConcurrentReadModifyWriteCycles() async throws {
        let directory = try temporaryDirectory()
        let file = directory.appendingPathComponent("counter")
        let lock = directory.appendingPathComponent("lock")
        try AtomicFile.write([0], to: file)
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    _ = try? FileLock.withExclusiveLock(on: lock) {
                        let value = try AtomicFile.read(file)?.first ?? 0
                        try AtomicFile.write([value + 1], to: file)
                    }
                }
            }
        }
        #expect(try AtomicFile.read(file) == [20])
    }
}
