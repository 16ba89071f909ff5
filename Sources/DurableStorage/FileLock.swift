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
/// Swift's cooperative thread pool free. A pause ends early when a holder in this process
/// releases the same lock file (``release(_:)``), so that tasks of one process hand the lock
/// on at once instead of after up to 50 ms; a holder in another process is noticed at the next
/// try. Closing the descriptor (or the holder's process dying) releases the lock. `flock`
/// works on local file systems, not network shares.
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
        let local = LocalLockEvents.shared
        while true {
            // Registered before the try, so that a release in this process between the try
            // and the pause still ends the pause.
            let waiter = local.register(path)
            do {
                if try POSIXFile.tryLockExclusively(fd, path: path) {
                    local.unregister(waiter)
                    local.hold(fd, path: path)
                    return fd
                }
            } catch {
                local.unregister(waiter)
                POSIXFile.closeFile(fd)
                throw error
            }
            guard !Task.isCancelled else {
                local.unregister(waiter)
                POSIXFile.closeFile(fd)
                throw .lockWaitCancelled(path: path)
            }
            if clock.now >= deadline {
                local.unregister(waiter)
                POSIXFile.closeFile(fd)
                throw .lockTimedOut(path: path)
            }
            whileWaiting?()
            await local.pause(waiter, upTo: pause)
            pause = min(pause * 2, longestPause)
        }
    }

    /// Releases a lock taken by ``acquire(_:timeout:whileWaiting:)`` by closing its descriptor,
    /// and ends the pause of this process's tasks waiting for the same lock file.
    package static func release(_ fd: Int32) {
        let path = LocalLockEvents.shared.forget(fd)
        POSIXFile.closeFile(fd)
        if let path { LocalLockEvents.shared.released(path) }
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

/// The locks this process holds (the path each held descriptor locks) and its tasks waiting for
/// one, so that a release in this process ends their pauses at once. (Package API for its
/// tests; ``FileLock`` uses ``shared``.)
package final class LocalLockEvents: @unchecked Sendable {
    /// The one ``FileLock`` uses.
    package static let shared = LocalLockEvents()

    /// Events of their own, for tests.
    package init() {}

    private enum Waiter {
        /// About to try `path`, or trying it.
        case registered(path: String)
        /// A holder in this process released the lock since the waiter registered: no pause.
        case released
        /// Pausing before the next try of `path`.
        case pausing(path: String, CheckedContinuation<Void, Never>)
    }

    private let lock = NSLock()
    // Guarded by `lock`.
    private var heldPaths: [Int32: String] = [:]
    private var waiters: [UInt64: Waiter] = [:]
    private var lastID: UInt64 = 0

    /// Notes that `fd` holds the lock on `path`.
    package func hold(_ fd: Int32, path: String) {
        lock.withLock { heldPaths[fd] = path }
    }

    /// Forgets `fd`; the path whose lock it held, if it was taken by ``FileLock``.
    package func forget(_ fd: Int32) -> String? {
        lock.withLock { heldPaths.removeValue(forKey: fd) }
    }

    /// A new waiter for `path`; end it with ``unregister(_:)`` or ``pause(_:upTo:)``.
    package func register(_ path: String) -> UInt64 {
        lock.withLock {
            lastID += 1
            waiters[lastID] = .registered(path: path)
            return lastID
        }
    }

    /// Ends a waiter that will not pause.
    package func unregister(_ id: UInt64) {
        lock.withLock { waiters[id] = nil }
    }

    /// Ends the pause of every waiter for `path` (or the next pause, for one not pausing yet).
    package func released(_ path: String) {
        let resumed: [CheckedContinuation<Void, Never>] = lock.withLock {
            var resumed: [CheckedContinuation<Void, Never>] = []
            for (id, waiter) in waiters {
                switch waiter {
                case let .registered(waitingFor) where waitingFor == path:
                    waiters[id] = .released
                case let .pausing(waitingFor, continuation) where waitingFor == path:
                    waiters[id] = nil
                    resumed.append(continuation)
                default:
                    break
                }
            }
            return resumed
        }
        for continuation in resumed { continuation.resume() }
    }

    /// Pauses for `duration`, or less: until a holder in this process releases the waiter's
    /// lock (at once if one did since it registered) or its task is cancelled. Never blocks a
    /// thread. Ends the waiter.
    package func pause(_ id: UInt64, upTo duration: Duration) async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let pauses: Bool = lock.withLock {
                    guard case let .registered(path) = waiters[id] else {
                        waiters[id] = nil
                        return false
                    }
                    waiters[id] = .pausing(path: path, continuation)
                    return true
                }
                guard pauses else { return continuation.resume() }
                let (seconds, attoseconds) = duration.components
                let nanoseconds = Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000)
                DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(nanoseconds)) { self.endPause(id) }
                // Cancelled before the pause began: the handler found nothing to end.
                if Task.isCancelled { endPause(id) }
            }
        } onCancel: {
            endPause(id)
        }
    }

    /// Ends `id`'s pause, if it is still pausing.
    private func endPause(_ id: UInt64) {
        let continuation: CheckedContinuation<Void, Never>? = lock.withLock {
            guard case let .pausing(_, continuation) = waiters[id] else { return nil }
            waiters[id] = nil
            return continuation
        }
        continuation?.resume()
    }
}
