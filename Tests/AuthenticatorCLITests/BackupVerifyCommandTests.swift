import Foundation
import Testing

/// `backup verify`, the health fields of `backup status --json`, and a backup that disappeared
/// from the cloud.
@Suite("authenticator backup verify")
struct BackupVerifyCommandTests {
    /// An android device with one account, backup on (generation 1).
    private func backedUpDevice() async throws -> (world: DeviceWorld, device: Device, password: String) {
        let world = try DeviceWorld()
        let device = world.device("phone")
        try await device.initialise("android")
        let password = try world.file("password", "alice's recovery password\n")
        try await device.createRecoveryAccount("alice", passwordFile: password)
        try await device.addThirdParty()
        try await device.enableBackup(recoveryAccount: "alice", passwordFile: password)
        return (world, device, password)
    }

    @Test func verifyReadsTheBackupBackAndStatusShowsWhen() async throws {
        let (_, device, _) = try await backedUpDevice()
        #expect(try await device.succeed(["backup", "verify"]) == "verified: generation 1, 1 accounts")
        let json = try jsonObject(try await device.succeed(["backup", "verify", "--json"]))
        #expect(json["generation"] as? Int == 1)
        #expect(json["accounts"] as? Int == 1)
        let status = try jsonObject(try await device.succeed(["backup", "status", "--json"]))
        #expect(status["lastVerified"] as? String == "2027-01-15T08:00:00.000Z")
        #expect(status["failingSince"] is NSNull)
    }

    @Test func aChangeTheCloudDoesNotHoldIsReportedAsADifference() async throws {
        let (world, device, _) = try await backedUpDevice()
        let away = world.path("cloud-away")
        try FileManager.default.moveItem(atPath: world.cloud.path, toPath: away)
        let added = try await device.run(["add", "--issuer", "Bank", "--account", "bob", "--secret", "GEZDGNBVGY3TQOJQ"])
        #expect(added.status == 0)
        #expect(added.stderr.contains("networkUnavailable"))
        let failing = try jsonObject(try await device.succeed(["backup", "status", "--json"]))
        #expect(failing["failingSince"] as? String == "2027-01-15T08:00:00.000Z")
        try FileManager.default.moveItem(atPath: away, toPath: world.cloud.path)

        let result = try await device.run(["backup", "verify"])
        #expect(result.status == 65)
        #expect(result.stdout.hasPrefix("missing "), "\(result.stdout)")
        #expect(result.stdout.contains("Bank (bob)"))
        #expect(result.stderr.hasPrefix("error: differs: "), "\(result.stderr)")
        // The next upload brings the cloud up to date and clears the failure.
        #expect(try jsonObject(try await device.succeed(["backup", "now", "--json"]))["generation"] as? Int == 2)
        #expect(try jsonObject(try await device.succeed(["backup", "status", "--json"]))["failingSince"] is NSNull)
        #expect(try await device.succeed(["backup", "verify"]) == "verified: generation 2, 2 accounts")
    }

    @Test func aBackupDeletedFromTheCloudIsReportedNotUploadedAgain() async throws {
        let (world, device, password) = try await backedUpDevice()
        try FileManager.default.removeItem(at: world.cloud.appendingPathComponent("android/alice"))
        try await device.fail(["backup", "verify"], caseName: "notFound")
        let added = try await device.run(["add", "--issuer", "Bank", "--account", "bob", "--secret", "GEZDGNBVGY3TQOJQ"])
        #expect(added.status == 0)
        #expect(added.stderr.hasPrefix("note: the change was saved but not backed up: backupMissing: "), "\(added.stderr)")
        try await device.fail(["backup", "now"], caseName: "backupMissing")
        let folder = world.cloud.appendingPathComponent("android/alice").path
        let left = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        #expect(!left.contains { $0.hasSuffix(".backup") }, "\(left)")
        let status = try jsonObject(try await device.succeed(["backup", "status", "--json"]))
        #expect(status["reason"] as? String == "backupMissing")
        #expect(status["failingSince"] as? String == "2027-01-15T08:00:00.000Z")
        // Turning backup on again is the user's consent to a new backup chain, which starts
        // above the recovery-account service's record of the old one (generation 1).
        let enabled = try await device.succeed(["backup", "enable", "--recovery-account", "alice", "--password-file", password])
        #expect(enabled.hasPrefix("state: upToDate\ngeneration: 2\n"), "\(enabled)")
        #expect(try await device.succeed(["backup", "verify"]) == "verified: generation 2, 2 accounts")
    }

    @Test func verifyWithBackupOffIsNotEnabled() async throws {
        let world = try DeviceWorld()
        let device = world.device("phone")
        try await device.initialise("ios")
        try await device.fail(["backup", "verify"], caseName: "notEnabled")
    }
}

/// The WebDAV global options against a real server (`.ci/webdav/start-servers`): an android
/// device backs up to the folder and an ios device restores from it, with no cloud identity.
@Suite(
    "authenticator with a WebDAV cloud",
    .enabled(
        if: ProcessInfo.processInfo.environment["WEBDAV_RCLONE_URL"] != nil
            && ProcessInfo.processInfo.environment["WEBDAV_APACHE_URL"] != nil,
        "WebDAV test servers are not configured (run .ci/run, or source .ci/webdav/start-servers)")
)
struct WebDAVCLITests {
    @Test(arguments: ["WEBDAV_APACHE_URL", "WEBDAV_RCLONE_URL"])
    func anAndroidBackupInAWebDAVFolderRestoresOnAnIPhone(_ variable: String) async throws {
        let environment = ProcessInfo.processInfo.environment
        let root = try #require(environment[variable])
        let user = try #require(environment["WEBDAV_USER"])
        let world = try DeviceWorld()
        let davPassword = try world.file("dav-password", try #require(environment["WEBDAV_PASSWORD"]))
        let folder = (root.hasSuffix("/") ? root : root + "/") + "cli-\(UUID().uuidString.lowercased())/"
        let dav = ["--cloud-url", folder, "--cloud-user", user, "--cloud-password-file", davPassword]

        let phone = world.device("phone")
        try await phone.initialise("android")
        let password = try world.file("password", "alice's recovery password\n")
        try await phone.createRecoveryAccount("alice", passwordFile: password)
        let github = try await phone.addThirdParty()
        let enabled = try await phone.succeed(["backup", "enable", "--recovery-account", "alice", "--password-file", password] + dav)
        #expect(enabled.hasPrefix("state: upToDate\ngeneration: 1\n"), "\(enabled)")
        try await phone.succeed(["add", "--issuer", "Bank", "--account", "bob", "--secret", "GEZDGNBVGY3TQOJQ"] + dav)
        #expect(try await phone.succeed(["backup", "verify"] + dav) == "verified: generation 2, 2 accounts")
        // Nothing went to the --cloud folder.
        #expect(!FileManager.default.fileExists(atPath: world.cloud.appendingPathComponent("android/alice").path))

        let iphone = world.device("iphone")
        try await iphone.initialise("ios")
        let restored = try await iphone.succeed(["restore", "--recovery-account", "alice", "--password-file", password] + dav)
        #expect(restored.split(separator: "\n").count == 2, "\(restored)")
        for time in ["59", "1111111109"] {
            #expect(try await iphone.succeed(["code", github, "--time", time]) == (try await phone.succeed(["code", github, "--time", time])))
        }
        #expect(try await iphone.list().map { $0.dropFirst().joined(separator: "\t") } == (try await phone.list().map { $0.dropFirst().joined(separator: "\t") }))
        // The iPhone continues the chain in the folder; the phone's view is then another generation.
        let now = try jsonObject(try await iphone.succeed(["backup", "now", "--json"] + dav))
        #expect(now["state"] as? String == "upToDate")
        #expect(try await iphone.succeed(["backup", "verify"] + dav).hasPrefix("verified: generation "))
        try await iphone.succeed(["backup", "delete"] + dav)
    }
}
