import ArgumentParser
import Foundation

/// What one run of `authenticator` takes from its process (the environment, standard input)
/// and where its output goes.
///
/// The binary uses its own process: ``current`` is `nil`, and ``environment(_:)``,
/// ``readStandardInput()`` and `Output` use the real environment and file descriptors. The
/// tests run most commands inside the test process instead (``run(_:environment:input:)``),
/// each with an `Invocation` of its own bound to its task: its environment, its standard
/// input, and buffers standing for standard output and standard error. Many runs can then go
/// at once without sharing anything, and without starting a process each.
final class Invocation: @unchecked Sendable {
    /// The run in progress in this task, or `nil` in the `authenticator` process itself.
    @TaskLocal static var current: Invocation?

    /// The environment the run sees.
    let environment: [String: String]
    private let lock = NSLock()
    // Guarded by `lock`.
    private var input: Data
    private var inputClaimed = false
    private var pending: [UInt8] = []
    private var standardOutput: [UInt8] = []
    private var standardError: [UInt8] = []

    private init(environment: [String: String], input: Data) {
        self.environment = environment
        self.input = input
    }

    /// What an in-process run printed and how it ended.
    struct Result: Sendable {
        /// The exit status the process would have had.
        var status: Int32
        /// Everything written to standard output.
        var standardOutput: [UInt8]
        /// Everything written to standard error.
        var standardError: [UInt8]
    }

    /// Runs `authenticator arguments…` in this process, as the binary would run it with
    /// `environment` and `input` on standard input, and returns what it printed and the exit
    /// status (instead of exiting).
    static func run(_ arguments: [String], environment: [String: String], input: Data) async -> Result {
        let invocation = Invocation(environment: environment, input: input)
        let status = await $current.withValue(invocation) {
            await CommandRunner.execute(Authenticator.self, arguments: arguments)
        }
        return invocation.lock.withLock {
            Result(status: status, standardOutput: invocation.standardOutput, standardError: invocation.standardError)
        }
    }

    /// Runs `operation` in this process as one run of its own with `environment` and no
    /// standard input, without a command line: the tests set a device up through the app's
    /// own types this way (cheaper than parsing a command for each step). Returns the
    /// operation's value and what it printed.
    static func run<Value>(
        environment: [String: String], _ operation: () async throws -> Value
    ) async throws -> (value: Value, printed: Result) {
        let invocation = Invocation(environment: environment, input: Data())
        let value = try await $current.withValue(invocation) {
            defer { Output.flush() }
            return try await operation()
        }
        let printed = invocation.lock.withLock {
            Result(status: ExitStatus.success, standardOutput: invocation.standardOutput, standardError: invocation.standardError)
        }
        return (value, printed)
    }

    // MARK: The process's resources, or the run's

    /// The environment variable `name`.
    static func environment(_ name: String) -> String? {
        if let current { return current.environment[name] }
        return ProcessInfo.processInfo.environment[name]
    }

    /// Claims standard input for one reader: every option that names `-` calls it before
    /// reading. Standard input can be read once, so a second claim in the same run is a usage
    /// error rather than a silent misread (commands also refuse two options naming `-` before
    /// doing anything: `StandardInput.checkOneReader`; this catches any other pair).
    static func claimStandardInput() throws {
        let alreadyClaimed: Bool
        if let current {
            alreadyClaimed = current.lock.withLock {
                defer { current.inputClaimed = true }
                return current.inputClaimed
            }
        } else {
            let claim = processInputClaim
            alreadyClaimed = claim.lock.withLock {
                defer { claim.claimed = true }
                return claim.claimed
            }
        }
        if alreadyClaimed {
            throw ValidationError("standard input was already read by another option: only one option can name -")
        }
    }

    /// Whether this process's standard input was claimed (the binary runs one command).
    private static let processInputClaim = ProcessInputClaim()

    /// A flag guarded by its lock.
    private final class ProcessInputClaim: @unchecked Sendable {
        let lock = NSLock()
        // Guarded by `lock`.
        var claimed = false
    }

    /// At most `limit` bytes of standard input (fewer at its end).
    static func readStandardInput(upTo limit: Int) -> Data {
        guard let current else { return (try? FileHandle.standardInput.read(upToCount: limit)) ?? Data() }
        return current.lock.withLock {
            let read = current.input.prefix(limit)
            current.input = current.input.dropFirst(read.count)
            return Data(read)
        }
    }

    /// Standard input, read to its end.
    static func readStandardInput() -> Data {
        guard let current else { return FileHandle.standardInput.readDataToEndOfFile() }
        return current.lock.withLock {
            defer { current.input = Data() }
            return current.input
        }
    }

    /// The width help text is wrapped to: `nil` (ArgumentParser asks the terminal) in the
    /// process; in a run in the test process, what the binary gets with its standard output
    /// redirected to a file: `COLUMNS`, else 80.
    static var helpColumns: Int? {
        guard let current else { return nil }
        return current.environment["COLUMNS"].flatMap { Int($0) } ?? 80
    }

    // MARK: Output of a run in the test process (see `Output`)

    /// Adds to the bytes waiting for standard output, writing them once they reach `threshold`.
    func queue(_ add: (inout [UInt8]) -> Void, threshold: Int) {
        lock.withLock {
            add(&pending)
            if pending.count >= threshold {
                standardOutput += pending
                pending.removeAll()
            }
        }
    }

    /// Writes what waits for standard output.
    func flush() {
        lock.withLock {
            standardOutput += pending
            pending.removeAll()
        }
    }

    /// Drops what waits for standard output.
    func discard() {
        lock.withLock { pending.removeAll() }
    }

    /// Writes `bytes` to standard output now.
    func writeStandardOutput(_ bytes: [UInt8]) {
        lock.withLock { standardOutput += bytes }
    }

    /// Writes `bytes` to standard error now.
    func writeStandardError(_ bytes: [UInt8]) {
        lock.withLock { standardError += bytes }
    }
}
