import Foundation

/// The end of a child process, awaited without a thread: set up before the process runs (it
/// takes the process's `terminationHandler`), then ``status()`` resumes as soon as the child
/// has ended. (`Process.waitUntilExit()` blocks its thread and, on Linux, looks again only
/// every 50 ms.)
package final class ChildProcessExit: @unchecked Sendable {
    private let lock = NSLock()
    // Guarded by `lock`.
    private var ended: Int32?
    private var waiting: [CheckedContinuation<Int32, Never>] = []

    /// Watches `process`, which must not have been started yet.
    package init(watching process: Process) {
        process.terminationHandler = { [self] process in
            let status = process.terminationStatus
            let resumed = lock.withLock {
                ended = status
                defer { waiting.removeAll() }
                return waiting
            }
            for continuation in resumed { continuation.resume(returning: status) }
        }
    }

    /// The child's exit status (or the number of the signal that ended it), once it has ended.
    package func status() async -> Int32 {
        await withCheckedContinuation { continuation in
            let status: Int32? = lock.withLock {
                if ended == nil { waiting.append(continuation) }
                return ended
            }
            if let status { continuation.resume(returning: status) }
        }
    }
}
