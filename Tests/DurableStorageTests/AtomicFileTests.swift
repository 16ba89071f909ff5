import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import DurableStorage

@Suite("AtomicFile")
struct AtomicFileTests {
    private func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("atomicfile-\(UUID().uuidString)")
        try AtomicFile.createDirectory(url)
        return url
    }

    @Test func readOfAMissingFileIsNil() throws {
        let directory = try temporaryDirectory()
        #expect(try AtomicFile.read(directory.appendingPathComponent("absent"), limit: 1 << 20) == nil)
    }

    @Test func writeThenReadGivesTheSameBytesWithOwnerOnlyPermissions() throws {
        let file = try temporaryDirectory().appendingPathComponent("vault")
        try AtomicFile.write([1, 2, 3], to: file)
        #expect(try AtomicFile.read(file, limit: 1 << 20) == [1, 2, 3])
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
        #expect(try AtomicFile.read(file, limit: 1 << 20) == [1, 1, 1])
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

    @Test func aWriteLeavesNoTemporaryFileBehind() throws {
        let directory = try temporaryDirectory()
        try AtomicFile.write([1], to: directory.appendingPathComponent("vault"))
        try AtomicFile.write([2], to: directory.appendingPathComponent("vault"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["vault"])
    }

    @Test func aTemporaryFileNotYetRenamedLeavesTheOldContentsAndIsSweptAway() throws {
        let directory = try temporaryDirectory()
        let file = directory.appendingPathComponent("vault")
        try AtomicFile.write([1, 1], to: file)
        let temporary = try [UInt8]([2, 2]).withUnsafeBytes { try AtomicFile.writeTemporaryFile($0, for: file) }
        #expect(URL(fileURLWithPath: temporary).lastPathComponent.hasPrefix(".vault.tmp-"))
        #expect(try AtomicFile.read(file, limit: 1 << 20) == [1, 1])
        AtomicFile.removeTemporaryFiles(of: file)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["vault"])
    }

    @Test func replacingWithTheTemporaryFileInstallsTheNewContents() throws {
        let file = try temporaryDirectory().appendingPathComponent("vault")
        try AtomicFile.write([1], to: file)
        let temporary = try [UInt8]([3, 4]).withUnsafeBytes { try AtomicFile.writeTemporaryFile($0, for: file) }
        try AtomicFile.replace(file, withTemporaryFile: temporary)
        #expect(try AtomicFile.read(file, limit: 1 << 20) == [3, 4])
        #expect(!FileManager.default.fileExists(atPath: temporary))
    }

    @Test func createWritesOnlyWhenNoFileIsThereAndLeavesNoTemporaryFile() throws {
        let directory = try temporaryDirectory()
        let file = directory.appendingPathComponent("key")
        #expect(try [UInt8]([7]).withUnsafeBytes { try AtomicFile.create($0, at: file) })
        #expect(try ![UInt8]([8]).withUnsafeBytes { try AtomicFile.create($0, at: file) })
        #expect(try AtomicFile.read(file, limit: 1 << 20) == [7])
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["key"])
    }

    @Test func readReturnsFilesLargerThanOneChunkWhole() throws {
        let file = try temporaryDirectory().appendingPathComponent("big")
        let bytes = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try AtomicFile.write(bytes, to: file)
        #expect(try AtomicFile.read(file, limit: 1 << 20) == bytes)
    }

    @Test func createDirectoryMakesMissingParentsOwnerOnly() throws {
        let root = try temporaryDirectory()
        let nested = root.appendingPathComponent("a/b/c")
        try AtomicFile.createDirectory(nested)
        try AtomicFile.createDirectory(nested)  // existing: fine
        let attributes = try FileManager.default.attributesOfItem(atPath: root.appendingPathComponent("a/b").path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o700)
    }

    @Test func createDirectoryWhereAFileStandsIsNotADirectory() throws {
        let file = try temporaryDirectory().appendingPathComponent("file")
        try AtomicFile.write([1], to: file)
        #expect(throws: StorageError.ioFailure(operation: "create directory", path: file.path, errno: ENOTDIR)) {
            try AtomicFile.createDirectory(file)
        }
    }

    @Test func messagesNameTheOperationThePathAndTheReason() {
        let error = StorageError.ioFailure(operation: "open", path: "/x/vault", errno: ENOENT)
        #expect(error.message == "cannot open /x/vault: \(String(cString: strerror(ENOENT)))")
        #expect(error.isMissingLocation)
        #expect(!StorageError.lockTimedOut(path: "/x/lock").isMissingLocation)
    }

    @Test func theLockSerialisesConcurrentReadModifyWriteCycles() async throws {
        let directory = try temporaryDirectory()
        let file = directory.appendingPathComponent("counter")
        let lock = directory.appendingPathComponent("lock")
        try AtomicFile.write([0], to: file)
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    _ = try? await FileLock.withExclusiveLock(on: lock, lockFailure: { $0 }) { () throws(StorageError) in
                        let value = try AtomicFile.read(file, limit: 1 << 20)?.first ?? 0
                        try AtomicFile.write([value + 1], to: file)
                    }
                }
            }
        }
        #expect(try AtomicFile.read(file, limit: 1 << 20) == [20])
    }
}
