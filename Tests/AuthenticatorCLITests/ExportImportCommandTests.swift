import Foundation
import Testing

/// `export`, `import` and `inspect`: sealed backup files moved by hand.
@Suite("authenticator export, import, inspect")
struct ExportImportCommandTests {
    /// A device with two third-party accounts, and a password file.
    private func exportingDevice() async throws -> (world: DeviceWorld, device: Device, ids: [String], password: String) {
        let world = try DeviceWorld()
        let device = world.device("old")
        try await device.initialise("android")
        let ids = [
            try await device.addThirdParty(issuer: "GitHub", account: "alice", secret: rfcSHA1Secret),
            try await device.succeed(["add", "--issuer", "VPN", "--account", "alice", "--secret", rfcSHA1Secret, "--hotp", "--counter", "5"]),
        ]
        return (world, device, ids, try world.file("password", "correct horse battery staple\n"))
    }

    @Test func exportThenImportOnAnotherPlatformGivesTheSameAccountsAndCodes() async throws {
        let (world, old, ids, password) = try await exportingDevice()
        let file = world.path("accounts.akb")
        #expect(try await old.succeed(["export", "--output", file, "--password-file", password]) == "")
        let new = world.device("new")
        try await new.initialise("ios")
        let output = try await new.succeed(["import", file, "--password-file", password])
        #expect(output == "\(ids[0])\tthird-party\tGitHub\talice\trestoredInFull\n\(ids[1])\tthird-party\tVPN\talice\trestoredInFull")
        #expect(try await new.list().map { $0[0] } == ids)
        #expect(try await new.succeed(["code", ids[0], "--time", "59"]) == "287082")
        // RFC 4226 Appendix D: counter 5 → 254676.
        #expect(try await new.succeed(["code", ids[1]]) == "254676")
        // The device keeps its own platform.
        #expect(try await new.succeed(["settings", "get", "platform"]) == "ios")
    }

    @Test func exportWithARecoveryCodePrintsItOnceAndTheCodeOpensTheFile() async throws {
        let (world, old, ids, password) = try await exportingDevice()
        let file = world.path("accounts.akb")
        let code = try await old.succeed(["export", "--output", file, "--password-file", password, "--recovery-code"])
        #expect(code.count == 35)  // 30 characters in six groups of five
        #expect(code.split(separator: "-").count == 6)
        let new = world.device("new")
        try await new.initialise("android")
        let codeFile = try world.file("code", code.lowercased() + "\n")
        let json = try jsonObject(try await new.succeed(["import", file, "--recovery-code-file", codeFile, "--json"]))
        #expect(json["generation"] as? Int == 1)
        #expect(json["platform"] as? String == "android")
        #expect((json["accounts"] as? [[String: Any]])?.map { $0["id"] as? String } == ids)
        #expect((json["accounts"] as? [[String: Any]])?.map { $0["outcome"] as? String } == ["restoredInFull", "restoredInFull"])
    }

    @Test func theExportedFileIsPrivateAndNotReplacedWithoutForce() async throws {
        let (world, old, _, password) = try await exportingDevice()
        let file = world.path("accounts.akb")
        try await old.succeed(["export", "--output", file, "--password-file", password])
        let attributes = try FileManager.default.attributesOfItem(atPath: file)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let before = try Data(contentsOf: URL(fileURLWithPath: file))
        try await old.fail(["export", "--output", file, "--password-file", password], caseName: "outputExists", status: 73)
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == before)
        try await old.succeed(["export", "--output", file, "--password-file", password, "--force"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) != before)
    }

    @Test func anEmptyOrMissingPasswordFileIsRefused() async throws {
        let (world, old, _, _) = try await exportingDevice()
        let file = world.path("accounts.akb")
        for content in ["", "\n", "\r\n"] {
            let empty = try world.file("empty", content)
            #expect(try await old.fail(["export", "--output", file, "--password-file", empty], caseName: "emptyPassword") == "the password file '\(empty)' is empty: a password can never be empty")
        }
        try await old.fail(["export", "--output", file, "--password-file", world.path("missing")], caseName: "unreadableFile", status: 66)
        #expect(!FileManager.default.fileExists(atPath: file))
        #expect(try await old.fail(["export", "--output", file], caseName: "usage", status: 64) == "Missing expected argument '--password-file <F>'")
    }

    @Test func importRefusesWhileAccountsExistNamingThem() async throws {
        let (world, old, _, password) = try await exportingDevice()
        let file = world.path("accounts.akb")
        try await old.succeed(["export", "--output", file, "--password-file", password])
        let new = world.device("new")
        try await new.initialise()
        let existing = try await new.addThirdParty(issuer: "Bank", account: "zoe")
        let message = try await new.fail(["import", file, "--password-file", password], caseName: "existingAccounts")
        #expect(message.hasPrefix("this device already has 1 account(s): Bank (zoe)."))
        #expect(message.hasSuffix("Restore on a device without accounts, or remove these accounts first."))
        let json = try await new.run(["import", file, "--password-file", password, "--json"])
        #expect(json.status == 65)
        let object = try jsonObject(json.stdout)
        #expect(object["error"] as? String == "existingAccounts")
        let accounts = try #require(object["accounts"] as? [[String: Any]])
        #expect(accounts.map { $0["id"] as? String } == [existing])
        #expect(accounts.first?["userName"] as? String == "zoe")
        #expect(try await new.list().map { $0[0] } == [existing])
    }

    @Test func importWithTheWrongPasswordOrCodeIsRefusedAndChangesNothing() async throws {
        let (world, old, _, password) = try await exportingDevice()
        let file = world.path("accounts.akb")
        try await old.succeed(["export", "--output", file, "--password-file", password])
        let new = world.device("new")
        try await new.initialise()
        try await new.fail(["import", file, "--password-file", try world.file("wrong", "wrong password")], caseName: "wrongPassword")
        try await new.fail(["import", file, "--recovery-code-file", try world.file("typo", "00000-00000-00000-00000-00000-00000")], caseName: "invalidRecoveryCode")
        try await new.fail(["import", file, "--recovery-code-file", try world.file("code", "7XQ2M")], caseName: "invalidRecoveryCode")
        #expect(try await new.list().isEmpty)
        #expect(try await new.fail(["import", file], caseName: "usage", status: 64) == "missing --password-file or --recovery-code-file")
    }

    @Test func importOfADamagedOrForeignFileIsRefused() async throws {
        let (world, old, _, password) = try await exportingDevice()
        let file = world.path("accounts.akb")
        try await old.succeed(["export", "--output", file, "--password-file", password])
        var bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        bytes[bytes.count / 2] ^= 0x01
        let damaged = world.path("damaged.akb")
        try bytes.write(to: URL(fileURLWithPath: damaged))
        let new = world.device("new")
        try await new.initialise()
        try await new.fail(["import", damaged, "--password-file", password], caseName: "damaged")
        try await new.fail(["import", password, "--password-file", password], caseName: "notABackup")
        try await new.fail(["import", world.path("missing.akb"), "--password-file", password], caseName: "unreadableFile", status: 66)
        #expect(try await new.list().isEmpty)
    }

    @Test func inspectPrintsTheHeaderWithoutAnyKey() async throws {
        let (world, old, _, password) = try await exportingDevice()
        let file = world.path("accounts.akb")
        try await old.succeed(["export", "--output", file, "--password-file", password, "--recovery-code", "--now", "1700000000"])
        let lines = try await old.succeed(["inspect", file]).split(separator: "\n").map(String.init)
        #expect(lines.count == 9)
        #expect(Array(lines[0...3]) == ["version: 1", "minimum reader: 1", "created: 2023-11-14T22:13:20.000Z", "generation: 1"])
        #expect(lines[4].hasPrefix("backup id: "))
        #expect(Array(lines[5...]) == [
            "platform: android", "app version: authenticator 1.0",
            "slot: password (Argon2id, 2 passes, 65536 KiB)", "slot: recoveryCode",
        ])
        let json = try jsonObject(try await old.succeed(["inspect", file, "--json"]))
        #expect(json["version"] as? Int == 1)
        #expect(json["minimumReaderVersion"] as? Int == 1)
        #expect(json["created"] as? String == "2023-11-14T22:13:20.000Z")
        #expect(json["platform"] as? String == "android")
        let slots = try #require(json["slots"] as? [[String: Any]])
        #expect(slots.map { $0["kind"] as? String } == ["password", "recoveryCode"])
        #expect(slots.first?["operations"] as? Int == 2)
        #expect(slots.first?["memoryKiB"] as? Int == 65536)
    }

    /// Inspection runs the format's reading steps 1–6 (the SDK's `BackupHeader(inspecting:)`):
    /// a file those steps refuse gets no header printed.
    @Test func inspectRefusesAFileThatOpeningWouldRefuseBeforeAnyKey() async throws {
        let (world, old, _, password) = try await exportingDevice()
        let file = world.path("accounts.akb")
        try await old.succeed(["export", "--output", file, "--password-file", password])
        let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        var flipped = bytes
        flipped[flipped.count - 1] ^= 0x01
        let edits: [(String, Data)] = [("short", bytes.dropLast()), ("long", bytes + [0]), ("checksum", flipped)]
        for (name, edited) in edits {
            let path = world.path("\(name).akb")
            try edited.write(to: URL(fileURLWithPath: path))
            try await old.fail(["inspect", path], caseName: "damaged")
            let json = try await CLI.run(["inspect", path, "--json"])
            #expect(json.stdout.hasPrefix(#"{"error":"damaged""#))
        }
    }

    @Test func inspectOfSomethingElseIsAnError() async throws {
        let world = try DeviceWorld()
        let other = try world.file("other", "hello, this is not a backup at all, but it is long enough to have a header")
        try await CLI.expectError(["inspect", other], caseName: "notABackup", status: 65)
        let json = try await CLI.run(["inspect", other, "--json"])
        #expect(json.stdout == #"{"error":"notABackup","message":"the file is not an AuthenticatorKit backup","suggestedAction":null}"# + "\n")
    }
}
