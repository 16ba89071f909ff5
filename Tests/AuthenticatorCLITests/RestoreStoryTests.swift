import Foundation
import Testing

/// The whole story through the command line: two devices (two homes) share one cloud and one
/// services folder; the first backs up, the second restores; and every refusal, with the
/// vault and the cloud copy left as they were.
@Suite("authenticator restore story")
struct RestoreStoryTests {
    /// A fixed time for the whole story, so codes can be compared across devices.
    static let now = "1800000000"

    /// An ios device `old` with a third-party, a personal (the recovery account's own, no
    /// push), a personal with push and a work account, backed up to `alice@icloud.com`.
    struct Story {
        let world: DeviceWorld
        let old: Device
        let recoveryPassword: String
        let providerPassword: String
        let github: String
        let ownPersonal: String
        let carol: String
        let work: String

        /// A story of its own: a new world holding a copy of the one story made for
        /// `platform` by the commands of ``init(making:)`` (made once per test run: those 11
        /// commands for each of the 13 tests were a tenth of the CLI suite).
        init(platform: String = "ios") async throws {
            let made = try await Self.made.story(platform)
            world = try DeviceWorld()
            for name in try FileManager.default.contentsOfDirectory(atPath: made.world.root.path) {
                try FileManager.default.copyItem(
                    at: made.world.root.appendingPathComponent(name), to: world.root.appendingPathComponent(name))
            }
            old = world.device(made.old.name)
            recoveryPassword = world.path("recovery-password")
            providerPassword = world.path("provider-password")
            (github, ownPersonal, carol, work) = (made.github, made.ownPersonal, made.carol, made.work)
        }

        /// The stories made so far, one per platform; no command ever runs in their worlds.
        private static let made = MadeStories()

        actor MadeStories {
            private var stories: [String: Task<Story, any Error>] = [:]

            func story(_ platform: String) async throws -> Story {
                if let story = stories[platform] { return try await story.value }
                let story = Task { try await Story(making: platform) }
                stories[platform] = story
                return try await story.value
            }
        }

        /// Makes the story with the commands a user would type.
        private init(making platform: String) async throws {
            world = try DeviceWorld()
            old = world.device("old")
            recoveryPassword = try world.file("recovery-password", "alice's recovery password\n")
            providerPassword = try world.file("provider-password", "provider password\n")
            try await old.initialise(platform)
            try await old.createRecoveryAccount("alice@example.com", passwordFile: recoveryPassword)
            try await old.succeed(["provider", "create-account", "alice@example.com", "--kind", "personal", "--password-file", providerPassword, "--alternate", "alice.alt@example.net"])
            try await old.succeed(["provider", "create-account", "carol@example.com", "--kind", "personal", "--password-file", providerPassword, "--alternate", "carol@example.net", "--alternate", "+1 555 010 1234"])
            try await old.succeed(["provider", "create-account", "alice@contoso.com", "--kind", "work-or-school", "--password-file", providerPassword])
            github = try await old.addThirdParty(issuer: "GitHub", account: "alice", secret: rfcSHA1Secret)
            ownPersonal = try await old.succeed(["add", "--provider-account", "alice@example.com", "--password-file", providerPassword, "--now", RestoreStoryTests.now])
            carol = try await old.succeed(["add", "--provider-account", "carol@example.com", "--password-file", providerPassword, "--push", "--now", RestoreStoryTests.now])
            work = try await old.succeed(["add", "--provider-account", "alice@contoso.com", "--password-file", providerPassword, "--now", RestoreStoryTests.now])
            var enable = ["backup", "enable", "--recovery-account", "alice@example.com", "--password-file", recoveryPassword]
            if platform == "ios" { enable += ["--cloud-identity", "alice@icloud.com"] }
            try await old.succeed(enable)
        }

        /// `restore` on `device` with the story's recovery account (plus `extra` options).
        func restoreArguments(_ extra: [String] = []) -> [String] {
            ["restore", "--recovery-account", "alice@example.com", "--password-file", recoveryPassword, "--now", RestoreStoryTests.now] + extra
        }

        /// The files of the cloud, with their contents, to show it was left as it was.
        func cloudSnapshot() throws -> [String: Data] {
            var files: [String: Data] = [:]
            let enumerator = FileManager.default.enumerator(atPath: world.cloud.path)
            while let path = enumerator?.nextObject() as? String {
                let url = world.cloud.appendingPathComponent(path)
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue, !path.hasSuffix(".lock") {
                    files[path] = try Data(contentsOf: url)
                }
            }
            return files
        }

        /// The device's vault file, to show a refusal did not touch it.
        func vaultBytes(_ device: Device) throws -> Data {
            try Data(contentsOf: device.home.appendingPathComponent("vault.akvs"))
        }
    }

    @Test func aNewDeviceRestoresTheBackupAndShowsTheSameThirdPartyCodes() async throws {
        let story = try await Story()
        let new = story.world.device("new")
        try await new.initialise("ios")
        let output = try await new.succeed(story.restoreArguments(["--cloud-identity", "alice@icloud.com"]))
        #expect(output.split(separator: "\n").map(String.init) == [
            "\(story.github)\tthird-party\tGitHub\talice\trestoredInFull",
            "\(story.ownPersonal)\tpersonal\tAuthenticatorKit ID\talice@example.com\trestoredWithNewDeviceCredential",
            "\(story.carol)\tpersonal\tAuthenticatorKit ID\tcarol@example.com\tneedsVerification:password-and-alternate-contact",
            "\(story.work)\twork-or-school\tcontoso.com\talice@contoso.com\tneedsVerification:provider-qr-code",
        ])
        #expect(try await new.list().map { $0[4] } == [
            "active", "active", "needsVerification:password-and-alternate-contact", "needsVerification:provider-qr-code",
        ])
        // Third party: the same secret, the same codes.
        for time in ["59", "1111111109", RestoreStoryTests.now] {
            #expect(try await new.succeed(["code", story.github, "--time", time]) == (try await story.old.succeed(["code", story.github, "--time", time])))
        }
        #expect(try await new.succeed(["code", story.github, "--time", "59"]) == "287082")
        // The recovery account's own personal account: a new credential, other codes, and
        // the provider accepts both devices'.
        let oldCode = try await story.old.succeed(["code", story.ownPersonal, "--now", RestoreStoryTests.now])
        let newCode = try await new.succeed(["code", story.ownPersonal, "--now", RestoreStoryTests.now])
        #expect(oldCode != newCode)
        for code in [oldCode, newCode] {
            try await new.succeed(["provider", "check", "alice@example.com", "--code", code, "--time", RestoreStoryTests.now])
        }
        // Accounts waiting for verification make no codes yet.
        try await new.fail(["code", story.carol], caseName: "accountNeedsVerification")
        // The new device continues the backup chain from the restored generation; the new
        // credential is a change still to upload.
        let status = try jsonObject(try await new.succeed(["backup", "status", "--json"]))
        #expect(status["state"] as? String == "pending")
        #expect(status["generation"] as? Int == 1)
    }

    @Test func restoreJSONDescribesEveryAccountsOutcome() async throws {
        let story = try await Story()
        let new = story.world.device("new")
        try await new.initialise("ios")
        let json = try jsonObject(try await new.succeed(story.restoreArguments(["--cloud-identity", "alice@icloud.com", "--json"])))
        #expect(json["generation"] as? Int == 1)
        #expect(json["platform"] as? String == "ios")
        let accounts = try #require(json["accounts"] as? [[String: Any]])
        #expect(accounts.map { $0["outcome"] as? String } == ["restoredInFull", "restoredWithNewDeviceCredential", "needsVerification", "needsVerification"])
        #expect(accounts.map { $0["verificationMethod"] as? String } == [nil, nil, "password-and-alternate-contact", "provider-qr-code"])
        #expect(accounts.map { $0["id"] as? String } == [story.github, story.ownPersonal, story.carol, story.work])
    }

    @Test func restoredAccountsAreVerifiedWithPasswordAndCodeOrQRAndBothDevicesCodesAreAccepted() async throws {
        let story = try await Story()
        let new = story.world.device("new")
        try await new.initialise("ios")
        try await new.succeed(story.restoreArguments(["--cloud-identity", "alice@icloud.com"]))
        let now = ["--now", RestoreStoryTests.now]

        // Personal: password, then the contacts on offer, then a code to one of them.
        #expect(try await new.succeed(["verify", story.carol, "--password-file", story.providerPassword] + now) == "c•••@example.net\n•••• 1234")
        #expect(try await new.succeed(["verify", story.carol, "--contact", "+1 555 010 1234"] + now) == "•••• 1234")
        let code = try await new.succeed(["provider", "outbox", "+15550101234"])
        #expect(code.count == 6)
        #expect(try await new.fail(["verify", story.carol, "--code", code == "000000" ? "111111" : "000000"] + now, caseName: "wrongCode") == "wrong code; 4 attempts left")
        #expect(try await new.succeed(["verify", story.carol, "--code", code] + now) == "")
        // Work or school: a QR payload from the organisation.
        let payload = try await new.succeed(["provider", "qr", "alice@contoso.com"] + now)
        #expect(try await new.succeed(["verify", story.work, "--qr", payload] + now) == "")
        try await new.fail(["verify", story.work, "--qr", payload] + now, caseName: "verificationNotNeeded")

        #expect(try await new.list().map { $0[4] } == ["active", "active", "active", "active"])
        for (account, user) in [(story.carol, "carol@example.com"), (story.work, "alice@contoso.com")] {
            let oldCode = try await story.old.succeed(["code", account] + now)
            let newCode = try await new.succeed(["code", account] + now)
            #expect(oldCode != newCode)
            try await new.succeed(["provider", "check", user, "--code", oldCode] + now)
            try await new.succeed(["provider", "check", user, "--code", newCode] + now)
        }
        // Each verification was uploaded.
        let status = try jsonObject(try await new.succeed(["backup", "status", "--json"] + now))
        #expect(status["state"] as? String == "upToDate")
        #expect(status["generation"] as? Int == 3)
    }

    // MARK: Refusals: the vault and the cloud copy stay as they were

    @Test func restoreOntoADeviceWithAccountsIsRefusedWithExistingAccounts() async throws {
        let story = try await Story()
        let new = story.world.device("new")
        try await new.initialise("ios")
        let mine = try await new.addThirdParty(issuer: "Bank", account: "zoe")
        let (vault, cloud) = (try story.vaultBytes(new), try story.cloudSnapshot())
        let message = try await new.fail(story.restoreArguments(["--cloud-identity", "alice@icloud.com"]), caseName: "existingAccounts")
        #expect(message == "this device already has 1 account(s): Bank (zoe). Restore on a device without accounts, or remove these accounts first.")
        #expect(try story.vaultBytes(new) == vault)
        #expect(try story.cloudSnapshot() == cloud)
        #expect(try await new.list().map { $0[0] } == [mine])
    }

    @Test func mergeRestoresOnlyWhatIsMissingAndKeepsTheDevicesAccounts() async throws {
        let story = try await Story()
        let new = story.world.device("new")
        try await new.initialise("ios")
        let mine = try await new.addThirdParty(issuer: "Bank", account: "zoe")
        let duplicate = try await new.addThirdParty(issuer: "GitHub", account: "alice", secret: rfcSHA1Secret)
        let output = try await new.succeed(story.restoreArguments(["--cloud-identity", "alice@icloud.com", "--merge"]))
        #expect(output.split(separator: "\n").first == "\(story.github)\tthird-party\tGitHub\talice\tskippedDuplicate:\(duplicate)")
        #expect(try await new.list().map { $0[0] } == [mine, duplicate, story.ownPersonal, story.carol, story.work])
    }

    @Test func restoreAfterTheBackupWasDeletedIsBackupNotFound() async throws {
        let story = try await Story()
        try await story.old.succeed(["backup", "delete"])
        let new = story.world.device("new")
        try await new.initialise("ios")
        let vault = try story.vaultBytes(new)
        let message = try await new.fail(story.restoreArguments(["--cloud-identity", "alice@icloud.com"]), caseName: "backupNotFound")
        #expect(message.hasSuffix("Turn on backup on the old device if you still have it, or add the accounts again."))
        #expect(try story.vaultBytes(new) == vault)
    }

    @Test func restoreOnTheOtherPlatformIsPlatformMismatchSuggestingAnExport() async throws {
        let story = try await Story()
        let android = story.world.device("android")
        try await android.initialise("android")
        let (vault, cloud) = (try story.vaultBytes(android), try story.cloudSnapshot())
        let message = try await android.fail(story.restoreArguments(), caseName: "platformMismatch")
        #expect(message.hasPrefix("the backup is in the ios cloud, and this is an android device."))
        #expect(message.contains("authenticator export"))
        let json = try await android.run(story.restoreArguments(["--json"]))
        let object = try jsonObject(json.stdout)
        #expect(object["error"] as? String == "platformMismatch")
        #expect(object["backupPlatform"] as? String == "ios")
        #expect(object["devicePlatform"] as? String == "android")
        #expect(try story.vaultBytes(android) == vault)
        #expect(try story.cloudSnapshot() == cloud)
    }

    @Test func restoreSignedInToAnotherAppleIDIsCloudIdentityMismatch() async throws {
        let story = try await Story()
        let new = story.world.device("new")
        try await new.initialise("ios")
        let (vault, cloud) = (try story.vaultBytes(new), try story.cloudSnapshot())
        let message = try await new.fail(story.restoreArguments(["--cloud-identity", "someone.else@icloud.com"]), caseName: "cloudIdentityMismatch")
        #expect(message.hasSuffix("Sign in to iCloud with the Apple ID that the old device used, then try again."))
        try await new.fail(story.restoreArguments(), caseName: "notSignedIn")
        #expect(try story.vaultBytes(new) == vault)
        #expect(try story.cloudSnapshot() == cloud)
    }

    @Test func restoreWithTheCloudOfflineIsNetworkUnavailable() async throws {
        let story = try await Story()
        let new = story.world.device("new")
        try await new.initialise("ios")
        let cloud = try story.cloudSnapshot()
        let offline = ["--cloud", story.world.path("missing-cloud")]
        let result = try await CLI.run(story.restoreArguments(["--cloud-identity", "alice@icloud.com"]) + new.globalOptions + offline, environment: DeviceWorld.environment)
        #expect(result.status == 65)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("error: networkUnavailable: the cloud or the recovery-account service cannot be reached. Check the connection and try again."))
        #expect(try await new.list().isEmpty)
        #expect(try story.cloudSnapshot() == cloud)
    }

    @Test func restoreWithAWrongPasswordOrAnotherRecoveryAccountIsRefused() async throws {
        let story = try await Story()
        let new = story.world.device("new")
        try await new.initialise("ios")
        try await new.fail(["restore", "--recovery-account", "alice@example.com", "--password-file", try story.world.file("wrong", "wrong password"), "--cloud-identity", "alice@icloud.com"], caseName: "wrongCredentials")
        // Bob's recovery account finds no backup of its own in Alice's iCloud… and is told so.
        try await new.createRecoveryAccount("bob", passwordFile: story.recoveryPassword)
        let result = try await new.run(["restore", "--recovery-account", "bob", "--password-file", story.recoveryPassword, "--cloud-identity", "alice@icloud.com"])
        #expect(result.status == 65)
        #expect(result.stderr.hasPrefix("error: wrongRecoveryAccount: ") || result.stderr.hasPrefix("error: backupNotFound: "))
        #expect(try await new.list().isEmpty)
    }

    @Test func aStaleDeviceIsRefusedWhenAnotherHasUploadedSince() async throws {
        let story = try await Story()
        let new = story.world.device("new")
        try await new.initialise("ios")
        try await new.succeed(story.restoreArguments(["--cloud-identity", "alice@icloud.com"]))
        // The new device uploads generation 2; the old one, still at 1, is refused.
        try await new.addThirdParty(issuer: "Bank", account: "new-device")
        let cloud = try story.cloudSnapshot()
        let added = try await story.old.run(["add", "--issuer", "Bank", "--account", "old-device", "--secret", rfcSHA1Secret])
        #expect(added.status == 0)
        #expect(added.stderr.hasPrefix("note: the change was saved but not backed up: generationConflict: "))
        let result = try await CLI.run(["backup", "now", "--json"] + story.old.globalOptions, environment: DeviceWorld.environment)
        #expect(result.status == 65)
        let object = try jsonObject(result.stdout)
        #expect(object["error"] as? String == "generationConflict")
        #expect(object["localGeneration"] as? Int == 1)
        #expect(object["cloudGeneration"] as? Int == 2)
        #expect(try story.cloudSnapshot() == cloud)
    }

    @Test func anAndroidBackupRestoresOnAnotherAndroidDevice() async throws {
        let story = try await Story(platform: "android")
        let new = story.world.device("new")
        try await new.initialise("android")
        let output = try await new.succeed(story.restoreArguments())
        #expect(output.split(separator: "\n").count == 4)
        #expect(try await new.succeed(["code", story.github, "--time", "59"]) == "287082")
        let iphone = story.world.device("iphone")
        try await iphone.initialise("ios")
        let message = try await iphone.fail(story.restoreArguments(["--cloud-identity", "alice@icloud.com"]), caseName: "platformMismatch")
        #expect(message.hasPrefix("the backup is in the android cloud, and this is an ios device."))
    }
}
