@testable import authenticator
import AuthenticatorKit
import AuthenticatorKitTestSupport
import Foundation
import Testing

/// Issue 11, reproduction 6 through the CLI: what a backup cannot carry is refused on the
/// way in, naming the field and the limit; an older vault that already holds such an account
/// backs up everything else, and `backup status` names the account.
@Suite("Limits through the CLI")
struct LimitsCommandTests {
    /// 207 Base32 `A`s: 129 zero bytes, one more than a backup carries.
    static let secret129 = String(repeating: "A", count: 207)
    /// 205 Base32 `A`s: 128 zero bytes, exactly the limit.
    static let secret128 = String(repeating: "A", count: 205)

    @Test func addRefusesAQRCodeWhoseSecretIsOneByteTooLongAndSavesNothing() async throws {
        let world = try DeviceWorld()
        let phone = world.device("phone")
        try await phone.initialise()
        let message = try await phone.fail(["add", "--uri", "otpauth://totp/X:y?secret=\(Self.secret129)"], caseName: "secretTooLong")
        #expect(message.contains("128 bytes"))
        #expect(try await phone.list().isEmpty)
        try await phone.succeed(["add", "--uri", "otpauth://totp/X:y?secret=\(Self.secret128)"])
        #expect(try await phone.list().count == 1)
    }

    @Test func addRefusesATwoThousandCharacterIssuerNamingTheField() async throws {
        let world = try DeviceWorld()
        let phone = world.device("phone")
        try await phone.initialise()
        let issuer = String(repeating: "I", count: 2000)
        let message = try await phone.fail(
            ["add", "--uri", "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&issuer=\(issuer)"], caseName: "fieldTooLong")
        #expect(message.contains("issuer"))
        #expect(message.contains("1024"))
        try await phone.fail(["add", "--issuer", issuer, "--account", "a", "--secret", "JBSWY3DPEHPK3PXP"], caseName: "fieldTooLong")
        #expect(try await phone.list().isEmpty)
    }

    @Test func renameAndSettingsSetRefuseWhatABackupCannotCarry() async throws {
        let world = try DeviceWorld()
        let phone = world.device("phone")
        try await phone.initialise()
        let id = try await phone.addThirdParty()
        let long = String(repeating: "n", count: 1025)
        #expect(try await phone.fail(["rename", id, "--account", long], caseName: "fieldTooLong").contains("user name"))
        #expect(try await phone.fail(["settings", "set", "theme", long], caseName: "fieldTooLong").contains("custom setting value"))
        #expect(try await phone.list().first?.contains("alice") == true)
        #expect(try await phone.run(["settings", "get", "theme"]).status != 0)
    }

    @Test func theJSONErrorNamesTheFieldAndTheLimit() throws {
        let report = try #require(ErrorReport(AccountModelError.fieldTooLong(field: .customSettingKey, limit: 1024)))
        let object = try jsonObject(report.json.text)
        #expect(object["error"] as? String == "fieldTooLong")
        #expect(object["field"] as? String == "customSettingKey")
        #expect(object["limit"] as? Int == 1024)
        #expect(report.exitStatus == 65)
    }

    @Test func importFromAnotherAppRefusesAnEntryBeyondTheLimitAllOrNothingOrLeavesItOutWithPartial() async throws {
        let world = try DeviceWorld()
        let phone = world.device("phone")
        try await phone.initialise()
        let file = try world.file("export.txt", """
            otpauth://totp/GitHub:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=GitHub
            otpauth://totp/Big:mallory?secret=\(Self.secret129)&issuer=Big

            """)
        let message = try await phone.fail(["import", file, "--from", "otpauth"], caseName: "importFailed")
        #expect(message.contains("entry 2 (Big, mallory)"))
        #expect(message.contains("128 bytes"))
        #expect(try await phone.list().isEmpty)
        let partial = try await phone.succeed(["import", file, "--from", "otpauth", "--partial"])
        #expect(partial.split(separator: "\n").last == "left-out\t-\tBig\tmallory\t-")
        #expect(try await phone.list().count == 1)
    }

    /// The reproduction: a vault written by an earlier version holds a 129-byte secret beside
    /// normal accounts; `backup now` used to fail with `sealingFailed`, naming nothing.
    @Test func backupNowWithAnOlderVaultHoldingA129ByteSecretBacksUpTheOthersAndStatusNamesIt() async throws {
        let world = try DeviceWorld()
        let phone = world.device("phone")
        try await phone.initialise("android")
        try await phone.addThirdParty(issuer: "GitHub", account: "alice")
        let password = try world.file("password", "alice's recovery password\n")
        try await phone.createRecoveryAccount("alice", passwordFile: password)
        try await phone.enableBackup(recoveryAccount: "alice", passwordFile: password)

        // The earlier version's vault file: the oversized account written through the
        // store, bypassing the vault's checks.
        let store = FileAccountStore(directory: phone.home, keyProvider: FileKeyProvider(file: phone.home.appendingPathComponent("key")))
        let stored = try #require(try await store.load())
        let oversized = try OversizedAccounts.thirdParty()
        let older = Vault(
            accounts: stored.accounts + [oversized], settings: stored.settings, revision: stored.revision + 1,
            backupState: stored.backupState)
        try await store.save(older, replacingRevision: stored.revision)

        let now = try await phone.succeed(["backup", "now"])
        #expect(now.contains("state: upToDate"))
        #expect(now.contains("generation: 2"))
        let status = try await phone.succeed(["backup", "status"])
        #expect(status.split(separator: "\n").contains("needsAttention: true"))
        #expect(status.split(separator: "\n").last == "leftOut: oversized-secret\tOversized (mallory)\tsecretTooLong(secret)")
        let json = try jsonObject(try await phone.succeed(["backup", "status", "--json"]))
        #expect(json["state"] as? String == "upToDate")
        let leftOut = try #require(json["accountsLeftOut"] as? [[String: Any]])
        #expect(leftOut.first?["id"] as? String == "oversized-secret")
        #expect(leftOut.first?["name"] as? String == "Oversized (mallory)")
        let limits = try #require(leftOut.first?["limits"] as? [[String: Any]])
        #expect(limits.first?["error"] as? String == "secretTooLong")
        #expect(limits.first?["limit"] as? Int == 128)
        #expect(!status.contains(Self.secret129))
    }
}
