import Foundation
import Testing

/// `provider create-account|outbox|qr|check`, `add --provider-account` and the errors of
/// `verify`.
@Suite("authenticator provider and verify")
struct ProviderCommandTests {
    private let now = ["--now", "1800000000"]

    /// A device with provider accounts `alice` (personal) and `bob@contoso.com` (work).
    private func device() async throws -> (world: DeviceWorld, device: Device, password: String) {
        let world = try DeviceWorld()
        let device = world.device("phone")
        try await device.initialise()
        let password = try world.file("password", "provider password\n")
        try await device.createProviderAccount("alice", kind: .personal, passwordFile: password, alternates: ["alice@example.com"])
        try await device.createProviderAccount("bob@contoso.com", kind: .workOrSchool, passwordFile: password)
        return (world, device, password)
    }

    @Test func addingAProviderAccountEnrolsThisDeviceAndTheProviderAcceptsItsCodes() async throws {
        let (_, device, password) = try await device()
        let alice = try await device.succeed(["add", "--provider-account", "alice", "--password-file", password, "--push"] + now)
        let bob = try await device.succeed(["add", "--provider-account", "bob@contoso.com", "--password-file", password] + now)
        #expect(try await device.list() == [
            [alice, "personal", "AuthenticatorKit ID", "alice", "active"],
            [bob, "work-or-school", "contoso.com", "bob@contoso.com", "active"],
        ])
        for (id, user) in [(alice, "alice"), (bob, "bob@contoso.com")] {
            let code = try await device.succeed(["code", id] + now)
            #expect(try await device.succeed(["provider", "check", user, "--code", code] + now) == "")
            // A code from 90 s later is outside the provider's window.
            let later = try await device.succeed(["code", id, "--time", "1800000090"])
            let result = try await device.run(["provider", "check", user, "--code", later] + now)
            #expect(result.status == 1)
            #expect(result.stdout.isEmpty)
            #expect(result.stderr == "no match\n")
        }
    }

    @Test func addingAProviderAccountWithAWrongPasswordIsRefusedAndAddsNothing() async throws {
        let (world, device, password) = try await device()
        let wrong = try world.file("wrong", "not it")
        #expect(try await device.fail(["add", "--provider-account", "alice", "--password-file", wrong], caseName: "wrongPassword") == "wrong password; 4 attempts left")
        // An unknown user name is answered exactly as a wrong password (no user-name probing).
        #expect(try await device.fail(["add", "--provider-account", "nobody", "--password-file", password], caseName: "wrongPassword") == "wrong password; 4 attempts left")
        #expect(try await device.list().isEmpty)
        try await device.succeed(["add", "--provider-account", "alice", "--password-file", password])
        try await device.fail(["add", "--provider-account", "alice", "--password-file", password], caseName: "duplicateAccount")
    }

    @Test func aWorkAccountsOrganisationIsTheEmailDomainUnlessGiven() async throws {
        let (_, device, password) = try await device()
        try await device.succeed(["provider", "create-account", "dana@fabrikam.com", "--kind", "work-or-school", "--password-file", password, "--organisation", "Fabrikam"])
        let id = try await device.succeed(["add", "--provider-account", "dana@fabrikam.com", "--password-file", password])
        #expect(try await device.list().first?[2] == "Fabrikam")
        _ = id
        let message = try await device.fail(["provider", "create-account", "erin", "--kind", "work-or-school", "--password-file", password], caseName: "usage", status: 64)
        #expect(message == "a work-or-school account needs --organisation (USER is not an e-mail address)")
        #expect(try await device.fail(["provider", "create-account", "erin", "--kind", "personal", "--organisation", "X", "--password-file", password], caseName: "usage", status: 64) == "--organisation needs --kind work-or-school")
        #expect(try await device.fail(["provider", "create-account", "erin", "--kind", "third-party", "--password-file", password], caseName: "usage", status: 64) == "--kind must be personal or work-or-school, not 'third-party'")
    }

    @Test func providerSetUpErrorsAreReported() async throws {
        let (_, device, password) = try await device()
        try await device.fail(["provider", "create-account", "ALICE", "--kind", "personal", "--password-file", password], caseName: "accountAlreadyExists")
        try await device.fail(["provider", "create-account", "frank", "--kind", "personal", "--password-file", password, "--alternate", "not a contact"], caseName: "invalidContact")
        try await device.fail(["provider", "outbox", "nobody@example.com"], caseName: "noCodeSent")
        try await device.fail(["provider", "qr", "alice"], caseName: "wrongVerificationMethod")
        try await device.fail(["provider", "qr", "nobody"], caseName: "unknownAccount")
        try await device.fail(["provider", "check", "nobody", "--code", "123456"], caseName: "unknownAccount")
        try await device.fail(["provider", "devices", "nobody"], caseName: "unknownAccount")
        try await device.fail(["provider", "revoke", "nobody", "some-credential", "--password-file", password], caseName: "wrongPassword")
        try await device.fail(["provider", "revoke", "alice", "some-credential", "--password-file", password], caseName: "unknownCredential")
        #expect(try await device.succeed(["provider", "devices", "alice"]) == "")
        #expect(try await device.succeed(["provider", "devices", "alice", "--json"]) == "[]")
    }

    @Test func verifyRefusesAccountsThatNeedNoVerificationAndStepsOutOfTurn() async throws {
        let (world, device, password) = try await device()
        let active = try await device.succeed(["add", "--provider-account", "alice", "--password-file", password])
        try await device.fail(["verify", active, "--password-file", password, "--contact", "alice@example.com"], caseName: "verificationNotNeeded")
        try await device.fail(["verify", active, "--qr", "akenrol1.x"], caseName: "verificationNotNeeded")
        try await device.fail(["verify", "nope", "--code", "123456"], caseName: "accountNotFound")
        let usage: [([String], String)] = [
            (["verify", active], "missing --password-file, --contact, --code or --qr"),
            (["verify", active, "--qr", "x", "--code", "1"], "--qr cannot be used with --code"),
            (["verify", active, "--code", "1", "--contact", "a@b.c"], "--code cannot be used with --contact"),
        ]
        for (arguments, message) in usage {
            #expect(try await device.fail(arguments, caseName: "usage", status: 64) == message)
        }
        _ = world
    }

    @Test func aCodeWithoutAVerificationInProgressIsRefused() async throws {
        let story = try await RestoreStoryTests.Story()
        let new = story.world.device("new")
        try await new.initialise("ios")
        try await new.succeed(story.restoreArguments(["--cloud-identity", "alice@icloud.com"]))
        let message = try await new.fail(["verify", story.carol, "--code", "123456"], caseName: "noVerificationInProgress")
        #expect(message.hasPrefix("no verification of account \(story.carol) is in progress"))
        try await new.fail(["verify", story.carol, "--password-file", try story.world.file("wrong", "wrong")], caseName: "wrongPassword")
        try await new.fail(["verify", story.work, "--password-file", story.providerPassword], caseName: "wrongVerificationMethod")
        try await new.fail(["verify", story.carol, "--qr", "akenrol1.x"], caseName: "wrongVerificationMethod")
        let offered = try await new.fail(["verify", story.carol, "--password-file", story.providerPassword, "--contact", "mallory@example.com"], caseName: "contactNotOffered")
        #expect(offered == "mallory@example.com is not one contact the account offers; it offers c•••@example.net, •••• 1234")
        try await new.fail(["verify", story.work, "--qr", "not a payload"], caseName: "malformedEnrolmentPayload")
        #expect(try await new.list().map { $0[4] }.filter { $0 == "active" }.count == 2)
    }

    @Test func tooManyWrongCodesMakeTheVerificationWaitUntilTheDelayEnds() async throws {
        let story = try await RestoreStoryTests.Story()
        let new = story.world.device("new")
        try await new.initialise("ios")
        try await new.succeed(story.restoreArguments(["--cloud-identity", "alice@icloud.com"]))
        try await new.succeed(["verify", story.carol, "--password-file", story.providerPassword, "--contact", "carol@example.net"])
        let code = try await new.succeed(["provider", "outbox", "carol@example.net"])
        let wrong = code == "000000" ? "111111" : "000000"
        for left in [4, 3, 2, 1] {
            #expect(try await new.fail(["verify", story.carol, "--code", wrong], caseName: "wrongCode") == "wrong code; \(left) attempt\(left == 1 ? "" : "s") left")
        }
        // The fifth wrong code makes every attempt wait a minute (from 2027-01-15T08:00:00Z);
        // even the right code is refused.
        let lockedUntil = "too many wrong attempts; try again after 2027-01-15T08:01:00Z"
        #expect(try await new.fail(["verify", story.carol, "--code", wrong], caseName: "tooManyAttempts") == lockedUntil)
        #expect(try await new.fail(["verify", story.carol, "--code", code], caseName: "tooManyAttempts") == lockedUntil)
        // Once the wait has ended, the verification starts again with the password.
        try await new.fail(["verify", story.carol, "--code", code, "--now", "1800000900"], caseName: "noVerificationInProgress")
        try await new.succeed(["verify", story.carol, "--password-file", story.providerPassword, "--contact", "carol@example.net", "--now", "1800000900"])
        let fresh = try await new.succeed(["provider", "outbox", "carol@example.net"])
        try await new.succeed(["verify", story.carol, "--code", fresh, "--now", "1800000900"])
        #expect(try await new.list().first { $0[0] == story.carol }?[4] == "active")
    }

    // MARK: Issue 11: the provider decides (reproductions 1, 4 and 7, as the attacks)

    @Test func theRecoveryPasswordAloneDoesNotYieldAPushCredentialWhateverTheBackupSays() async throws {
        let world = try DeviceWorld()
        let recoveryPassword = try world.file("recovery-password", "alice's recovery password\n")
        let providerPassword = try world.file("provider-password", "provider password\n")
        // The owner's phone turned push approvals on: the provider recorded it.
        let phone = world.device("phone")
        try await phone.initialise("android")
        try await phone.createRecoveryAccount("alice@example.com", passwordFile: recoveryPassword)
        try await phone.createProviderAccount("alice@example.com", kind: .personal, passwordFile: providerPassword, alternates: ["alice.alt@example.net"])
        try await phone.succeed(["add", "--provider-account", "alice@example.com", "--password-file", providerPassword, "--push"])
        // A backup whose copy of the account says "no push approvals" (what the attacker's
        // edited vault re-sealed by `backup now` says).
        let tablet = world.device("tablet")
        try await tablet.initialise("android")
        let id = try await tablet.succeed(["add", "--provider-account", "alice@example.com", "--password-file", providerPassword])
        try await tablet.enableBackup(recoveryAccount: "alice@example.com", passwordFile: recoveryPassword)

        // The attacker knows only the recovery password.
        let attacker = world.device("attacker")
        try await attacker.initialise("android")
        let restored = try await attacker.succeed(["restore", "--recovery-account", "alice@example.com", "--password-file", recoveryPassword, "--json"])
        let account = try #require((try jsonObject(restored)["accounts"] as? [[String: Any]])?.first)
        #expect(account["id"] as? String == id)
        #expect(account["outcome"] as? String == "needsVerification")
        #expect(account["providerDecision"] as? String == "verify")
        #expect(try await attacker.list().first?[4] == "needsVerification:password-and-alternate-contact")
        // Re-sealing and restoring again gets no more.
        try await attacker.succeed(["backup", "enable", "--recovery-account", "alice@example.com", "--password-file", recoveryPassword])
        try await attacker.succeed(["backup", "now"])
        let again = world.device("attacker-2")
        try await again.initialise("android")
        let second = try await again.succeed(["restore", "--recovery-account", "alice@example.com", "--password-file", recoveryPassword])
        #expect(second.hasSuffix("needsVerification:password-and-alternate-contact"))
        // Only the owner's two devices are known to the provider.
        #expect(try await phone.succeed(["provider", "devices", "alice@example.com"]).split(separator: "\n").count == 2)
    }

    @Test func theProviderAcceptsTheSameCodeOnlyOnce() async throws {
        let (_, device, password) = try await device()
        let alice = try await device.succeed(["add", "--provider-account", "alice", "--password-file", password] + now)
        let code = try await device.succeed(["code", alice] + now)
        #expect(try await device.succeed(["provider", "check", "alice", "--code", code] + now) == "")
        for _ in 0..<2 {
            let replay = try await device.run(["provider", "check", "alice", "--code", code] + now)
            #expect(replay.status == 1)
            #expect(replay.stderr == "no match\n")
        }
        // The next time step's code is accepted.
        let next = try await device.succeed(["code", alice, "--time", "1800000030"])
        #expect(try await device.succeed(["provider", "check", "alice", "--code", next, "--now", "1800000030"]) == "")
    }

    @Test func guessingTheProviderPasswordWaitsForKnownAndUnknownUsersAlike() async throws {
        let (world, device, password) = try await device()
        let wrong = try world.file("wrong", "not it")
        for user in ["alice", "nobody"] {
            for left in [4, 3, 2, 1] {
                #expect(try await device.fail(["add", "--provider-account", user, "--password-file", wrong] + now, caseName: "wrongPassword")
                    == "wrong password; \(left) attempt\(left == 1 ? "" : "s") left")
            }
            let wait = "too many wrong attempts; try again after 2027-01-15T08:01:00Z"
            #expect(try await device.fail(["add", "--provider-account", user, "--password-file", wrong] + now, caseName: "tooManyAttempts") == wait)
        }
        // Even the right password waits; once the delay is over it signs in (no permanent lock).
        try await device.fail(["add", "--provider-account", "alice", "--password-file", password] + now, caseName: "tooManyAttempts")
        try await device.succeed(["add", "--provider-account", "alice", "--password-file", password, "--now", "1800000060"])
    }

    @Test func aLostPhoneIsCutOffAndTheOwnersNewPhoneKeepsWorking() async throws {
        let (world, old, password) = try await device()
        let oldID = try await old.succeed(["add", "--provider-account", "alice", "--password-file", password] + now)
        let new = world.device("new-phone")
        try await new.initialise()
        let newID = try await new.succeed(["add", "--provider-account", "alice", "--password-file", password] + now)

        let listed = try await new.succeed(["provider", "devices", "alice"]).split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
        #expect(listed.count == 2)
        #expect(listed.map { $0.count } == [3, 3])
        #expect(listed.map { $0[2] } == ["-", "this-device"])
        let lostCredential = listed[0][0], newCredential = listed[1][0]
        #expect(try await old.succeed(["provider", "devices", "alice"]).split(separator: "\n").first?.hasSuffix("\tthis-device") == true)
        let json = try await new.succeed(["provider", "devices", "alice", "--json"])
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(objects.map { $0["id"] as? String } == [lostCredential, newCredential])
        #expect(objects.map { $0["thisDevice"] as? Bool } == [false, true])

        // The thief holds the old phone (its credential), not the password: no revocation.
        let guess = try world.file("guess", "guessed")
        try await old.fail(["provider", "revoke", "alice", newCredential, "--password-file", guess], caseName: "wrongPassword")
        // The owner cuts the old phone off from the new one.
        try await new.succeed(["provider", "revoke", "alice", lostCredential, "--password-file", password])
        try await new.fail(["provider", "revoke", "alice", lostCredential, "--password-file", password], caseName: "unknownCredential")
        #expect(try await new.succeed(["provider", "devices", "alice"]).split(separator: "\n").map { String($0.prefix { $0 != "\t" }) } == [newCredential])

        let at = ["--now", "1800000030"]
        let oldCode = try await old.succeed(["code", oldID, "--time", "1800000030"])
        let newCode = try await new.succeed(["code", newID, "--time", "1800000030"])
        if oldCode != newCode {
            let refused = try await old.run(["provider", "check", "alice", "--code", oldCode] + at)
            #expect(refused.status == 1)
        }
        #expect(try await new.succeed(["provider", "check", "alice", "--code", newCode] + at) == "")
    }
}
