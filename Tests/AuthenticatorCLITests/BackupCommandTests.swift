import Foundation
import Testing

/// `recovery-account`, `backup enable|now|status|disable|delete`, `signin`.
@Suite("authenticator backup")
struct BackupCommandTests {
    /// An android device with one account and a recovery account `alice`, backup not on yet.
    private func androidDevice() async throws -> (world: DeviceWorld, device: Device, password: String) {
        let world = try DeviceWorld()
        let device = world.device("phone")
        try await device.initialise("android")
        let password = try world.file("password", "alice's recovery password\n")
        try await device.createRecoveryAccount("alice", passwordFile: password)
        try await device.addThirdParty()
        return (world, device, password)
    }

    private func status(_ device: Device) async throws -> [String: Any] {
        try jsonObject(try await device.succeed(["backup", "status", "--json"]))
    }

    @Test func statusIsOffBeforeBackupIsEnabled() async throws {
        let (_, device, _) = try await androidDevice()
        #expect(try await device.succeed(["backup", "status"]) == "state: off\ngeneration: none\ndate: none\nneedsAttention: false\nreason: none")
        #expect(try await device.succeed(["backup", "status", "--json"]) == #"{"state":"off","generation":null,"date":null,"needsAttention":false,"reason":null,"lastVerified":null,"failingSince":null}"#)
        try await device.fail(["backup", "now"], caseName: "notEnabled")
    }

    @Test func enableUploadsTheFirstGenerationAndEachChangeUploadsTheNext() async throws {
        let (_, device, password) = try await androidDevice()
        let enabled = try await device.succeed(["backup", "enable", "--recovery-account", "alice", "--password-file", password])
        #expect(enabled == "state: upToDate\ngeneration: 1\ndate: 2027-01-15T08:00:00.000Z\nneedsAttention: false\nreason: none")
        #expect(try await device.succeed(["settings", "get", "backupEnabled"]) == "true")
        try await device.addThirdParty(issuer: "Bank", account: "alice")
        #expect(try await status(device)["generation"] as? Int == 2)
        try await device.succeed(["settings", "set", "theme", "dark"])
        #expect(try await status(device)["generation"] as? Int == 3)
        // Nothing changed: nothing to upload.
        let now = try jsonObject(try await device.succeed(["backup", "now", "--json"]))
        #expect(now["state"] as? String == "upToDate")
        #expect(now["generation"] as? Int == 3)
        #expect(now["needsAttention"] as? Bool == false)
    }

    @Test func theCloudFolderHoldsTheSealedBackupThatInspectReads() async throws {
        let (world, device, password) = try await androidDevice()
        try await device.enableBackup(recoveryAccount: "alice", passwordFile: password)
        let file = world.cloud.appendingPathComponent("android/alice/generation-1.backup").path
        let lines = try await device.succeed(["inspect", file])
        #expect(lines.contains("generation: 1"))
        #expect(lines.contains("platform: android"))
        #expect(lines.contains("slot: escrowKey"))
    }

    @Test func enableWithAWrongPasswordIsRefusedAndBackupStaysOff() async throws {
        let (world, device, _) = try await androidDevice()
        try await device.fail(["backup", "enable", "--recovery-account", "alice", "--password-file", try world.file("wrong", "not the password")], caseName: "wrongCredentials")
        #expect(try await status(device)["state"] as? String == "off")
    }

    @Test func enableOnIOSNeedsTheCloudIdentity() async throws {
        let world = try DeviceWorld()
        let device = world.device("iphone")
        try await device.initialise("ios")
        let password = try world.file("password", "alice's recovery password")
        try await device.createRecoveryAccount("alice", passwordFile: password)
        try await device.fail(["backup", "enable", "--recovery-account", "alice", "--password-file", password], caseName: "cloudIdentityRequired")
        // An empty vault is never uploaded: backup is on, the first upload waits for an account.
        #expect(try await device.succeed(["backup", "enable", "--recovery-account", "alice", "--password-file", password, "--cloud-identity", "alice@icloud.com"]).hasPrefix("state: pending\n"))
        try await device.addThirdParty()
        try await device.succeed(["backup", "enable", "--recovery-account", "alice", "--password-file", password, "--cloud-identity", "alice@icloud.com"])
        let files = FileManager.default.enumerator(atPath: world.cloud.appendingPathComponent("ios").path)?.allObjects as? [String] ?? []
        #expect(files.contains { $0.hasSuffix("/generation-1.backup") })
    }

    @Test func aRevokedSessionMakesTheBackupStaleUntilSignIn() async throws {
        let (_, device, password) = try await androidDevice()
        try await device.enableBackup(recoveryAccount: "alice", passwordFile: password)
        try await device.succeed(["recovery-account", "revoke-sessions", "alice"])
        // The change is saved; the upload finds the session revoked: one note on stderr.
        let added = try await device.run(["add", "--issuer", "Bank", "--account", "alice", "--secret", rfcSHA1Secret])
        #expect(added.status == 0)
        #expect(added.stdout.count == 37)
        #expect(added.stderrLines.count == 1)
        #expect(added.stderr.hasPrefix("note: the change was saved but not backed up: backupStale: "))
        #expect(try await device.list().count == 2)

        let stale = try await status(device)
        #expect(stale["state"] as? String == "needsSignIn")
        #expect(stale["needsAttention"] as? Bool == true)
        #expect(stale["reason"] as? String == "backupStale")
        #expect(stale["generation"] as? Int == 1)
        let message = try await device.fail(["backup", "now"], caseName: "backupStale")
        #expect(message == "the recovery-account session expired or was revoked. Sign in to your recovery account again to continue.")

        let signedIn = try await device.succeed(["signin", "--recovery-account", "alice", "--password-file", password])
        #expect(signedIn.hasPrefix("state: upToDate\ngeneration: 2\n"))
        #expect(try await status(device)["needsAttention"] as? Bool == false)
    }

    @Test func backupNowWithJSONReportsTheFailureWithTheStatus() async throws {
        let (world, device, password) = try await androidDevice()
        try await device.enableBackup(recoveryAccount: "alice", passwordFile: password)
        try await device.succeed(["recovery-account", "revoke-sessions", "alice"])
        _ = try await device.run(["add", "--issuer", "Bank", "--account", "alice", "--secret", rfcSHA1Secret])
        let result = try await device.run(["backup", "now", "--json"])
        #expect(result.status == 65)
        #expect(result.stderrLines.count == 1)
        #expect(result.stderr.hasPrefix("error: backupStale: "))
        let object = try jsonObject(result.stdout)
        #expect(object["error"] as? String == "backupStale")
        #expect(object["suggestedAction"] as? String == "Sign in to your recovery account again to continue.")
        #expect(object["state"] as? String == "needsSignIn")
        #expect(object["needsAttention"] as? Bool == true)
        _ = world
    }

    @Test func aMissingCloudFolderIsNetworkUnavailableAndTheChangeStaysPending() async throws {
        let (world, device, password) = try await androidDevice()
        try await device.enableBackup(recoveryAccount: "alice", passwordFile: password)
        let offline = world.cloud.deletingLastPathComponent().appendingPathComponent("cloud-offline")
        try FileManager.default.moveItem(at: world.cloud, to: offline)
        let added = try await device.run(["add", "--issuer", "Bank", "--account", "alice", "--secret", rfcSHA1Secret])
        #expect(added.status == 0)
        #expect(added.stderr.hasPrefix("note: the change was saved but not backed up: networkUnavailable: "))
        let message = try await device.fail(["backup", "now"], caseName: "networkUnavailable")
        #expect(message.hasSuffix("Check the connection; the backup is retried with the next change."))
        #expect(try await status(device)["reason"] as? String == "networkUnavailable")
        try FileManager.default.moveItem(at: offline, to: world.cloud)
        let now = try jsonObject(try await device.succeed(["backup", "now", "--json"]))
        #expect(now["state"] as? String == "upToDate")
        #expect(now["generation"] as? Int == 2)
    }

    @Test func deleteRemovesTheCloudCopyAndTurnsBackupOff() async throws {
        let (world, device, password) = try await androidDevice()
        try await device.enableBackup(recoveryAccount: "alice", passwordFile: password)
        #expect(try await device.succeed(["backup", "delete"]) == "")
        let folder = world.cloud.appendingPathComponent("android/alice")
        let left = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        #expect(!left.contains { $0.hasSuffix(".backup") })
        #expect(try await status(device)["state"] as? String == "off")
        try await device.fail(["backup", "delete"], caseName: "backupNotFound")
    }

    @Test func disableStopsUploadsAndKeepsTheCloudCopy() async throws {
        let (world, device, password) = try await androidDevice()
        try await device.enableBackup(recoveryAccount: "alice", passwordFile: password)
        #expect(try await device.succeed(["backup", "disable"]) == "")
        try await device.addThirdParty(issuer: "Bank", account: "alice")
        #expect(try await status(device)["state"] as? String == "off")
        let folder = world.cloud.appendingPathComponent("android/alice")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).contains("generation-1.backup"))
        #expect(!(try FileManager.default.contentsOfDirectory(atPath: folder.path).contains("generation-2.backup")))
    }

    @Test func recoveryAccountSetUpErrorsAreReported() async throws {
        let (world, device, password) = try await androidDevice()
        try await device.fail(["recovery-account", "create", "alice", "--password-file", password], caseName: "accountAlreadyExists")
        try await device.fail(["recovery-account", "create", "bob", "--password-file", try world.file("short", "short")], caseName: "passwordTooShort")
        try await device.fail(["recovery-account", "revoke-sessions", "nobody"], caseName: "accountNotFound")
        try await device.fail(["signin", "--recovery-account", "alice", "--password-file", password], caseName: "notEnabled")
    }
}
