import SodiumBridge
import Interop
import OTP
import Testing

/// The public types: names, error texts, Sendable.
@Suite("API")
struct APITests {
    @Test func importFormatRawValuesAreTheDocumentedNames() {
        #expect(ImportFormat.allCases.map(\.rawValue) == [
            "aegis", "2fas", "google", "ente", "andotp", "bitwarden", "freeotp-plus", "proton",
            "microsoft-authenticator", "otpauth", "auto",
        ])
        #expect(ExportFormat.allCases.map(\.rawValue) == ["aegis", "otpauth", "google"])
    }

    static let errors: [(InteropError, String)] = [
        (.unrecognizedFormat, "unrecognizedFormat"),
        (.passwordRequired, "passwordRequired"),
        (.wrongPassword, "wrongPassword"),
        (.unsupportedVersion(format: .aegis, version: "4"), "unsupportedVersion"),
        (.unsupportedEncryption(format: .bitwarden, reason: "x"), "unsupportedEncryption"),
        (.damaged(reason: "x"), "damaged"),
        (.parametersOutOfBounds(parameter: "scrypt N", value: "3", allowed: "powers of two"), "parametersOutOfBounds"),
        (.inputTooLarge(bytes: 2, limit: 1), "inputTooLarge"),
        (.tooManyEntries(count: 2, limit: 1), "tooManyEntries"),
        (.unrepresentable(position: 1, reason: "x"), "unrepresentable"),
        (.passwordNotApplicable(format: .google), "passwordNotApplicable"),
    ]

    @Test func everyErrorHasItsCaseNameAndAMessage() {
        for (error, name) in Self.errors {
            #expect(error.caseName == name)
            // The protocol's generic case name agrees with the explicit one.
            #expect((error as any ReportableError).caseName == name)
            #expect(!error.message.isEmpty)
        }
    }

    @Test func messagesNeverContainThePassword() throws {
        let password = "correct horse battery staple"
        for fixture in Fixtures.all where fixture.password != nil && fixture.file != "aegis-encrypted-default-cost.json" {
            let bytes = try Fixtures.bytes(fixture.file)
            let error = interopError { () throws(InteropError) in
                try ForeignVaultReader.read(bytes, format: .auto, password: secure(password + "!"))
            }
            #expect(error.map { !$0.message.contains(password) } == true)
        }
    }

    @Test func entryProblemsHaveCaseNamesAndMessagesWithoutSecrets() throws {
        let vault = try ForeignVaultReader.read(try Fixtures.bytes("aegis-plain.json"), format: .aegis, password: nil)
        for failure in vault.failures {
            let problem = try #require(failure.problem)
            #expect(!problem.caseName.isEmpty && !problem.message.isEmpty)
        }
        #expect(vault.failures.map(\.position) == [5, 6, 7, 8, 9])
        #expect(vault.tokens.count == 4)
    }

    @Test func publicTypesAreSendable() {
        func requireSendable<T: Sendable>(_: T.Type) {}
        requireSendable(ForeignVault.self)
        requireSendable(ForeignEntry.self)
        requireSendable(EntryProblem.self)
        requireSendable(InteropError.self)
        requireSendable(InteropLimits.self)
        requireSendable(ImportFormat.self)
        requireSendable(ExportFormat.self)
        requireSendable(ExportEntry.self)
        requireSendable(ScryptCost.self)
    }

    @Test func scryptCostIsCheckedAgainstTheReaderBounds() {
        #expect(ScryptCost(n: 1 << 15, r: 8, p: 1) == .aegis)
        #expect(ScryptCost(n: 1000, r: 8, p: 1) == nil)
        #expect(ScryptCost(n: 1 << 21, r: 8, p: 1) == nil)
    }
}
