@testable import authenticator
import AuthenticatorKitTestSupport
import Foundation
import Testing

/// Runs `authenticator` commands the way scripts do: most inside this test process, on the
/// app's own command runner with an environment, standard input and output of their own
/// (`Invocation`), and some as the built binary in a process of its own, to show that the
/// two are the same and that the binary keeps the command-line contract.
enum CLI {
    /// What one run printed and how it ended.
    struct Result: Sendable, Equatable {
        /// The exit status.
        var status: Int32
        /// Everything written to standard output.
        var stdout: String
        /// Everything written to standard error.
        var stderr: String

        /// Standard error's lines.
        var stderrLines: [Substring] { stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast() }
    }

    /// Where a command runs.
    enum Mode: Sendable {
        /// In this test process, through `CommandRunner.execute` (fast: no process to start,
        /// and runs go at once).
        case inProcess
        /// The built `authenticator` binary in a child process.
        case process
    }

    /// Runs `authenticator arguments…`, feeding `input` to its standard input, with
    /// `environment` added to (or, for `nil` values, removed from) this process's environment.
    static func run(
        _ arguments: [String], input: String = "", environment: [String: String?] = [:], mode: Mode = .inProcess
    ) async throws -> Result {
        var variables = ProcessInfo.processInfo.environment
        for (name, value) in environment { variables[name] = value }
        switch mode {
        case .inProcess:
            let result = await Invocation.run(arguments, environment: variables, input: Data(input.utf8))
            return Result(
                status: result.status,
                stdout: String(decoding: result.standardOutput, as: UTF8.self),
                stderr: String(decoding: result.standardError, as: UTF8.self)
            )
        case .process:
            return try await runProcess(arguments, input: input, environment: variables)
        }
    }

    /// Runs the binary in a child process and waits for it without blocking a thread (its
    /// `terminationHandler` resumes the task), so that many children can run at once.
    private static func runProcess(_ arguments: [String], input: String, environment: [String: String]) async throws -> Result {
        let process = Process()
        process.executableURL = try executable()
        process.arguments = arguments
        process.environment = environment

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("authenticator-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        // Files, not pipes: large outputs cannot fill a pipe buffer and block the child.
        let outURL = directory.appendingPathComponent("stdout")
        let errURL = directory.appendingPathComponent("stderr")
        try Data().write(to: outURL)
        try Data().write(to: errURL)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        let stdin = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = stdin

        // Awaited without blocking a thread of the concurrency pool.
        let exit = ChildProcessExit(watching: process)
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try? stdin.fileHandleForWriting.close()
        let status = await exit.status()
        try out.close()
        try err.close()
        return Result(
            status: status,
            stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self)
        )
    }

    /// Runs `authenticator arguments…` and expects the error contract: a non-zero exit,
    /// nothing on standard output, and exactly one standard-error line
    /// `error: <caseName>: …`. Returns the message after the case name.
    @discardableResult
    static func expectError(
        _ arguments: [String], caseName: String, status: Int32, input: String = "", environment: [String: String?] = [:],
        mode: Mode = .inProcess, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> String {
        let result = try await run(arguments, input: input, environment: environment, mode: mode)
        #expect(result.status == status, "exit status for \(arguments)", sourceLocation: sourceLocation)
        #expect(result.stdout.isEmpty, "stdout for \(arguments)", sourceLocation: sourceLocation)
        #expect(result.stderrLines.count == 1, "one stderr line for \(arguments): \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.hasSuffix("\n"), sourceLocation: sourceLocation)
        let prefix = "error: \(caseName): "
        #expect(result.stderr.hasPrefix(prefix), "\(result.stderr)", sourceLocation: sourceLocation)
        return String(result.stderr.dropFirst(prefix.count).dropLast())
    }

    /// The `authenticator` executable: `AUTHENTICATOR_CLI` if set, else beside the test
    /// bundle in the build products directory.
    static func executable() throws -> URL {
        if let path = ProcessInfo.processInfo.environment["AUTHENTICATOR_CLI"] {
            return URL(fileURLWithPath: path)
        }
        var directories: [URL] = []
        // macOS: the .xctest bundle sits in the products directory.
        directories += Bundle.allBundles.filter { $0.bundlePath.hasSuffix(".xctest") }.map { $0.bundleURL.deletingLastPathComponent() }
        // Linux: the test executable itself sits in the products directory.
        directories.append(Bundle.main.bundleURL)
        if let executable = Bundle.main.executableURL { directories.append(executable.deletingLastPathComponent()) }
        // Fallback: the default build directory of this package.
        directories.append(packageRoot.appendingPathComponent(".build/debug"))
        for directory in directories {
            let candidate = directory.appendingPathComponent("authenticator")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw CLIUnavailable(searched: directories.map(\.path))
    }

    /// The package's root directory (this file is `Tests/AuthenticatorCLITests/Support/CLI.swift`).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The rows of a known-answer table of `Tests/OTPTests/Vectors` (the same files the OTP
    /// tests read, each citing its source).
    static func vectorRows(_ name: String) throws -> [[String]] {
        let url = packageRoot.appendingPathComponent("Tests/OTPTests/Vectors/\(name).tsv")
        return try String(contentsOf: url, encoding: .utf8)
            .split(separator: "\n")
            .filter { !$0.hasPrefix("#") }
            .map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }
}

/// The `authenticator` binary was not found.
struct CLIUnavailable: Error, CustomStringConvertible {
    var searched: [String]
    var description: String { "authenticator not found in \(searched.joined(separator: ", ")); set AUTHENTICATOR_CLI" }
}

/// Base32 of the RFC 4226 / RFC 6238 SHA-1 seed, ASCII `12345678901234567890`.
let rfcSHA1Secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"

/// Base32 of the RFC 6238 seeds, by algorithm (ASCII `1234567890` repeated to 20, 32, 64
/// bytes), as Python's `base64.b32encode` writes them (padding removed).
let rfc6238Secrets = [
    "sha1": "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
    "sha256": "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA",
    "sha512": "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNA",
]

extension Sequence {
    /// The elements transformed one after another by an `async` function, in order.
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
