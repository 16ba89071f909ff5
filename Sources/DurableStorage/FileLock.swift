import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive advisory lock (`flock`) on a lock file, so that two processes — or two
/// instances in one process — using the same directory cannot interleave their
/// read-modify-write cycles.
///
/// Waiting never blocks a thread: the lock is tried without waiting and, while another holder
/// keeps it, tried again after a pause that grows from 1 ms to 50 ms, so waiting tasks leave
/// Swift's cooperative thread pool free. Closing the descriptor (or the holder's process
/// dying) releases the lock. `flock` works on local file systems, not network shares.
///
/// Waiting is always bounded: ``defaultTimeout`` (10 s) unless the caller gives another
/// timeout, after which ``StorageError/lockTimedOut(path:)`` is thrown — a lock held forever by
/// another process (hung, stopped, or hostile, on a shared folder) makes an operation fail
/// with a typed "busy" error instead of waiting forever. A timeout of zero tries exactly once
/// and never pauses, which is what tests use to see that error deterministically.
package enum FileLock {
    /// How long an acquire waits when the caller does not say: 10 s.
    package static let defaultTimeout = Duration.seconds(10)
    /// The longest pause between two tries.
    static let longestPause = Duration.milliseconds(50)

    /// Opens the lock file at `path` (created with permissions `0600` if missing; a symbolic
    /// link is refused) and takes its exclusive lock, waiting at most `timeout` (zero: one try,
    /// no pause). Returns the descriptor; ``release(_:)`` it when done.
    ///
    /// Throws ``StorageError/lockTimedOut(path:)`` after `timeout`,
    /// ``StorageError/lockWaitCancelled(path:)`` if the task is cancelled while waiting, and
    /// ``StorageError/ioFailure(operation:path:errno:)`` if the file cannot be opened or locked.
    ///
    /// `whileWaiting` (for tests) is called each time the lock is found held by another
    /// holder, before the pause: a test waits for it instead of sleeping to know that the
    /// acquire is waiting.
    package static func acquire(
        _ path: String, timeout: Duration = defaultTimeout, whileWaiting: (@Sendable () -> Void)? = nil
    ) async throws(StorageError) -> Int32 {
        let fd: Int32
        do {
            fd = try POSIXFile.openFile(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK, mode: 0o600)
        } catch where error.code == ELOOP || error.code == EMLINK {
            throw .symbolicLink(path: path)
        }
        do throws(StorageError) {
            guard POSIXFile.isRegularFile(try POSIXFile.status(fd, path: path)) else {
                throw StorageError.notARegularFile(path: path)
            }
        } catch {
            POSIXFile.closeFile(fd)
            throw error
        }
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: max(timeout, .zero))
        var pause = Duration.milliseconds(1)
        while true {
            do {
                if try POSIXFile.tryLockExclusively(fd, path: path) { return fd }
            } catch {
                POSIXFile.closeFile(fd)
                throw error
            }
            guard !Task.isCancelled else {
                POSIXFile.closeFile(fd)
                throw .lockWaitCancelled(path: path)
            }
            if clock.now >= deadline {
                POSIXFile.closeFile(fd)
                throw .lockTimedOut(path: path)
            }
            whileWaiting?()
            try? await Task.sleep(for: pause)
            pause = min(pause * 2, longestPause)
        }
    }

    /// Releases a lock taken by ``acquire(_:timeout:whileWaiting:)`` by closing its descriptor.
    package static func release(_ fd: Int32) {
        POSIXFile.closeFile(fd)
    }

    /// Runs `body` while holding the exclusive lock on `url`, taken with
    /// ``acquire(_:timeout:whileWaiting:)``. Rethrows what `body` throws; a failure to take the
    /// lock (``StorageError/lockTimedOut(path:)`` after `timeout`) is thrown as `lockFailure`
    /// turns it into the caller's error.
    package static func withExclusiveLock<Result, Failure: Error>(
        on url: URL,
        timeout: Duration = defaultTimeout,
        lockFailure: (StorageError) -> Failure,
        _ body: () throws(Failure) -> Result
    ) async throws(Failure) -> Result {
        let fd: Int32
        do {
            fd = try await acquire(url.path, timeout: timeout)
        } catch {
            throw lockFailure(error)
        }
        defer { release(fd) }
        return try body()
    }
}
