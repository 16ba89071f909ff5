// A second process for the WebDAV race tests: uploads to the same folder as the test
// process, on command, so that two processes (two devices) race for one generation.
//
//   WEBDAV_RACER_FOLDER=<url> WEBDAV_USER=<user> WEBDAV_PASSWORD=<password> WebDAVRacer
//
// Reads commands from standard input, one a line: `<expected or -> <generation>`; uploads
// a payload of 64 bytes derived from the generation, replacing `expected` (`-`: nothing),
// and answers on standard output with one line: `won <generation>`, `lost <found or ->`, or
// `error <case name>`. Ends at the end of its input.
import BackupServices
import SodiumBridge
import AuthenticatorKitWebDAV
import Foundation

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(1)
}

let environment = ProcessInfo.processInfo.environment
guard let folderText = environment["WEBDAV_RACER_FOLDER"], let folder = URL(string: folderText),
      let user = environment["WEBDAV_USER"], let password = environment["WEBDAV_PASSWORD"]
else { fail("WEBDAV_RACER_FOLDER, WEBDAV_USER and WEBDAV_PASSWORD must be set") }

let provider: WebDAVCloudProvider
do {
    let configuration = try WebDAVConfiguration(
        folder: folder, userName: user, password: SecureBytes(copying: Array(password.utf8)), devicePlatform: .android)
    provider = try WebDAVCloudProvider(configuration: configuration)
} catch {
    fail("bad configuration: \(error.message)")
}
let identity = provider.configuration.identity

/// The racer's bytes for a generation: distinct per generation.
func payload(_ generation: UInt64) -> [UInt8] {
    (0..<64).map { UInt8(truncatingIfNeeded: UInt64($0) &* 7 &+ generation &* 131) }
}

while let line = readLine() {
    let parts = line.split(separator: " ")
    guard parts.count == 2, let generation = UInt64(parts[1]) else { fail("bad command: \(line)") }
    let expected = parts[0] == "-" ? nil : UInt64(parts[0])
    let answer: String
    do {
        let stored = try await provider.uploadBackup(payload(generation), generation: generation, replacing: expected, for: identity)
        answer = "won \(stored.generation)"
    } catch {
        if case let .generationConflict(_, found) = error {
            answer = "lost \(found.map(String.init) ?? "-")"
        } else {
            answer = "error \(error.caseName)"
        }
    }
    FileHandle.standardOutput.write(Data((answer + "\n").utf8))
}
