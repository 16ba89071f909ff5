import Foundation
import Testing

/// `init`, `add`, `list`, `code ID`, `remove`, `move`, `rename`: the device's vault.
@Suite("authenticator vault commands")
struct VaultCommandTests {
    /// RFC 6238 Appendix B: the SHA-1 seed at T = 59 gives 94287082; its last six digits.
    private let codeAt59 = "287082"

    @Test func initCreatesAnEmptyVaultAndTheSharedFoldersAndPrintsNothing() async throws {
        let world = try DeviceWorld()
        let phone = world.device("phone")
        #expect(try await phone.succeed(["init", "--platform", "android"]) == "")
        #expect(try await phone.list().isEmpty)
        #expect(FileManager.default.fileExists(atPath: phone.home.appendingPathComponent("vault.akvs").path))
        #expect(FileManager.default.fileExists(atPath: world.cloud.path))
        #expect(FileManager.default.fileExists(atPath: world.services.path))
        #expect(try await phone.succeed(["settings", "get", "platform"]) == "android")
    }

    @Test func initTwiceIsRefusedAndKeepsTheVault() async throws {
        let phone = try DeviceWorld().device("phone")
        try await phone.initialise()
        let id = try await phone.addThirdParty()
        try await phone.fail(["init", "--platform", "android"], caseName: "vaultAlreadyExists")
        #expect(try await phone.list().map { $0[0] } == [id])
        #expect(try await phone.succeed(["settings", "get", "platform"]) == "ios")
    }

    @Test func initNeedsAKnownPlatform() async throws {
        let phone = try DeviceWorld().device("phone")
        let message = try await phone.fail(["init", "--platform", "windows"], caseName: "usage", status: 64)
        #expect(message == "--platform must be ios or android, not 'windows'")
    }

    @Test func commandsBeforeInitReportThatThereIsNoVault() async throws {
        let phone = try DeviceWorld().device("phone")
        for arguments in [["list"], ["add", "--issuer", "A", "--account", "b", "--secret", rfcSHA1Secret], ["code", "some-id"], ["settings", "get"]] {
            try await phone.fail(arguments, caseName: "vaultNotFound")
        }
    }

    @Test func addPrintsTheNewIdentifierAndListShowsTheAccountsInOrder() async throws {
        let phone = try DeviceWorld().device("phone")
        try await phone.initialise()
        let first = try await phone.succeed(["add", "--uri", "otpauth://totp/GitHub:alice@example.com?secret=\(rfcSHA1Secret)&issuer=GitHub"])
        let second = try await phone.succeed(["add", "--issuer", "Bank", "--account", "bob", "--secret", rfcSHA1Secret, "--kind", "personal"])
        #expect(first.count == 36 && second.count == 36 && first != second)
        #expect(try await phone.list() == [
            [first, "third-party", "GitHub", "alice@example.com", "active"],
            [second, "personal", "Bank", "bob", "active"],
        ])
    }

    @Test func listNeverShowsASecret() async throws {
        let phone = try DeviceWorld().device("phone")
        try await phone.initialise()
        try await phone.addThirdParty(secret: rfcSHA1Secret)
        for arguments in [["list"], ["list", "--json"]] {
            let output = try await phone.succeed(arguments)
            #expect(!output.contains("GEZDGNBV"))
            #expect(!output.lowercased().contains("secret"))
        }
    }

    @Test func listJSONIsOneArrayOfAccountObjects() async throws {
        let phone = try DeviceWorld().device("phone")
        try await phone.initialise()
        #expect(try await phone.succeed(["list", "--json"]) == "[]")
        let id = try await phone.succeed(["add", "--issuer", "Steam", "--account", "gamer", "--secret", rfcSHA1Secret, "--steam"])
        let output = try await phone.succeed(["list", "--json"])
        #expect(output == #"[{"id":"\#(id)","kind":"third-party","issuer":"Steam","userName":"gamer","displayName":null,"restoreState":"active","verificationMethod":null,"type":"steam","pushApprovals":false,"deviceCredential":false}]"#)
    }

    @Test func codeOfAnAccountIsItsTOTPCodeAtTheGivenTime() async throws {
        let phone = try DeviceWorld().device("phone")
        try await phone.initialise()
        let id = try await phone.addThirdParty(secret: rfcSHA1Secret)
        #expect(try await phone.succeed(["code", id, "--time", "59"]) == codeAt59)
        #expect(try await phone.succeed(["code", id, "--now", "59"]) == codeAt59)
        // --time wins over --now.
        #expect(try await phone.succeed(["code", id, "--now", "1111111109", "--time", "59"]) == codeAt59)
    }

    @Test func codeOfAnHOTPAccountMovesItsCounterOn() async throws {
        let phone = try DeviceWorld().device("phone")
        try await phone.initialise()
        let id = try await phone.succeed(["add", "--issuer", "VPN", "--account", "carol", "--secret", rfcSHA1Secret, "--hotp", "--counter", "0"])
        // RFC 4226 Appendix D: counters 0, 1, 2.
        #expect(try await phone.succeed(["code", id]) == "755224")
        #expect(try await phone.succeed(["code", id]) == "287082")
        #expect(try await phone.succeed(["code", id]) == "359152")
    }

    @Test func addFromAURIKeepsItsParameters() async throws {
        let phone = try DeviceWorld().device("phone")
        try await phone.initialise()
        // RFC 6238 Appendix B: T = 59, SHA-256, 8 digits → 46119246.
        let secret = try #require(rfc6238Secrets["sha256"])
        let id = try await phone.succeed(["add", "--uri", "otpauth://totp/ACME:dave?secret=\(secret)&algorithm=SHA256&digits=8&issuer=ACME"])
        #expect(try await phone.succeed(["code", id, "--time", "59"]) == "46119246")
    }

    @Test func aDuplicateAccountIsRefusedNamingTheExistingOne() async throws {
        let phone = try DeviceWorld().device("phone")
        try await phone.initialise()
        let id = try await phone.addThirdParty()
        let message = try await phone.fail(["add", "--uri", "otpauth://totp/GitHub:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=GitHub"], caseName: "duplicateAccount")
        #expect(message.contains(id))
        #expect(try await phone.list().count == 1)
    }

    @Test func pushCreatesADeviceCredentialWhoseCodesDifferFromTheToken() async throws {
        let phone = try DeviceWorld().device("phone")
        try await phone.initialise()
        let id = try await phone.succeed(["add", "--issuer", "Contoso", "--account", "erin", "--secret", rfcSHA1Secret, "--kind", "work-or-school", "--push"])
        let listed = try jsonObject("{\"a\":" + (try await phone.succeed(["list", "--json"])) + "}")
        let account = try #require((listed["a"] as? [[String: Any]])?.first)
        #expect(account["pushApprovals"] as? Bool == true)
        #expect(account["deviceCredential"] as? Bool == true)
        // The device credential makes the codes (a fresh random seed), not the token's secret.
        let codes = try await (0..<3).asyncMap { step in try await phone.succeed(["code", id, "--time", String(59 + 30 * step)]) }
        #expect(codes != ["287082", "359152", "969429"])  // RFC 4226 Appendix D, counters 1–3
    }

    @Test func badAddInputIsOneErrorLine() async throws {
        let phone = try DeviceWorld().device("phone")
        try await phone.initialise()
        let usage: [([String], String)] = [
            (["add"], "missing --uri, --uri-file, --secret or --provider-account"),
            (["add", "--secret", rfcSHA1Secret], "missing --account"),
            (["add", "--account", "a"], "missing --secret or --secret-file"),
            (["add", "--uri", "otpauth://totp/a?secret=\(rfcSHA1Secret)", "--issuer", "X"], "--uri cannot be combined with --issuer"),
            (["add", "--account", "a", "--secret", rfcSHA1Secret, "--push"], "--push needs --kind personal or work-or-school"),
            (["add", "--account", "a", "--secret", rfcSHA1Secret, "--kind", "robot"], "--kind must be third-party, personal or work-or-school, not 'robot'"),
            (["add", "--provider-account", "bob", "--secret", rfcSHA1Secret], "--secret cannot be used with --provider-account"),
            (["add", "--provider-account", "bob"], "--provider-account needs --password-file"),
        ]
        for (arguments, expected) in usage {
            #expect(try await phone.fail(arguments, caseName: "usage", status: 64) == expected, "\(arguments)")
        }
        try await phone.fail(["add", "--account", "a", "--secret", "GEZ1"], caseName: "invalidBase32Character")
        try await phone.fail(["add", "--uri", "otpauth://hotp/a?secret=\(rfcSHA1Secret)"], caseName: "missingCounter")
        #expect(try await phone.list().isEmpty)
    }

    @Test func codeOfAnUnknownAccountOrWithTokenOptionsIsRefused() async throws {
        let phone = try DeviceWorld().device("phone")
        try await phone.initialise()
        let id = try await phone.addThirdParty()
        #expect(try await phone.fail(["code", "nope"], caseName: "accountNotFound") == "no account with identifier nope")
        #expect(try await phone.fail(["code", id, "--secret", rfcSHA1Secret], caseName: "usage", status: 64) == "--secret cannot be used with an account ID")
        #expect(try await phone.fail(["code", id, "--window", "2"], caseName: "usage", status: 64) == "--window cannot be used with an account ID")
    }

    @Test func removeDeletesTheAccountAndReportsAnUnknownOne() async throws {
        let phone = try DeviceWorld().device("phone")
        try await phone.initialise()
        let first = try await phone.addThirdParty(account: "one")
        let second = try await phone.addThirdParty(account: "two")
        #expect(try await phone.succeed(["remove", first]) == "")
        #expect(try await phone.list().map { $0[0] } == [second])
        try await phone.fail(["remove", first], caseName: "accountNotFound")
    }

    @Test func moveReordersAndRefusesAPositionOutOfRange() async throws {
        let phone = try DeviceWorld().device("phone")
        try await phone.initialise()
        let ids = try await ["a", "b", "c"].asyncMap { try await phone.addThirdParty(account: $0) }
        #expect(try await phone.succeed(["move", ids[2], "--to", "0"]) == "")
        #expect(try await phone.list().map { $0[0] } == [ids[2], ids[0], ids[1]])
        let message = try await phone.fail(["move", ids[0], "--to", "3"], caseName: "indexOutOfRange")
        #expect(message == "position 3 is out of range: positions go from 0 to 2")
        #expect(try await phone.list().map { $0[0] } == [ids[2], ids[0], ids[1]])
    }

    @Test func renameChangesTheNamesAndKeepsTheCodes() async throws {
        let phone = try DeviceWorld().device("phone")
        try await phone.initialise()
        let id = try await phone.addThirdParty(issuer: "GitHub", account: "alice", secret: rfcSHA1Secret)
        #expect(try await phone.succeed(["rename", id, "--issuer", "GitHub Enterprise"]) == "")
        #expect(try await phone.list() == [[id, "third-party", "GitHub Enterprise", "alice", "active"]])
        try await phone.succeed(["rename", id, "--issuer", "Work", "--account", "alice@work.example"])
        #expect(try await phone.list() == [[id, "third-party", "Work", "alice@work.example", "active"]])
        #expect(try await phone.succeed(["code", id, "--time", "59"]) == codeAt59)
        #expect(try await phone.fail(["rename", id], caseName: "usage", status: 64) == "missing --issuer or --account")
    }

    @Test func renamingIntoADuplicateIsRefused() async throws {
        let phone = try DeviceWorld().device("phone")
        try await phone.initialise()
        let first = try await phone.addThirdParty(issuer: "A", account: "x")
        let second = try await phone.addThirdParty(issuer: "B", account: "x")
        let message = try await phone.fail(["rename", second, "--issuer", "A"], caseName: "duplicateAccount")
        #expect(message.contains(first))
        #expect(try await phone.list().map { $0[2] } == ["A", "B"])
    }
}
