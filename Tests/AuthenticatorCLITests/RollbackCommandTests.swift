import Foundation
import Testing

/// Reproductions 3 and 4 of issue 11 through the command line: a cloud folder with an
/// earlier backup's files put back, and guessing the recovery password.
@Suite("authenticator: rollback and guessing refused")
struct RollbackCommandTests {
    /// An android device `old` with one account, backed up (generation 1) to the recovery
    /// account `alice`.
    struct World {
        let world: DeviceWorld
        let old: Device
        let password: String

        init() async throws {
            world = try DeviceWorld()
            old = world.device("old")
            password = try world.file("recovery-password", "alice's recovery password\n")
            try await old.initialise("android")
            try await old.createRecoveryAccount("alice", passwordFile: password)
            try await old.addThirdParty(issuer: "GitHub", account: "alice")
            try await old.enableBackup(recoveryAccount: "alice", passwordFile: password)
        }

        /// `restore` as `alice` with `passwordFile` (the right one by default).
        func restore(_ passwordFile: String? = nil, _ extra: [String] = []) -> [String] {
            ["restore", "--recovery-account", "alice", "--password-file", passwordFile ?? password] + extra
        }

        /// Every file of the cloud folder but its locks, with its contents.
        func cloudFiles() throws -> [String: Data] {
            var files: [String: Data] = [:]
            let enumerator = FileManager.default.enumerator(atPath: world.cloud.path)
            while let path = enumerator?.nextObject() as? String {
                let url = world.cloud.appendingPathComponent(path)
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                   !path.hasSuffix(".lock") {
                    files[path] = try Data(contentsOf: url)
                }
            }
            return files
        }

        /// What an attacker with write access to the cloud folder does: puts `files` back,
        /// removing what is there now.
        func putBack(_ files: [String: Data]) throws {
            for path in try cloudFiles().keys where files[path] == nil {
                try FileManager.default.removeItem(at: world.cloud.appendingPathComponent(path))
            }
            for (path, data) in files { try data.write(to: world.cloud.appendingPathComponent(path)) }
        }

        func vaultBytes(_ device: Device) throws -> Data {
            try Data(contentsOf: device.home.appendingPathComponent("vault.akvs"))
        }
    }

    @Test func aNewDeviceRefusesGenerationOnesFilesPutBackOverGenerationTwo() async throws {
        let story = try await World()
        let generationOne = try story.cloudFiles()
        try await story.old.addThirdParty(issuer: "Bank", account: "alice")
        try await story.old.succeed(["backup", "now"])
        #expect(try await story.old.succeed(["backup", "status"]).contains("generation: 2"))
        try story.putBack(generationOne)

        let new = story.world.device("new")
        try await new.initialise("android")
        let (vault, cloud) = (try story.vaultBytes(new), try story.cloudFiles())
        let message = try await new.fail(story.restore(), caseName: "backupRolledBack")
        #expect(message == "the cloud serves backup generation 1, older than generation 2 that the recovery account "
            + "recorded as verified. Do not use this backup: back up again from a device that has the accounts, "
            + "or ask the cloud's administrator to restore the latest backup.")
        let json = try jsonObject(try await new.run(story.restore(nil, ["--json"])).stdout)
        #expect(json["error"] as? String == "backupRolledBack")
        #expect(json["foundGeneration"] as? Int == 1)
        #expect(json["recordedGeneration"] as? Int == 2)
        #expect(try story.vaultBytes(new) == vault)
        #expect(try story.cloudFiles() == cloud)
        #expect(try await new.list().isEmpty)

        // The old device is told too, uploads nothing over it, and `backup status` says why.
        let added = try await story.old.run(["add", "--issuer", "Shop", "--account", "alice", "--secret", "GEZDGNBVGY3TQOJQ"])
        #expect(added.status == 0)
        #expect(added.stderr.hasPrefix("note: the change was saved but not backed up: backupRolledBack: "), "\(added.stderr)")
        let refused = try await story.old.fail(["backup", "now"], caseName: "backupRolledBack")
        #expect(refused.hasPrefix("the cloud serves backup generation 1, older than generation 2 that this device uploaded and verified"))
        #expect(try story.cloudFiles() == cloud)
        let status = try await story.old.succeed(["backup", "status"])
        #expect(status.contains("reason: backupRolledBack"))
        try await story.old.fail(["backup", "verify"], caseName: "rolledBack")
    }

    @Test func guessingTheRecoveryPasswordIsRefusedAfterTheFifthFailure() async throws {
        let story = try await World()
        let wrong = try story.world.file("wrong-password", "not alice's password\n")
        let new = story.world.device("new")
        try await new.initialise("android")
        for _ in 0..<5 { try await new.fail(story.restore(wrong), caseName: "wrongCredentials") }
        // The right password is refused during the wait…
        let message = try await new.fail(story.restore(), caseName: "tooManyAttempts")
        #expect(message == "too many failed sign-ins: try again in 30 seconds")
        let json = try jsonObject(try await new.run(story.restore(nil, ["--json"])).stdout)
        #expect(json["error"] as? String == "tooManyAttempts")
        #expect(json["retryAfterSeconds"] as? Int == 30)
        // …and so is signing in again for backup on the old device.
        try await story.old.fail(["signin", "--recovery-account", "alice", "--password-file", story.password], caseName: "tooManyAttempts")
        // Once the wait is over the right password restores.
        let later = String(Int(DeviceWorld.now)! + 30)
        try await new.succeed(story.restore(nil, ["--now", later]))
        #expect(try await new.list().count == 1)
    }
}
