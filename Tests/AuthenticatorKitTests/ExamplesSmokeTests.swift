import AuthenticatorKitTestSupport
import SodiumBridge
import Foundation
import Testing

/// Runs the two examples as a user does (`swift run backup-restore-demo`,
/// `swift run custom-backends-example`) and checks they tell their story and succeed.
@Suite("Examples")
struct ExamplesSmokeTests {
    @Test func backupRestoreDemoTellsTheWholeStoryAndEndsWithSuccess() async throws {
        let result = try await ExampleRun(executable: "backup-restore-demo")
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stderr.isEmpty)
        for chapter in ["backs up to iCloud", "restores the backup", "password and e-mail code", "QR code from Contoso",
                        "the provider accepts both"] {
            #expect(result.stdout.contains(chapter), "missing: \(chapter)")
        }
        for reason in ["platformMismatch", "networkUnavailable", "cloudIdentityMismatch", "backupNotFound",
                       "existingAccounts", "backupStale"] {
            #expect(result.stdout.contains("(\(reason), refused by"), "missing reason: \(reason)")
        }
        #expect(result.stdout.contains("PasswordHashingCost.minimum"))
        #expect(result.stdout.hasSuffix("every reason a backup can be unavailable was shown.\n"))
    }

    @Test func customBackendsExampleShowsTheOutageAsARedDotUntilItEnds() async throws {
        let result = try await ExampleRun(executable: "custom-backends-example")
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("during the outage: failed(networkUnavailable)  ← red dot (needsAttention)"))
        #expect(result.stdout.contains("after the outage: upToDate(generation: 2)\n"))
        #expect(result.stdout.contains("Success:"))
    }
}

/// One run of an example executable from the build products directory.
struct ExampleRun {
    let status: Int32
    let stdout: String
    let stderr: String

    init(executable name: String) async throws {
        let process = Process()
        process.executableURL = try Self.locate(name)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("example-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // Files, not pipes: a long output cannot fill a pipe and block the child.
        let outURL = folder.appendingPathComponent("stdout"), errURL = folder.appendingPathComponent("stderr")
        try Data().write(to: outURL)
        try Data().write(to: errURL)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        // Waits without blocking a thread of the concurrency pool (the suite runs in parallel
        // on as many threads as there are cores): the termination handler resumes the task.
        let exit = ChildProcessExit(watching: process)
        try process.run()
        let exited = await exit.status()
        try out.close()
        try err.close()
        status = exited
        stdout = String(decoding: try Data(contentsOf: outURL), as: UTF8.self)
        stderr = String(decoding: try Data(contentsOf: errURL), as: UTF8.self)
    }

    /// The executable `name` beside the test bundle (macOS) or test executable (Linux), or in
    /// this package's default build directory.
    private static func locate(_ name: String) throws -> URL {
        var directories = Bundle.allBundles.filter { $0.bundlePath.hasSuffix(".xctest") }
            .map { $0.bundleURL.deletingLastPathComponent() }
        directories.append(Bundle.main.bundleURL)
        if let executable = Bundle.main.executableURL { directories.append(executable.deletingLastPathComponent()) }
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        directories.append(packageRoot.appendingPathComponent(".build/debug"))
        for directory in directories {
            let candidate = directory.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw ExampleNotBuilt(name: name, searched: directories.map(\.path))
    }
}

/// The example's executable was not found: build the package first (`swift build`).
struct ExampleNotBuilt: Error, CustomStringConvertible {
    let name: String
    let searched: [String]
    var description: String { "\(name) not found in \(searched.joined(separator: ", ")); run swift build first" }
}
