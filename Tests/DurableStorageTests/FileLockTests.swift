import Foundation
import Testing
@testable import DurableStorage
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite("FileLock")
struct FileLockTests {
    private func lockPath() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("filelock-\(UUID().uuidString)")
        try AtomicFile.createDirectory(directory)
        return directory.appendingPathComponent("lock").path
    }

    @Test func acquireCreatesTheLockFileOnlyTheOwnerCanRead() async throws {
        let path = try lockPath()
        let fd = try await FileLock.acquire(path)
        FileLock.release(fd)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    }

    @Test func aSecondAcquireWaitsUntilTheTimeoutWhileTheLockIsHeld() async throws {
        let path = try lockPath()
        let held = try await FileLock.acquire(path)
        defer { FileLock.release(held) }
        await #expect(throws: StorageError.lockTimedOut(path: path)) {
            _ = try await FileLock.acquire(path, timeout: .milliseconds(100))
        }
    }

    @Test func aReleasedLockCanBeTakenAgain() async throws {
        let path = try lockPath()
        FileLock.release(try await FileLock.acquire(path))
        let again = try await FileLock.acquire(path, timeout: .zero)
        FileLock.release(again)
    }

    @Test func cancellingAWaitingAcquireThrowsLockWaitCancelled() async throws {
        let path = try lockPath()
        let held = try await FileLock.acquire(path)
        defer { FileLock.release(held) }
        let (waiting, signal) = AsyncStream<Void>.makeStream()
        let waiter = Task { try await FileLock.acquire(path, whileWaiting: { signal.yield() }) }
        // Cancel only once the acquire has found the lock held and is waiting for it.
        var iterator = waiting.makeAsyncIterator()
        await iterator.next()
        waiter.cancel()
        await #expect(throws: StorageError.lockWaitCancelled(path: path)) { _ = try await waiter.value }
    }

    @Test func aSymbolicLinkAsTheLockFileIsRefused() async throws {
        let path = try lockPath()
        let target = path + "-target"
        #expect(symlink(target, path) == 0)
        await #expect(throws: StorageError.symbolicLink(path: path)) {
            _ = try await FileLock.acquire(path)
        }
    }

    /// With a lock that blocked a thread in `flock`, more waiters than the cooperative thread
    /// pool has threads would take every thread, and the task that releases the lock could
    /// never run: this test would hang until its time limit.
    @Test(.timeLimit(.minutes(1)))
    func manyWaitersDoNotOccupyTheThreadsTheHolderNeedsToReleaseTheLock() async throws {
        let path = try lockPath()
        let held = try await FileLock.acquire(path)
        let waiters = 4 * max(2, ProcessInfo.processInfo.activeProcessorCount)
        let (waiting, signal) = AsyncStream<Int>.makeStream()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for waiter in 0..<waiters {
                group.addTask { FileLock.release(try await FileLock.acquire(path, whileWaiting: { signal.yield(waiter) })) }
            }
            // Release only once every waiter has found the lock held and is waiting for it.
            var seen = Set<Int>()
            for await waiter in waiting {
                seen.insert(waiter)
                if seen.count == waiters { break }
            }
            FileLock.release(held)
            try await group.waitForAll()
        }
    }

    // MARK: Hand-off within this process (a pause of an hour would fail the time limit)

    @Test(.timeLimit(.minutes(1)))
    func aReleaseInThisProcessEndsAWaitersPauseAtOnce() async {
        let events = LocalLockEvents()
        let paused = await Self.pausingTask(events, events.register("/vault/lock"))
        events.released("/vault/lock")
        await paused.value
    }

    @Test(.timeLimit(.minutes(1)))
    func aReleaseBetweenTheTryAndThePauseStillEndsThePause() async {
        let events = LocalLockEvents()
        let waiter = events.register("/vault/lock")
        events.released("/vault/lock")
        await events.pause(waiter, upTo: .seconds(3_600))
    }

    @Test(.timeLimit(.minutes(1)))
    func cancellingAPausingWaiterEndsItsPause() async {
        let events = LocalLockEvents()
        let paused = await Self.pausingTask(events, events.register("/vault/lock"))
        // A release of another lock file ends nothing; the cancellation does.
        events.released("/other/lock")
        paused.cancel()
        await paused.value
    }

    /// A task pausing for an hour as `waiter` of `events`, returned once it has started.
    private static func pausingTask(_ events: LocalLockEvents, _ waiter: UInt64) async -> Task<Void, Never> {
        let (started, signal) = AsyncStream<Void>.makeStream()
        let paused = Task {
            signal.yield()
            await events.pause(waiter, upTo: .seconds(3_600))
        }
        var iterator = started.makeAsyncIterator()
        await iterator.next()
        return paused
    }
}
