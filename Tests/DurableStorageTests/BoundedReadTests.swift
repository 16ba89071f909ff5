import Foundation
import Testing
@testable import DurableStorage
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `AtomicFile.read(_:limit:)` and `readPrefix`: the size is checked before reading, links are
/// never followed, only regular files are read.
@Suite("Bounded reads")
struct BoundedReadTests {
    private func folder() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bounded-read-\(UUID().uuidString)")
        try AtomicFile.createDirectory(directory)
        return directory
    }

    /// The largest resident set this process has had, in bytes.
    private func peakResidentBytes() -> Int {
        var usage = rusage()
        #if canImport(Darwin)
        getrusage(RUSAGE_SELF, &usage)
        return Int(usage.ru_maxrss)
        #else
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Int(usage.ru_maxrss) * 1024
        #endif
    }

    @Test func aFileWithinTheLimitIsReadWholeAndOneByteOverIsRefused() throws {
        let directory = try folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("f")
        try AtomicFile.write(Array(repeating: 7, count: 100), to: file)
        #expect(try AtomicFile.read(file, limit: 100) == Array(repeating: 7, count: 100))
        #expect(throws: StorageError.fileTooLarge(path: file.path, limit: 99)) { try AtomicFile.read(file, limit: 99) }
        try AtomicFile.write([], to: file)
        #expect(try AtomicFile.read(file, limit: 0) == [])
    }

    @Test func aSymbolicLinkToDevZeroIsRefusedNotFollowed() throws {
        let directory = try folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let link = directory.appendingPathComponent("generation-1.backup")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "/dev/zero")
        #expect(throws: StorageError.symbolicLink(path: link.path)) { try AtomicFile.read(link, limit: 1 << 20) }
        #expect(throws: StorageError.symbolicLink(path: link.path)) { try AtomicFile.readPrefix(of: link, length: 16, limit: 1 << 20) }
    }

    @Test func aDeviceIsRefusedEvenWhenTheUsersOwnLinkIsFollowed() throws {
        let directory = try folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let link = directory.appendingPathComponent("chosen-by-the-user")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "/dev/zero")
        #expect(throws: StorageError.notARegularFile(path: link.path)) {
            try AtomicFile.read(link, limit: 1 << 20, followingSymbolicLink: true)
        }
        let zero = URL(fileURLWithPath: "/dev/zero")
        #expect(throws: StorageError.notARegularFile(path: zero.path)) { try AtomicFile.read(zero, limit: 1 << 20) }
    }

    @Test func aFIFOIsRefusedWithoutWaitingForAWriter() throws {
        let directory = try folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fifo = directory.appendingPathComponent("latest.json")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        // Without O_NONBLOCK the open itself would wait forever for a writer.
        #expect(throws: StorageError.notARegularFile(path: fifo.path)) { try AtomicFile.read(fifo, limit: 1 << 20) }
    }

    @Test func aFolderIsRefused() throws {
        let directory = try folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(throws: StorageError.notARegularFile(path: directory.path)) { try AtomicFile.read(directory, limit: 1 << 20) }
    }

    @Test func aSparseTwoGiBFileIsRefusedBeforeAnythingIsReadOrAllocated() throws {
        let directory = try folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("generation-1.backup")
        let fd = open(file.path, O_WRONLY | O_CREAT, 0o600)
        #expect(fd >= 0)
        #expect(ftruncate(fd, 2 << 30) == 0)  // 2 GiB of holes: no disk used
        close(fd)
        let before = peakResidentBytes()
        #expect(throws: StorageError.fileTooLarge(path: file.path, limit: 16 << 20)) { try AtomicFile.read(file, limit: 16 << 20) }
        #expect(throws: StorageError.fileTooLarge(path: file.path, limit: 16 << 20)) {
            try AtomicFile.readPrefix(of: file, length: 64, limit: 16 << 20)
        }
        // Reading it (or allocating its size) would have raised the peak by gigabytes.
        #expect(peakResidentBytes() - before < 64 << 20)
    }

    @Test func aPrefixReadTakesOnlyTheFirstBytes() throws {
        let directory = try folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("f")
        try AtomicFile.write(Array(0..<200), to: file)
        #expect(try AtomicFile.readPrefix(of: file, length: 10, limit: 1000) == Array(0..<10))
        #expect(try AtomicFile.readPrefix(of: file, length: 500, limit: 1000) == Array(0..<200))
        #expect(try AtomicFile.readPrefix(of: directory.appendingPathComponent("absent"), length: 1, limit: 1) == nil)
    }

    // MARK: Folders

    @Test func aPlantedLinkInPlaceOfAFolderIsRefusedAndNothingIsCreatedWhereItPoints() throws {
        let base = try folder()
        let elsewhere = try folder()
        defer {
            try? FileManager.default.removeItem(at: base)
            try? FileManager.default.removeItem(at: elsewhere)
        }
        try FileManager.default.createSymbolicLink(
            atPath: base.appendingPathComponent("ios").path, withDestinationPath: elsewhere.path)
        let link = base.appendingPathComponent("ios", isDirectory: true).path
        #expect(throws: StorageError.symbolicLink(path: link)) { try ContainedDirectory.create(["ios", "alice"], in: base) }
        #expect(throws: StorageError.symbolicLink(path: link)) { try ContainedDirectory.existing(["ios", "alice"], in: base) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).isEmpty)
    }

    @Test func containedFoldersAreCreatedOwnerOnlyAndFoundAgain() throws {
        let base = try folder()
        defer { try? FileManager.default.removeItem(at: base) }
        #expect(try ContainedDirectory.existing(["ios", "alice"], in: base) == nil)
        let created = try ContainedDirectory.create(["ios", "alice"], in: base)
        #expect(try ContainedDirectory.existing(["ios", "alice"], in: base) == created)
        let attributes = try FileManager.default.attributesOfItem(atPath: created.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o700)
        try AtomicFile.write([1], to: base.appendingPathComponent("file"))
        #expect(throws: StorageError.ioFailure(operation: "use the folder", path: base.appendingPathComponent("file", isDirectory: true).path, errno: ENOTDIR)) {
            try ContainedDirectory.existing(["file"], in: base)
        }
    }

    // MARK: Locks

    @Test func aLockIsWaitedForTenSecondsByDefault() {
        #expect(FileLock.defaultTimeout == .seconds(10))
    }

    @Test func aZeroTimeoutTriesOnceAndGivesUpAtOnceWhileAnotherDescriptorHoldsTheLock() async throws {
        let directory = try folder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("lock").path
        let held = try await FileLock.acquire(path)
        defer { FileLock.release(held) }
        let waits = Counter()
        await #expect(throws: StorageError.lockTimedOut(path: path)) {
            _ = try await FileLock.acquire(path, timeout: .zero, whileWaiting: { waits.increment() })
        }
        #expect(waits.value == 0)
    }
}

/// A thread-safe count.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func increment() { lock.withLock { count += 1 } }
}
