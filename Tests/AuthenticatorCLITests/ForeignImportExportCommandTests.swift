import Foundation
import Testing

/// `import FILE --from NAME` and `export --to NAME`: accounts moved to and from other apps.
@Suite("authenticator import --from, export --to")
struct ForeignImportExportCommandTests {
    /// A fixture of the Interop tests, by path from the package root.
    private func fixture(_ name: String) -> String {
        CLI.packageRoot.appendingPathComponent("Tests/InteropTests/Fixtures/\(name)").path
    }

    /// A device with a vault.
    private func device(_ platform: String = "ios") async throws -> (DeviceWorld, Device) {
        let world = try DeviceWorld()
        let device = world.device("phone")
        try await device.initialise(platform)
        return (world, device)
    }

    @Test func anExportWithEntriesThatCannotBeImportedImportsNothingAndListsThem() async throws {
        let (_, phone) = try await device()
        let existing = try await phone.addThirdParty(issuer: "Bank", account: "zoe")
        let message = try await phone.fail(["import", fixture("aegis-plain.json"), "--from", "aegis"], caseName: "importFailed")
        #expect(message.hasPrefix("5 entries cannot be imported, so nothing was imported: entry 5 (MOTP Inc, mo): the type 'motp' is not supported; entry 6 (Yandex, ya): "))
        #expect(message.hasSuffix(". Pass --partial to import the other entries"))
        let json = try await phone.run(["import", fixture("aegis-plain.json"), "--from", "aegis", "--json"])
        #expect(json.status == 65)
        let object = try jsonObject(json.stdout)
        #expect(object["error"] as? String == "importFailed")
        let failures = try #require(object["failures"] as? [[String: Any]])
        #expect(failures.map { $0["position"] as? Int } == [5, 6, 7, 8, 9])
        #expect(failures.map { $0["issuer"] as? String } == ["MOTP Inc", "Yandex", "Old Hash", "Broken", "Digits"])
        #expect(failures.map { $0["account"] as? String } == ["mo", "ya", "md5user", "typo", "long"])
        #expect(failures.first?["reason"] as? String == "the type 'motp' is not supported")
        #expect(try await phone.list().map { $0[0] } == [existing])
    }

    @Test func partialImportsTheRestPrintsOneLinePerEntryAndNotesDroppedFields() async throws {
        let (_, phone) = try await device()
        let result = try await phone.run(["import", fixture("aegis-plain.json"), "--from", "aegis", "--partial"])
        #expect(result.status == 0)
        let ids = try await phone.list().map { $0[0] }
        #expect(ids.count == 4)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        #expect(lines == [
            "imported\t\(ids[0])\tACME Co\talice@example.com\ttotp",
            "imported\t\(ids[1])\tCafe\u{301}\tbob\ttotp",
            "imported\t\(ids[2])\tBank\tcarol\thotp",
            "imported\t\(ids[3])\tSteam\tgamer\tsteam",
            "left-out\t-\tMOTP Inc\tmo\t-",
            "left-out\t-\tYandex\tya\t-",
            "left-out\t-\tOld Hash\tmd5user\t-",
            "left-out\t-\tBroken\ttypo\t-",
            "left-out\t-\tDigits\tlong\t-",
        ])
        #expect(result.stderrLines == [
            "note: entry 1 (ACME Co, alice@example.com): dropped favorite, group, note",
            "note: entry 2 (Cafe\u{301}, bob): dropped icon",
        ])
        // The fixtures' codes at 1700000000 (Tests/InteropTests/Fixtures/expected.json).
        #expect(try await phone.succeed(["code", ids[0], "--time", "1700000000"]) == "921300")
        #expect(try await phone.succeed(["code", ids[3], "--time", "1700000000"]) == "6FNBP")
    }

    @Test func jsonIsOneObjectWithEveryList() async throws {
        let (_, phone) = try await device()
        let output = try await phone.run(["import", fixture("2fas-plain-v4.json"), "--from", "2fas", "--partial", "--json"]).stdout
        #expect(output.split(separator: "\n").count == 1)
        let object = try jsonObject(output)
        #expect(object["format"] as? String == "2fas")
        let imported = try #require(object["imported"] as? [[String: Any]])
        #expect(imported.map { $0["type"] as? String } == ["totp", "totp", "hotp", "steam"])
        #expect(imported.map { $0["id"] as? String } == (try await phone.list().map { $0[0] }))
        let skipped = try #require(object["skipped"] as? [[String: Any]])
        #expect(skipped.count == 1)
        #expect(skipped.first?["id"] as? String == imported.last?["id"] as? String)
        #expect(skipped.first?["issuer"] as? String == "Steam")
        #expect(skipped.first?["account"] as? String == "gamer")
        #expect(skipped.first?["reason"] as? String == "the same secret and parameters as an earlier entry of the file")
        let leftOut = try #require(object["leftOut"] as? [[String: Any]])
        #expect(leftOut.map { $0["issuer"] as? String } == ["Weird", "Hashy"])
        #expect(leftOut.allSatisfy { $0["id"] is NSNull && $0["type"] is NSNull && $0["reason"] is String })
        let dropped = try #require(object["dropped"] as? [[String: Any]])
        #expect(dropped.map { $0["fields"] as? [String] } == [["group", "icon"], ["icon"], ["icon"], ["icon"]])
    }

    @Test func aDryRunPrintsTheSameAndChangesNothing() async throws {
        let (_, phone) = try await device()
        let dry = try await phone.run(["import", fixture("ente-plain.txt"), "--from", "ente", "--dry-run", "--json"])
        #expect(dry.status == 0)
        #expect(try await phone.list().isEmpty)
        let object = try jsonObject(dry.stdout)
        #expect((object["imported"] as? [Any])?.count == 4)
        let text = try await phone.run(["import", fixture("ente-plain.txt"), "--from", "ente", "--dry-run"])
        #expect(text.stdout.split(separator: "\n").map { $0.split(separator: "\t").first } == ["imported", "imported", "imported", "imported"])
        #expect(try await phone.list().isEmpty)
    }

    @Test func importingTheSameFileTwiceSkipsEveryEntryWithTheExistingIDs() async throws {
        let (_, phone) = try await device()
        _ = try await phone.run(["import", fixture("otpauth.txt"), "--from", "otpauth", "--partial"])
        let ids = try await phone.list().map { $0[0] }
        let again = try await phone.run(["import", fixture("otpauth.txt"), "--from", "otpauth", "--partial"])
        let skipped = again.stdout.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
            .filter { $0.first == "skipped-duplicate" }
        #expect(skipped.map { String($0[1]) } == ids)
        #expect(try await phone.list().map { $0[0] } == ids)
    }

    @Test func anExportIsReadFromStandardInput() async throws {
        let (_, phone) = try await device()
        let uri = "otpauth://totp/GitHub:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=GitHub\n"
        let result = try await phone.run(["import", "-", "--from", "otpauth"], input: uri)
        #expect(result.status == 0 && result.stderr.isEmpty)
        let output = String(result.stdout.dropLast())
        let id = try #require(try await phone.list().first?[0])
        #expect(output == "imported\t\(id)\tGitHub\talice\ttotp")
        #expect(try await phone.succeed(["code", id, "--time", "59"]) == "287082")
    }

    @Test func readErrorsFollowTheErrorContract() async throws {
        let (world, phone) = try await device()
        try await phone.fail(["import", fixture("aegis-encrypted.json"), "--from", "aegis"], caseName: "passwordRequired")
        try await phone.fail(["import", fixture("aegis-encrypted.json"), "--from", "aegis", "--password-file", try world.file("wrong", "nope\n")], caseName: "wrongPassword")
        try await phone.fail(["import", fixture("otpauth.txt"), "--from", "aegis"], caseName: "damaged")
        try await phone.fail(["import", world.path("missing"), "--from", "aegis"], caseName: "unreadableFile", status: 66)
        #expect(try await phone.fail(["import", fixture("otpauth.txt"), "--from", "keepass"], caseName: "usage", status: 64).hasPrefix("--from must be one of aegis, 2fas"))
        try await phone.fail(["import", fixture("otpauth.txt"), "--partial", "--password-file", try world.file("pw", "pw")], caseName: "usage", status: 64)
        let json = try await phone.run(["import", fixture("aegis-encrypted.json"), "--from", "aegis", "--json"])
        #expect(try jsonObject(json.stdout)["error"] as? String == "passwordRequired")
        let password = try world.file("password", "correct horse battery staple\n")
        let opened = try await phone.run(["import", fixture("aegis-encrypted.json"), "--from", "aegis", "--password-file", password, "--partial"])
        #expect(opened.status == 0)
        #expect(try await phone.list().count == 4)
    }

    @Test(arguments: ["aegis", "otpauth", "google"])
    func anExportToAFormatImportsBackWithTheSameCodes(format: String) async throws {
        let world = try DeviceWorld()
        let old = world.device("old")
        try await old.initialise("android")
        try await old.addThirdParty(issuer: "GitHub", account: "alice", secret: rfcSHA1Secret)
        try await old.succeed(["add", "--issuer", "VPN", "--account", "alice", "--secret", rfcSHA1Secret, "--hotp", "--counter", "5"])
        let file = world.path("export.\(format)")
        #expect(try await old.succeed(["export", "--to", format, "--output", file, "--plaintext"]) == "")
        let attributes = try FileManager.default.attributesOfItem(atPath: file)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let new = world.device("new")
        try await new.initialise("ios")
        let output = try await new.succeed(["import", file, "--from", format])
        let ids = try await new.list().map { $0[0] }
        #expect(output == "imported\t\(ids[0])\tGitHub\talice\ttotp\nimported\t\(ids[1])\tVPN\talice\thotp")
        #expect(try await new.succeed(["code", ids[0], "--time", "59"]) == "287082")
        // RFC 4226 Appendix D: counter 5 → 254676.
        #expect(try await new.succeed(["code", ids[1]]) == "254676")
    }

    @Test func anEncryptedAegisExportNeedsItsPassword() async throws {
        let (world, phone) = try await device()
        let id = try await phone.addThirdParty(issuer: "GitHub", account: "alice", secret: rfcSHA1Secret)
        let password = try world.file("password", "correct horse battery staple\n")
        let file = world.path("aegis.json")
        try await phone.succeed(["export", "--to", "aegis", "--output", file, "--password-file", password])
        try await phone.fail(["export", "--to", "aegis", "--output", file, "--password-file", password], caseName: "outputExists", status: 73)
        let other = world.device("other")
        try await other.initialise()
        try await other.fail(["import", file, "--from", "aegis"], caseName: "passwordRequired")
        let output = try await other.succeed(["import", file, "--from", "aegis", "--password-file", password])
        let newID = try #require(try await other.list().first?[0])
        #expect(output == "imported\t\(newID)\tGitHub\talice\ttotp")
        #expect(newID != id)
    }

    @Test func aPlainExportNeedsPlaintextAndTextFormatsTakeNoPassword() async throws {
        let (world, phone) = try await device()
        try await phone.addThirdParty()
        let file = world.path("out")
        let password = try world.file("password", "pw\n")
        #expect(try await phone.fail(["export", "--to", "aegis", "--output", file], caseName: "usage", status: 64).hasPrefix("missing --password-file or --plaintext"))
        #expect(try await phone.fail(["export", "--to", "otpauth", "--output", file], caseName: "usage", status: 64) == "the otpauth format holds every secret in the clear: pass --plaintext")
        try await phone.fail(["export", "--to", "google", "--output", file, "--password-file", password], caseName: "usage", status: 64)
        try await phone.fail(["export", "--to", "aegis", "--output", file, "--password-file", password, "--plaintext"], caseName: "usage", status: 64)
        try await phone.fail(["export", "--to", "keepass", "--output", file, "--plaintext"], caseName: "usage", status: 64)
        try await phone.fail(["export", "--output", file, "--plaintext", "--password-file", password], caseName: "usage", status: 64)
        #expect(!FileManager.default.fileExists(atPath: file))
    }

    @Test func googleToStandardOutputPrintsTheURIsOnePerLine() async throws {
        let (_, phone) = try await device()
        for index in 0..<12 { try await phone.addThirdParty(issuer: "Service \(index)", account: "alice") }
        let output = try await phone.succeed(["export", "--to", "google", "--output", "-", "--plaintext"])
        let lines = output.split(separator: "\n")
        #expect(lines.count == 2)  // ten accounts per line
        #expect(lines.allSatisfy { $0.hasPrefix("otpauth-migration://offline?data=") })
        let other = try await device()
        let imported = try await other.1.run(["import", "-", "--from", "google"], input: output + "\n")
        #expect(imported.status == 0)
        #expect(imported.stdout.split(separator: "\n").count == 12)
    }

    @Test func anAccountTheFormatCannotHoldIsAnErrorAndNothingIsWritten() async throws {
        let (world, phone) = try await device()
        try await phone.succeed(["add", "--issuer", "Steam", "--account", "gamer", "--secret", rfcSHA1Secret, "--steam"])
        let file = world.path("google.txt")
        let message = try await phone.fail(["export", "--to", "google", "--output", file, "--plaintext"], caseName: "unrepresentable")
        #expect(message.contains("(Steam, gamer)"))
        #expect(!FileManager.default.fileExists(atPath: file))
    }

    @Test func withBackupOnOneUploadFollowsAnImportAndNoneADryRun() async throws {
        let (world, phone) = try await device("android")
        let password = try world.file("password", "alice's recovery password\n")
        try await phone.createRecoveryAccount("alice", passwordFile: password)
        try await phone.addThirdParty(issuer: "Bank", account: "zoe", secret: "JBSWY3DPEHPK3PXP")
        try await phone.enableBackup(recoveryAccount: "alice", passwordFile: password)
        func generation() async throws -> Int? {
            try jsonObject(try await phone.succeed(["backup", "status", "--json"]))["generation"] as? Int
        }
        #expect(try await generation() == 1)
        _ = try await phone.run(["import", fixture("ente-plain.txt"), "--from", "ente", "--dry-run"])
        #expect(try await generation() == 1)
        try await phone.succeed(["import", fixture("ente-plain.txt"), "--from", "ente", "--json"])
        #expect(try await generation() == 2)
        // Every entry a duplicate: nothing saved, nothing uploaded.
        try await phone.succeed(["import", fixture("ente-plain.txt"), "--from", "ente", "--json"])
        #expect(try await generation() == 2)
    }
}
