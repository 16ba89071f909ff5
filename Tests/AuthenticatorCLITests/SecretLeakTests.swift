import Foundation
import Testing

/// Secrets are never printed: every command, on its success and error paths, with and
/// without `--json`, is run on a vault holding a third-party account whose secret is a
/// marker, and no output or error line may contain that secret — as Base32 (any case,
/// padded or not), as hex, or as its raw bytes. Printing the secret is the purpose of
/// `uri format`, `uri parse` and a plain (`otpauth`) export only, and those are not run here
/// with the marker.
@Suite("Secrets are never printed")
struct SecretLeakTests {
    /// The marker: 20 bytes that appear nowhere else.
    static let marker: [UInt8] = Array("SECRET-MARKER-7Q2x!#".utf8)
    /// The marker in Base32, as `add --secret` takes it (written out, not computed by the code under test).
    static let base32 = "KNCUGUSFKQWU2QKSJNCVELJXKEZHQIJD"

    /// Every spelling of the marker that must not appear.
    static let forbidden: [String] = {
        let hex = marker.map { String(format: "%02x", $0) }.joined()
        return [base32, base32.lowercased(), String(base32.prefix(16)), hex, hex.uppercased(), String(decoding: marker, as: UTF8.self)]
    }()

    static func check(_ result: CLI.Result, _ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        for spelling in forbidden {
            #expect(!result.stdout.contains(spelling), "\(arguments) printed the secret on stdout", sourceLocation: sourceLocation)
            #expect(!result.stderr.contains(spelling), "\(arguments) printed the secret on stderr", sourceLocation: sourceLocation)
        }
    }

    @Test func theMarkerIsWhatAddStores() async throws {
        // Guard against a test that passes because the secret never got in: the code of the
        // added account equals the code of a `--secret` given directly.
        let world = try DeviceWorld()
        let device = world.device("d")
        try await device.initialise()
        let id = try await device.addThirdParty(secret: Self.base32)
        let stored = try await device.succeed(["code", id, "--now", "1700000000"])
        let direct = try await device.succeed(["code", "--secret", Self.base32, "--now", "1700000000"])
        #expect(stored == direct)
        #expect(stored.count == 6)
    }

    @Test func noCommandPrintsTheSecret() async throws {
        let world = try DeviceWorld()
        let device = world.device("phone")
        try await device.initialise("android")
        let id = try await device.addThirdParty(issuer: "Marker", account: "alice", secret: Self.base32)
        let hotp = try await device.succeed(["add", "--issuer", "H", "--account", "a", "--secret", Self.base32, "--hotp", "--counter", "3"])
        let password = try world.file("password", "alice's recovery password\n")
        let exportPassword = try world.file("export-password", "correct horse battery staple\n")
        let wrong = try world.file("wrong", "not the password\n")
        let export = world.path("export.akb")
        let commands: [[String]] = [
            ["list"], ["code", id], ["code", hotp], ["code", "no-such-id"],
            ["check", id, "000000"], ["check", id, "not-a-code"],
            ["rename", id, "--issuer", "Marker2"], ["move", id, "--to", "0"],
            ["settings", "get", "backupEnabled"], ["settings", "set", "theme", "dark"],
            ["add", "--issuer", "X", "--account", "y", "--secret", Self.base32 + "1"],
            ["add", "--issuer", "X", "--account", "y", "--secret", Self.base32, "--digits", "4"],
            ["add", "--uri", "otpauth://hotp/X:y?secret=\(Self.base32)&counter=18446744073709551615"],
            ["add", "--uri", "otpauth://steam/X:y?secret=\(Self.base32)&period=60"],
            ["recovery-account", "create", "alice", "--password-file", password],
            ["backup", "status"], ["backup", "enable", "--recovery-account", "alice", "--password-file", wrong],
            ["backup", "enable", "--recovery-account", "alice", "--password-file", password],
            ["backup", "now"], ["backup", "status"],
            ["export", "--output", export, "--password-file", exportPassword, "--recovery-code"],
            ["inspect", export], ["import", export, "--password-file", wrong],
            ["inspect", world.cloud.appendingPathComponent("android/alice/generation-1.backup").path],
            ["signin", "--recovery-account", "alice", "--password-file", wrong],
            ["restore", "--recovery-account", "alice", "--password-file", password],
            ["remove", hotp], ["backup", "disable"], ["backup", "delete"],
        ]
        var statuses: [String: Int32] = [:]
        for arguments in commands {
            for json in [false, true] {
                let full = json ? arguments + ["--json"] : arguments
                let result = try await device.run(full)
                Self.check(result, full)
                if !json { statuses[arguments.joined(separator: " ")] = result.status }
            }
        }
        // Both paths were taken: the commands that must work did, the broken ones failed.
        for command in ["list", "code \(id)", "code \(hotp)", "backup now", "inspect \(export)"] {
            #expect(statuses[command] == 0, "\(command) did not succeed")
        }
        for command in ["code no-such-id", "import \(export) --password-file \(wrong)"] {
            #expect(statuses[command] != 0, "\(command) did not fail")
        }
        #expect(statuses.values.filter { $0 == 0 }.count >= 12)
        #expect(statuses.values.filter { $0 != 0 }.count >= 6)
        // A second device importing the export, and restoring from the cloud.
        let other = world.device("tablet")
        try await other.initialise("android")
        for arguments in [
            ["import", export, "--password-file", exportPassword], ["list"], ["code", id],
            ["import", export, "--password-file", exportPassword],
        ] {
            for json in [false, true] {
                let full = json ? arguments + ["--json"] : arguments
                Self.check(try await other.run(full), full)
            }
        }
        #expect(try await other.list().count == 2)
    }
}
