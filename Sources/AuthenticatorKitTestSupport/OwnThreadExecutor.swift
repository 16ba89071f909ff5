import Dispatch

/// A task executor with a thread of its own, for tests whose steps mostly wait — on a server,
/// a child process, a lock — rather than compute.
///
/// Swift Testing runs every test at once on Swift's cooperative pool, one thread per core. A
/// test that waits hundreds of times in a row (a race of 20 rounds, 100 kills of a child
/// process) then queues behind every other test's jobs after each wait, and finishes last,
/// long after its own work is done. On an executor of its own, each step runs as soon as its
/// wait ends (the operating system shares the cores), so it overlaps with the tests that
/// compute. Behaviour is unchanged: the same code, awaited the same way.
package final class OwnThreadExecutor: TaskExecutor, @unchecked Sendable {
    private let queue: DispatchQueue
    private let marker = DispatchSpecificKey<Void>()

    /// A new executor (a serial queue of its own, `label` for debuggers).
    package init(label: String) {
        queue = DispatchQueue(label: label)
        queue.setSpecific(key: marker, value: ())
    }

    package func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }

    /// Whether the caller runs on this executor's thread.
    package var isCurrent: Bool { DispatchQueue.getSpecific(key: marker) != nil }

    /// Runs `body`, and every child task it starts, on this executor.
    package func run<Value, Failure: Error>(_ body: () async throws(Failure) -> Value) async throws(Failure) -> Value {
        try await withTaskExecutorPreference(self, operation: body)
    }

    /// Runs `body`, and every child task it starts, on a new executor of its own.
    package static func run<Value, Failure: Error>(
        _ label: String, _ body: () async throws(Failure) -> Value
    ) async throws(Failure) -> Value {
        try await OwnThreadExecutor(label: label).run(body)
    }
}
