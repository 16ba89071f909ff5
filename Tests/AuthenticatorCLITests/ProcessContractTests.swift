@testable import authenticator
import Foundation
import Testing

/// The other suites run commands inside the test process (`CLI.Mode.inProcess`). These run
/// the built binary in a process of its own, to show that it keeps the command-line contract
/// (exit status, standard output and standard error apart, standard input, help) and that it
/// prints exactly what the in-process runs print.
@Suite("authenticator as a process")
struct ProcessContractTests {
    /// Commands that need no device, one of each kind of outcome.
    static let commands: [(arguments: [String], input: String)] = [
        // Success on standard output.
        (["code", "--secret", rfcSHA1Secret, "--digits", "8", "--time", "59"], ""),
        // Standard input.
        (["code", "--secret-file", "-", "--digits", "8", "--time", "59"], rfcSHA1Secret + "\n"),
        // An SDK error: status 65, one line on standard error.
        (["code", "--secret", "GEZD1NBV"], ""),
        // An unreadable input file: status 66.
        (["code", "--secret-file", "/nonexistent/secret"], ""),
        // No match: status 1.
        (["check", "--secret", rfcSHA1Secret, "--code", "000000", "--time", "59"], ""),
        // A usage error: status 64; with --json also an object on standard output.
        (["code", "--bogus"], ""),
        (["list", "--json", "--bogus"], ""),
        // Help: status 0, on standard output.
        (["--help"], ""),
        (["code", "--help"], ""),
        // Output written in several pieces.
        (["code", "--hotp", "--secret", rfcSHA1Secret, "--counter", "0", "--window", "12000"], ""),
    ]

    @Test(arguments: commands)
    func theBinaryPrintsWhatTheInProcessRunPrints(_ arguments: [String], input: String) async throws {
        let environment: [String: String?] = ["COLUMNS": nil, "AUTHENTICATOR_HOME": nil]
        let process = try await CLI.run(arguments, input: input, environment: environment, mode: .process)
        let inProcess = try await CLI.run(arguments, input: input, environment: environment, mode: .inProcess)
        #expect(process == inProcess)
    }

    @Test func exitStatusesAndStreamsFollowTheContract() async throws {
        let success = try await CLI.run(["code", "--secret", rfcSHA1Secret, "--digits", "8", "--time", "59"], mode: .process)
        #expect(success == CLI.Result(status: 0, stdout: "94287082\n", stderr: ""))

        let refused = try await CLI.run(["code", "--secret", "GEZD1NBV"], mode: .process)
        #expect(refused.status == 65)
        #expect(refused.stdout.isEmpty)
        #expect(refused.stderr == "error: invalidBase32Character: '1' at position 4 is not a Base32 character (A–Z, 2–7)\n")

        let usage = try await CLI.run(["list", "--json", "--bogus"], mode: .process)
        #expect(usage.status == 64)
        #expect(usage.stderr == "error: usage: Unknown option '--bogus'\n")
        #expect(usage.stdout == #"{"error":"usage","message":"Unknown option '--bogus'","suggestedAction":null}"# + "\n")
    }

    @Test func aDeviceKeepsItsVaultAcrossProcesses() async throws {
        let world = try DeviceWorld()
        let phone = world.device("phone")
        #expect(try await phone.run(["init", "--platform", "ios"], mode: .process).status == 0)
        let added = try await phone.run(["add", "--issuer", "GitHub", "--account", "alice", "--secret-file", "-"], input: rfcSHA1Secret, mode: .process)
        #expect(added.status == 0, "\(added.stderr)")
        let id = added.stdout.trimmingCharacters(in: .newlines)
        let code = try await phone.run(["code", id, "--now", "1111111109"], mode: .process)
        #expect(code == CLI.Result(status: 0, stdout: "081804\n", stderr: ""))
        // The in-process run reads the same vault.
        #expect(try await phone.succeed(["code", id, "--now", "1111111109"]) == "081804")
    }
}

@Suite("CLIError")
struct CLIErrorTests {
    /// Every case with the name scripts match: renaming a case must fail here.
    static let caseNames: [(CLIError, String)] = [
        (.unreadableSecretFile(path: "/s", reason: "no such file"), "unreadableSecretFile"),
        (.unreadableFile(what: "password file", path: "/p", reason: "no such file"), "unreadableFile"),
        (.emptyPassword(path: "/p"), "emptyPassword"),
        (.unwritableFile(path: "/o", reason: "permission denied"), "unwritableFile"),
        (.outputExists(path: "/o"), "outputExists"),
        (.vaultAlreadyExists(home: "/h"), "vaultAlreadyExists"),
        (.settingNotSet(key: "k"), "settingNotSet"),
        (.noVerificationInProgress(id: .init(rawValue: "a1")), "noVerificationInProgress"),
        (.contactNotOffered(contact: "c", offered: ["d"]), "contactNotOffered"),
    ]

    @Test func everyCaseHasItsPinnedNameAndAMessage() {
        for (error, name) in Self.caseNames {
            #expect(error.caseName == name)
            #expect(!error.message.isEmpty)
        }
        #expect(Set(Self.caseNames.map(\.1)).count == Self.caseNames.count)
    }
}
