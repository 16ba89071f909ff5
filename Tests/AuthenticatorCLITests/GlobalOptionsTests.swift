import Foundation
import Testing

/// `--home`, `$AUTHENTICATOR_HOME`, `--cloud`, `--services` and `--now`.
@Suite("authenticator global options")
struct GlobalOptionsTests {
    @Test func globalOptionsWorkBeforeOrAfterTheCommand() async throws {
        let world = try DeviceWorld()
        let home = world.path("phone")
        try await CLI.run(["--home", home, "init", "--platform", "ios"], environment: DeviceWorld.environment).expectSuccess()
        let id = try await CLI.run(["add", "--home", home, "--issuer", "A", "--account", "b", "--secret", rfcSHA1Secret], environment: DeviceWorld.environment).expectSuccess().trimmingCharacters(in: .newlines)
        #expect(try await CLI.run(["--home", home, "--now", "59", "code", id], environment: DeviceWorld.environment).expectSuccess() == "287082\n")
        #expect(try await CLI.run(["code", id, "--home", home, "--now", "59"], environment: DeviceWorld.environment).expectSuccess() == "287082\n")
    }

    @Test func theHomeDefaultsToTheEnvironmentVariable() async throws {
        let world = try DeviceWorld()
        let home = world.path("from-environment")
        let environment: [String: String?] = ["AUTHENTICATOR_HOME": home, "AUTHENTICATOR_FAST_KDF": "1"]
        try await CLI.run(["init", "--platform", "android"], environment: environment).expectSuccess()
        #expect(FileManager.default.fileExists(atPath: home + "/vault.akvs"))
        // The cloud and services default to folders in the home.
        #expect(FileManager.default.fileExists(atPath: home + "/cloud"))
        #expect(FileManager.default.fileExists(atPath: home + "/services"))
        #expect(try await CLI.run(["settings", "get", "platform"], environment: environment).expectSuccess() == "android\n")
    }

    @Test func nowStopsTheClockForEveryCommand() async throws {
        let phone = try DeviceWorld().device("phone")
        try await phone.initialise()
        let id = try await phone.addThirdParty(secret: rfcSHA1Secret)
        // RFC 6238 Appendix B, SHA-1: 1111111109 → 07081804, 1234567890 → 89005924.
        #expect(try await phone.succeed(["code", id, "--now", "1111111109"]) == "081804")
        #expect(try await phone.succeed(["code", "--secret", rfcSHA1Secret, "--now", "1234567890"]) == "005924")
    }

    @Test func aUsageErrorWithJSONIsAlsoAJSONObject() async throws {
        let result = try await CLI.run(["list", "--json", "--bogus"], environment: DeviceWorld.environment)
        #expect(result.status == 64)
        #expect(result.stderr == "error: usage: Unknown option '--bogus'\n")
        #expect(result.stdout == #"{"error":"usage","message":"Unknown option '--bogus'","suggestedAction":null}"# + "\n")
    }

    @Test func aDeviceCommandErrorWithJSONIsOneObjectOnStandardOutput() async throws {
        let world = try DeviceWorld()
        let result = try await CLI.run(["list", "--json", "--home", world.path("nothing-here")], environment: DeviceWorld.environment)
        #expect(result.status == 65)
        #expect(result.stderr == "error: vaultNotFound: there is no vault yet: create one first\n")
        #expect(result.stdout == #"{"error":"vaultNotFound","message":"there is no vault yet: create one first","suggestedAction":null}"# + "\n")
    }
}

extension CLI.Result {
    /// Expects exit status 0 and nothing on standard error; returns standard output.
    @discardableResult
    func expectSuccess(sourceLocation: SourceLocation = #_sourceLocation) -> String {
        #expect(status == 0, "\(stderr)", sourceLocation: sourceLocation)
        #expect(stderr.isEmpty, sourceLocation: sourceLocation)
        return stdout
    }
}
