#if canImport(Glibc)
import AuthenticatorKitTestSupport
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A running `WebDAVRacer` child process (Tests/WebDAVRacer): another device uploading to the
/// same folder, one command line in, one answer line out.
final class Racer: @unchecked Sendable {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private let errors = Pipe()

    static func start(folder: URL, server: WebDAVTestServer) throws -> Racer {
        let racer = Racer()
        racer.process.executableURL = try executable()
        var environment = ProcessInfo.processInfo.environment
        environment["WEBDAV_RACER_FOLDER"] = folder.absoluteString
        environment["WEBDAV_USER"] = server.user
        environment["WEBDAV_PASSWORD"] = server.password
        racer.process.environment = environment
        racer.process.standardInput = racer.input
        racer.process.standardOutput = racer.output
        racer.process.standardError = racer.errors
        try racer.process.run()
        return racer
    }

    func send(_ line: String) {
        input.fileHandleForWriting.write(Data((line + "\n").utf8))
    }

    /// The next line the child prints, or `nil` when it closed its output.
    func readLine() async -> String? {
        await ChildProcessSupport.readLine(from: output.fileHandleForReading)
    }

    /// Closes the child's input (it ends) and waits for it.
    func finish() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    /// What the child wrote to standard error so far (it must have ended or written little).
    func errorOutput() -> String {
        String(decoding: errors.fileHandleForReading.availableData, as: UTF8.self)
    }

    /// `WebDAVRacer`, built beside this test bundle.
    static func executable() throws -> URL {
        try ChildProcessSupport.executable(named: "WebDAVRacer")
    }
}
