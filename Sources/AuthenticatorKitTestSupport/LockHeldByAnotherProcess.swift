import Foundation

/// A lock file held by a second process, for tests of what a store, cloud or service does while
/// another process keeps its lock (a hung or hostile writer on a shared folder): the child takes
/// the exclusive `flock` and keeps it until ``release()`` or until the holder goes away.
///
/// The child is `flock(1)` (util-linux) where it exists, else `perl` with `Fcntl` (macOS). When
/// ``hold(_:)`` returns, the lock is held.
public final class LockHeldByAnotherProcess: @unchecked Sendable {
    private let process: Process
    private let input: Pipe

    private init(process: Process, input: Pipe) {
        self.process = process
        self.input = input
    }

    /// Starts a process that takes the exclusive lock on `lockFile` (created if missing), and
    /// returns once it holds it.
    /// - Throws: when no lock-holding tool is found or the child exits before taking the lock.
    public static func hold(_ lockFile: URL) async throws -> LockHeldByAnotherProcess {
        let process = Process()
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/flock") {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
            process.arguments = ["--exclusive", lockFile.path, "/bin/sh", "-c", "echo locked; read line"]
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/perl")
            process.arguments = [
                "-e", #"use Fcntl qw(:flock); open(F, ">>", $ARGV[0]) or die; flock(F, LOCK_EX) or die; $| = 1; print "locked\n"; <STDIN>;"#,
                lockFile.path,
            ]
        }
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        let holder = LockHeldByAnotherProcess(process: process, input: input)
        guard await ChildProcessSupport.readLine(from: output.fileHandleForReading) == "locked" else {
            holder.release()
            throw CocoaError(.fileLocking, userInfo: [NSFilePathErrorKey: lockFile.path])
        }
        return holder
    }

    /// Ends the child, which releases the lock; waits until it has exited.
    public func release() {
        try? input.fileHandleForWriting.close()
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

    deinit {
        release()
    }
}
