import Foundation
import Testing

/// Issue 11, reproduction 8: `--uri` and `--qr` put a whole secret on the command line, where
/// `/proc/PID/cmdline` shows it to every local user. Every option that takes a secret, a URI,
/// a QR payload or a code now has a `-file PATH` form (`-`: standard input); the attacker
/// reading the process list sees only a path.
@Suite("Secrets off the command line")
struct SecretFileOptionsTests {
    /// SecretLeakTests' marker secret, in an otpauth URI.
    static let uri = "otpauth://totp/Marker:alice?secret=\(SecretLeakTests.base32)&issuer=Marker"

    @Test func addTakesTheURIFromAFileOrStandardInputAndNeverPrintsTheSecret() async throws {
        let world = try DeviceWorld()
        let phone = world.device("phone")
        try await phone.initialise()
        let file = try world.file("uri", Self.uri + "\n")
        let arguments = ["add", "--uri-file", file]
        #expect(!arguments.contains { $0.contains(SecretLeakTests.base32) })  // what /proc/PID/cmdline shows
        let fromFile = try await phone.run(arguments)
        #expect(fromFile.status == 0)
        SecretLeakTests.check(fromFile, arguments)
        let id = fromFile.stdout.trimmingCharacters(in: .newlines)
        // The account holds the secret of the URI: its code is the one `--secret` gives.
        let direct = try await phone.succeed(["code", "--secret", SecretLeakTests.base32, "--now", "1700000000"])
        #expect(try await phone.succeed(["code", id, "--now", "1700000000"]) == direct)

        try await phone.succeed(["remove", id])
        let fromInput = try await phone.run(["add", "--uri-file", "-"], input: Self.uri + "\n")
        #expect(fromInput.status == 0)
        SecretLeakTests.check(fromInput, ["add", "--uri-file", "-"])
        #expect(try await phone.list().map { $0[2] } == ["Marker"])
    }

    @Test func codeAndCheckTakeTheURIAndTheCodeFromFiles() async throws {
        let world = try DeviceWorld()
        let file = try world.file("uri", Self.uri)
        let code = try await CLI.run(["code", "--uri-file", file, "--time", "1700000000"])
        let direct = try await CLI.run(["code", "--secret", SecretLeakTests.base32, "--time", "1700000000"])
        #expect(code.status == 0)
        #expect(code.stdout == direct.stdout)
        let piped = try await CLI.run(["code", "--uri-file", "-", "--time", "1700000000"], input: Self.uri)
        #expect(piped.stdout == direct.stdout)

        let value = code.stdout.trimmingCharacters(in: .newlines)
        let check = try await CLI.run(["check", "--uri-file", file, "--code-file", "-", "--time", "1700000000"], input: value + "\n")
        #expect(check.status == 0)
        #expect(check.stdout == "0\n")
        SecretLeakTests.check(check, ["check"])
    }

    @Test func uriParseTakesTheURIFromAFile() async throws {
        let world = try DeviceWorld()
        let file = try world.file("uri", "otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub\n")
        let fromFile = try await CLI.run(["uri", "parse", "--uri-file", file])
        let direct = try await CLI.run(["uri", "parse", "otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub"])
        #expect(fromFile.status == 0)
        #expect(fromFile.stdout == direct.stdout)
        let piped = try await CLI.run(["uri", "parse", "--uri-file", "-"], input: "otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub")
        #expect(piped.stdout == direct.stdout)
    }

    @Test func verifyTakesTheQRPayloadFromAFileOrStandardInput() async throws {
        let story = try await RestoreStoryTests.Story()
        let new = story.world.device("new")
        try await new.initialise("ios")
        try await new.succeed(story.restoreArguments(["--cloud-identity", "alice@icloud.com"]))
        let now = ["--now", RestoreStoryTests.now]
        // Standard input is read: a payload that is not one is refused as such.
        let refused = try await new.run(["verify", story.work, "--qr-file", "-"] + now, input: "not a payload\n")
        #expect(refused.stderr.hasPrefix("error: malformedEnrolmentPayload: "))
        let payload = try await new.succeed(["provider", "qr", "alice@contoso.com"] + now)
        let file = try story.world.file("qr", payload + "\n")
        #expect(try await new.succeed(["verify", story.work, "--qr-file", file] + now) == "")
        #expect(try await new.list().map { $0[4] }.filter { $0 == "active" }.count == 3)
    }

    @Test func providerCheckTakesTheCodeFromStandardInput() async throws {
        let world = try DeviceWorld()
        let device = world.device("phone")
        try await device.initialise()
        let password = try world.file("password", "provider password\n")
        let now = ["--now", DeviceWorld.now]
        try await device.createProviderAccount("alice", kind: .personal, passwordFile: password, alternates: ["alice@example.com"])
        let id = try await device.succeed(["add", "--provider-account", "alice", "--password-file", password] + now)
        let code = try await device.succeed(["code", id] + now)
        let checked = try await device.run(["provider", "check", "alice", "--code-file", "-"] + now, input: code + "\n")
        #expect(checked.status == 0)
        #expect(checked.stderr.isEmpty)
        let file = try world.file("code", "000000")
        #expect(try await device.run(["provider", "check", "alice", "--code-file", file, "--code", "1"] + now).status == 64)
    }

    @Test func twoOptionsReadingStandardInputAreAUsageError() async throws {
        let world = try DeviceWorld()
        let phone = world.device("phone")
        try await phone.initialise()
        let cases: [([String], String)] = [
            (["import", "-", "--password-file", "-"], "only one option can read standard input, but FILE and --password-file both name -"),
            (["import", "-", "--recovery-code-file", "-"], "only one option can read standard input, but FILE and --recovery-code-file both name -"),
            (["check", "--secret-file", "-", "--code-file", "-"], "only one option can read standard input, but --secret-file and --code-file both name -"),
            (["check", "--uri-file", "-", "--code-file", "-"], "only one option can read standard input, but --uri-file and --code-file both name -"),
            (["add", "--provider-account", "alice", "--password-file", "-", "--uri-file", "-"],
             "only one option can read standard input, but --uri-file and --password-file both name -"),
            (["verify", "id", "--password-file", "-", "--code-file", "-"], "only one option can read standard input, but --password-file and --code-file both name -"),
        ]
        for (arguments, message) in cases {
            #expect(try await phone.fail(arguments, caseName: "usage", status: 64) == message, "\(arguments)")
        }
        #expect(try await phone.list().isEmpty)
    }

    @Test func aFileAndItsInlineOptionTogetherAreAUsageError() async throws {
        let world = try DeviceWorld()
        let phone = world.device("phone")
        try await phone.initialise()
        let file = try world.file("uri", Self.uri)
        let cases: [([String], String)] = [
            (["add", "--uri", Self.uri, "--uri-file", file], "--uri and --uri-file cannot be used together"),
            (["add", "--uri-file", file, "--secret", "JBSWY3DPEHPK3PXP"], "--uri-file cannot be combined with --secret"),
            (["add", "--uri-file", file, "--issuer", "X"], "--uri-file cannot be combined with --issuer"),
            (["uri", "parse", Self.uri, "--uri-file", file], "URI and --uri-file cannot be used together"),
            (["check", "--uri-file", file, "--code", "1", "--code-file", file], "--code and --code-file cannot be used together"),
            (["verify", "id", "--qr", "x", "--qr-file", file], "--qr and --qr-file cannot be used together"),
        ]
        for (arguments, message) in cases {
            let text = try await phone.fail(arguments, caseName: "usage", status: 64)
            #expect(text == message, "\(arguments)")
            #expect(!text.contains(SecretLeakTests.base32) || arguments.contains(Self.uri))
        }
    }

    @Test func aFileFarLargerThanASecretIsRefusedWithoutReadingItWhole() async throws {
        let world = try DeviceWorld()
        // /dev/zero never ends: read whole, it would never return.
        let zero = try await CLI.run(["code", "--uri-file", "/dev/zero"])
        #expect(zero.stderr.hasPrefix("error: secretFileTooLarge: "))
        #expect(zero.status == 66)
        let big = try world.file("big", String(repeating: "A", count: 70_000))
        #expect(try await CLI.run(["code", "--secret-file", big]).stderr.hasPrefix("error: secretFileTooLarge: "))
        let piped = try await CLI.run(["uri", "parse", "--uri-file", "-"], input: String(repeating: "A", count: 70_000))
        #expect(piped.stderr.hasPrefix("error: secretFileTooLarge: "))
        let missing = try await CLI.run(["check", "--secret", "JBSWY3DPEHPK3PXP", "--code-file", world.path("none")])
        #expect(missing.stderr.hasPrefix("error: unreadableSecretFile: "))
    }

    @Test func theHelpShowsEveryFileForm() async throws {
        let add = try await CLI.run(["add", "--help"])
        #expect(add.stdout.contains("--uri-file <PATH>"))
        #expect(add.stdout.contains("--secret-file <PATH>"))
        #expect(try await CLI.run(["check", "--help"]).stdout.contains("--code-file <PATH>"))
        #expect(try await CLI.run(["uri", "parse", "--help"]).stdout.contains("--uri-file <PATH>"))
        let verify = try await CLI.run(["verify", "--help"]).stdout
        #expect(verify.contains("--qr-file <PATH>"))
        #expect(verify.contains("--code-file <PATH>"))
        #expect(try await CLI.run(["provider", "check", "--help"]).stdout.contains("--code-file <PATH>"))
    }
}

/// Any other pair of readers of standard input (e.g. a command's `--password-file -` and the
/// global `--cloud-password-file -`) is caught when the second one reads: a usage error.
@Suite("Standard input is read once")
struct StandardInputClaimTests {
    @Test func aSecondReaderOfStandardInputIsAUsageError() async throws {
        let world = try DeviceWorld()
        let phone = world.device("phone")
        try await phone.initialise("android")
        let password = try world.file("password", "alice's recovery password\n")
        try await phone.createRecoveryAccount("alice", passwordFile: password)
        let result = try await phone.run(
            ["backup", "enable", "--recovery-account", "alice", "--password-file", "-",
             "--cloud-url", "http://127.0.0.1:9/dav/", "--cloud-user", "alice", "--cloud-password-file", "-"],
            input: "alice's recovery password\n")
        #expect(result.status == 64)
        #expect(result.stderr == "error: usage: standard input was already read by another option: only one option can name -\n")
    }
}
