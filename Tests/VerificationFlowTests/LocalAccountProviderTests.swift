import BackupServices
import SodiumBridge
import AccountModel
import AuthenticatorKitEmbedded
import AuthenticatorKitTestSupport
import Foundation
import Testing
@testable import VerificationFlow

@Suite("LocalAccountProvider")
struct LocalAccountProviderTests {
    // MARK: Creating accounts

    @Test func aCreatedAccountIsFoundByItsUserNameIgnoringCase() async throws {
        let world = try await VerificationWorld.make()
        let found = try #require(try await world.provider.account(named: "BOB@Contoso.com"))
        #expect(found == world.bob)
        #expect(found.kind == .workOrSchool)
        #expect(found.organisation == "Contoso")
        #expect(world.alice.organisation == nil)
        #expect(try await world.provider.account(named: "nobody") == nil)
    }

    @Test func aDuplicateUserNameIsRefusedIgnoringCase() async throws {
        let world = try await VerificationWorld.make()
        await #expect(throws: LocalAccountProviderError.accountAlreadyExists(userName: "ALICE")) {
            try await world.provider.createAccount(userName: "ALICE", kind: .personal, password: password("x"))
        }
    }

    @Test func aThirdPartyAccountIsRefused() async throws {
        let world = try await VerificationWorld.make()
        await #expect(throws: LocalAccountProviderError.invalidAccount(reason: "a provider holds personal or work-or-school accounts only")) {
            try await world.provider.createAccount(userName: "gh", kind: .thirdParty, password: password("x"))
        }
    }

    @Test func aWorkAccountWithoutOrganisationIsRefused() async throws {
        let world = try await VerificationWorld.make()
        await #expect(throws: LocalAccountProviderError.invalidAccount(reason: "a work or school account needs an organisation")) {
            try await world.provider.createAccount(userName: "w", kind: .workOrSchool, organisation: " ", password: password("x"))
        }
    }

    @Test func aPersonalAccountWithAnOrganisationIsRefused() async throws {
        let world = try await VerificationWorld.make()
        await #expect(throws: LocalAccountProviderError.invalidAccount(reason: "a personal account has no organisation")) {
            try await world.provider.createAccount(userName: "p", kind: .personal, organisation: "Contoso", password: password("x"))
        }
    }

    @Test func anEmptyUserNameOrPasswordIsRefused() async throws {
        let world = try await VerificationWorld.make()
        await #expect(throws: LocalAccountProviderError.invalidAccount(reason: "the user name is empty")) {
            try await world.provider.createAccount(userName: "  ", kind: .personal, password: password("x"))
        }
        await #expect(throws: LocalAccountProviderError.emptyPassword) {
            try await world.provider.createAccount(userName: "p", kind: .personal, password: SecureBytes(copying: []))
        }
    }

    // MARK: What is stored

    @Test func passwordsAreStoredOnlyAsArgon2idVerifiersInAnOwnerOnlyFile() async throws {
        let world = try await VerificationWorld.make()
        let file = world.directory.appendingPathComponent("accounts.json")
        let text = String(decoding: try Data(contentsOf: file), as: UTF8.self)
        #expect(!text.contains(VerificationWorld.alicePassword))
        #expect(!text.contains(Data(VerificationWorld.alicePassword.utf8).base64EncodedString()))
        let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    }

    @Test func theStoreNeverHoldsAVerificationTicket() async throws {
        let world = try await VerificationWorld.make()
        let flow = try await world.alicesFlow(upTo: "codeSent")
        let ticket = try #require(flow.snapshot.ticket?.value)
        let text = String(decoding: try Data(contentsOf: world.directory.appendingPathComponent("accounts.json")), as: UTF8.self)
        #expect(!text.contains(ticket))
    }

    @Test func aDamagedStoreIsReportedByAdministrationAndAsUnavailableByTheProtocolsAndLeftAsItWas() async throws {
        let directory = VerificationTestSupport.temporaryDirectory("damaged")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("accounts.json")
        try Data("{not json".utf8).write(to: file)
        let provider = LocalAccountProvider(directory: directory, passwordHashing: .testing)
        await #expect(throws: LocalAccountProviderError.storageDamaged(path: file.path)) {
            try await provider.createAccount(userName: "x", kind: .personal, password: password("x"))
        }
        let unavailable = VerificationError.providerUnavailable(reason: LocalAccountProviderError.storageDamaged(path: file.path).message)
        await #expect(throws: unavailable) {
            _ = try await provider.credentialIDs(for: "anything")
        }
        await #expect(throws: unavailable) {
            _ = try await provider.signIn(userName: "x", password: password("x"))
        }
        #expect(try Data(contentsOf: file) == Data("{not json".utf8))
    }

    @Test func aDirectoryThatCannotBeCreatedIsAStorageFailureOfAdministrationAndMakesTheProviderUnavailable() async throws {
        let blocker = VerificationTestSupport.temporaryDirectory("blocker")
        try Data("a file, not a folder".utf8).write(to: blocker)
        let provider = LocalAccountProvider(directory: blocker.appendingPathComponent("provider"), passwordHashing: .testing)
        do {
            try await provider.createAccount(userName: "x", kind: .personal, password: password("x"))
            Issue.record("an account was created under a file")
        } catch {
            #expect(error.caseName == "storageFailure")
        }
        let credential = CredentialEnrolment(DeviceCredential(createdAt: Date(), using: DeterministicRandom(seed: "blocked")))
        do {
            try await provider.enrol(credential, for: "anything", grant: EnrolmentGrant(value: "anything"))
            Issue.record("a credential was enrolled under a file")
        } catch {
            #expect(error.caseName == "providerUnavailable")
        }
    }

    // MARK: Persistence across instances

    @Test func accountsCredentialsAndCodesPersistAcrossInstances() async throws {
        let world = try await VerificationWorld.make()
        let credential = try await world.oldDeviceCredential(for: world.alice)
        let reopened = world.reopenedProvider()
        #expect(try await reopened.account(named: "alice") == world.alice)
        #expect(try await reopened.credentialIDs(for: world.alice.reference) == [credential.id])
        let code = VerificationTestSupport.code(of: credential, at: world.clock.now())
        #expect(try await reopened.acceptsCode(code, for: world.alice.reference))
    }

    @Test func theOutboxAndWaitsPersistAcrossInstances() async throws {
        let world = try await VerificationWorld.make(limits: VerificationLimits(passwordAttempts: 1, lockoutDuration: 60))
        _ = try await world.alicesFlow(upTo: "codeSent")
        let code = try await world.provider.lastCode(sentTo: VerificationWorld.aliceEmail)
        #expect(code != nil)
        #expect(try await world.reopenedProvider().lastCode(sentTo: VerificationWorld.aliceEmail) == code)

        await #expect(throws: VerificationError.tooManyAttempts(retryAfter: world.clock.now().addingTimeInterval(60))) {
            _ = try await world.provider.checkPassword(password("wrong"), for: world.alice.reference)
        }
        await #expect(throws: VerificationError.tooManyAttempts(retryAfter: world.clock.now().addingTimeInterval(60))) {
            _ = try await world.reopenedProvider().checkPassword(password(VerificationWorld.alicePassword), for: world.alice.reference)
        }
    }

    @Test func aUsedPayloadStaysUsedAcrossInstances() async throws {
        let world = try await VerificationWorld.make()
        let payload = try await world.provider.qrPayload(for: world.bob.reference)
        _ = try await world.provider.checkEnrolmentPayload(payload, for: world.bob.reference, organisation: "Contoso")
        await #expect(throws: VerificationError.enrolmentPayloadAlreadyUsed) {
            _ = try await world.reopenedProvider().checkEnrolmentPayload(payload, for: world.bob.reference, organisation: "Contoso")
        }
    }

    // MARK: Outbox

    @Test func theOutboxFindsAContactWrittenAnotherWay() async throws {
        let world = try await VerificationWorld.make()
        var flow = try await world.alicesFlow(upTo: "chooseContact")
        guard case let .chooseContact(contacts) = flow.step else { return }
        try await flow.sendCode(to: contacts[1])
        let code = try await world.provider.lastCode(sentTo: "+15550101234")
        #expect(code != nil)
        #expect(try await world.provider.lastCode(sentTo: "+1 (555) 010-1234") == code)
        #expect(try await world.provider.lastCode(sentTo: "ALICE@example.com") == nil)
    }

    @Test func readingTheOutboxOfSomethingThatIsNoContactIsRefused() async throws {
        let world = try await VerificationWorld.make()
        await #expect(throws: LocalAccountProviderError.invalidContact("nobody")) {
            _ = try await world.provider.lastCode(sentTo: "nobody")
        }
    }

    // MARK: Service rules

    @Test func anUnknownAccountIsReportedByThePasswordCheck() async throws {
        let world = try await VerificationWorld.make()
        await #expect(throws: VerificationError.unknownAccount) {
            _ = try await world.provider.checkPassword(password("x"), for: "no-such-reference")
        }
    }

    @Test func aNewPasswordCheckReplacesTheEarlierVerification() async throws {
        let world = try await VerificationWorld.make()
        let first = try await world.provider.checkPassword(password(VerificationWorld.alicePassword), for: world.alice.reference)
        let second = try await world.provider.checkPassword(password(VerificationWorld.alicePassword), for: world.alice.reference)
        #expect(first.ticket != second.ticket)
        await #expect(throws: VerificationError.verificationExpired) {
            _ = try await world.provider.sendCode(to: first.contacts[0], ticket: first.ticket)
        }
        _ = try await world.provider.sendCode(to: second.contacts[0], ticket: second.ticket)
    }

    @Test func checkingACodeBeforeOneWasSentIsRefused() async throws {
        let world = try await VerificationWorld.make()
        let check = try await world.provider.checkPassword(password(VerificationWorld.alicePassword), for: world.alice.reference)
        await #expect(throws: VerificationError.noCodeSent) { try await world.provider.checkCode("123456", ticket: check.ticket) }
    }

    @Test func theServiceRefusesAnExpiredCodeWithoutCountingIt() async throws {
        let world = try await VerificationWorld.make(limits: VerificationLimits(codeAttempts: 1))
        let check = try await world.provider.checkPassword(password(VerificationWorld.alicePassword), for: world.alice.reference)
        _ = try await world.provider.sendCode(to: check.contacts[0], ticket: check.ticket)
        let code = try #require(try await world.provider.lastCode(sentTo: VerificationWorld.aliceEmail))
        world.clock.advance(by: world.limits.codeLifetime)
        await #expect(throws: VerificationError.codeExpired) { try await world.provider.checkCode(code, ticket: check.ticket) }
        await #expect(throws: VerificationError.codeExpired) { try await world.provider.checkCode(code, ticket: check.ticket) }
    }

    @Test func aWaitEndsAfterItsDurationAndEachFurtherFailureWaitsLongerUpToTheMaximum() async throws {
        let limits = VerificationLimits(passwordAttempts: 2, lockoutDuration: 120, maximumDelay: 300)
        let world = try await VerificationWorld.make(limits: limits)
        _ = try? await world.provider.checkPassword(password("wrong"), for: world.alice.reference)
        _ = try? await world.provider.checkPassword(password("wrong"), for: world.alice.reference)
        world.clock.advance(by: 120)
        // The wait is over; the next failure within the window waits twice as long…
        await #expect(throws: VerificationError.tooManyAttempts(retryAfter: world.clock.now().addingTimeInterval(240))) {
            _ = try await world.provider.checkPassword(password("wrong"), for: world.alice.reference)
        }
        world.clock.advance(by: 240)
        // …and the one after that no longer than the maximum.
        await #expect(throws: VerificationError.tooManyAttempts(retryAfter: world.clock.now().addingTimeInterval(300))) {
            _ = try await world.provider.checkPassword(password("wrong"), for: world.alice.reference)
        }
        // Once the failures have left the window, the count starts again.
        world.clock.advance(by: limits.attemptWindow)
        await #expect(throws: VerificationError.wrongPassword(attemptsRemaining: 1)) {
            _ = try await world.provider.checkPassword(password("wrong"), for: world.alice.reference)
        }
        _ = try await world.provider.checkPassword(password(VerificationWorld.alicePassword), for: world.alice.reference)
    }

    @Test func aRightPasswordResetsTheCountOfWrongOnes() async throws {
        let world = try await VerificationWorld.make(limits: VerificationLimits(passwordAttempts: 2))
        _ = try? await world.provider.checkPassword(password("wrong"), for: world.alice.reference)
        _ = try await world.provider.checkPassword(password(VerificationWorld.alicePassword), for: world.alice.reference)
        await #expect(throws: VerificationError.wrongPassword(attemptsRemaining: 1)) {
            _ = try await world.provider.checkPassword(password("wrong"), for: world.alice.reference)
        }
    }

    @Test func aPersonalAccountHasNoQRPayload() async throws {
        let world = try await VerificationWorld.make()
        await #expect(throws: LocalAccountProviderError.wrongVerificationMethod(required: .passwordAndAlternateContact)) {
            _ = try await world.provider.qrPayload(for: world.alice.reference)
        }
    }

    @Test func administrationFindsAccountsByUserNameForQRPayloadsAndCodeChecks() async throws {
        let world = try await VerificationWorld.make()
        let payload = try await world.provider.qrPayload(forUserNamed: "BOB@contoso.com")
        _ = try await world.provider.checkEnrolmentPayload(payload, for: world.bob.reference, organisation: "Contoso")
        let credential = try await world.oldDeviceCredential(for: world.bob)
        let code = VerificationTestSupport.code(of: credential, at: world.clock.now())
        #expect(try await world.provider.acceptsCode(code, forUserNamed: "bob@contoso.com"))
        #expect(try await world.provider.acceptsCode("12", forUserNamed: "bob@contoso.com") == false)
        await #expect(throws: LocalAccountProviderError.unknownAccount) {
            _ = try await world.provider.qrPayload(forUserNamed: "nobody")
        }
        await #expect(throws: LocalAccountProviderError.unknownAccount) {
            _ = try await world.provider.acceptsCode(code, forUserNamed: "nobody")
        }
    }

    @Test func administrationErrorsNameTheirCases() {
        let errors: [LocalAccountProviderError] = [
            .accountAlreadyExists(userName: "a"), .invalidAccount(reason: "r"), .emptyPassword, .unknownAccount,
            .wrongVerificationMethod(required: .passwordAndAlternateContact), .invalidContact("x"),
            .invalidPasswordHashingCost, .storageFailure("s"), .storageDamaged(path: "/p"),
        ]
        #expect(errors.map(\.caseName) == [
            "accountAlreadyExists", "invalidAccount", "emptyPassword", "unknownAccount", "wrongVerificationMethod",
            "invalidContact", "invalidPasswordHashingCost", "storageFailure", "storageDamaged",
        ])
        for error in errors {
            #expect(String(describing: error).hasPrefix(error.caseName))
            #expect(!error.message.isEmpty)
        }
    }

    @Test func aPayloadIsRefusedForAnAccountTheProviderDoesNotKnow() async throws {
        let world = try await VerificationWorld.make()
        let payload = try await world.provider.qrPayload(for: world.bob.reference)
        await #expect(throws: VerificationError.enrolmentPayloadForAnotherAccount) {
            _ = try await world.provider.checkEnrolmentPayload(payload, for: "someone-else", organisation: "Contoso")
        }
    }

    // MARK: Credentials

    @Test func aMalformedCredentialIsRefused() async throws {
        let world = try await VerificationWorld.make()
        let seed = SecureBytes(randomCount: 20)
        let cases: [(CredentialEnrolment, String)] = [
            (CredentialEnrolment(credentialID: "", publicKey: Array(repeating: 1, count: 32), otpSeed: seed),
             "the identifier must have 1 to 128 characters"),
            (CredentialEnrolment(credentialID: "k", publicKey: [1, 2, 3], otpSeed: seed),
             "the public key must be 32 bytes"),
            (CredentialEnrolment(credentialID: "s", publicKey: Array(repeating: 1, count: 32), otpSeed: SecureBytes(copying: [1, 2])),
             "the OTP seed must be at least 16 bytes"),
            (CredentialEnrolment(credentialID: "d", publicKey: Array(repeating: 1, count: 32), otpSeed: seed, digits: 4),
             "codes must have 6 to 10 digits"),
            (CredentialEnrolment(credentialID: "p", publicKey: Array(repeating: 1, count: 32), otpSeed: seed, period: 0),
             "the time step must be at least one second"),
        ]
        for (credential, reason) in cases {
            await #expect(throws: VerificationError.invalidCredential(reason: reason)) {
                try await world.provider.enrol(credential, for: world.alice.reference, grant: world.provider.issueTemporaryAccessPass(for: world.alice.reference))
            }
        }
        #expect(try await world.provider.credentialIDs(for: world.alice.reference).isEmpty)
    }

    @Test func aCodeThatIsNotDigitsIsNotAccepted() async throws {
        let world = try await VerificationWorld.make()
        _ = try await world.oldDeviceCredential(for: world.alice)
        for code in ["", "12345a", "１２３４５６", "1234567"] {
            #expect(try await world.provider.acceptsCode(code, for: world.alice.reference) == false)
        }
    }

    @Test func theSameCredentialMayBeEnrolledForTwoAccountsWithoutRevealingEither() async throws {
        let world = try await VerificationWorld.make()
        let credential = try await world.oldDeviceCredential(for: world.alice)
        try await world.provider.enrol(CredentialEnrolment(credential), for: world.bob.reference, grant: world.provider.issueTemporaryAccessPass(for: world.bob.reference))
        #expect(try await world.provider.credentialIDs(for: world.bob.reference) == [credential.id])
    }

    @Test func aCredentialEnrolmentNeverPrintsItsSeed() {
        let credential = DeviceCredential(createdAt: Date(), using: DeterministicRandom(seed: "print"))
        let enrolment = CredentialEnrolment(credential)
        let seedHex = credential.generator.secret.copyBytes().map { String(format: "%02x", $0) }.joined()
        var dumped = ""
        dump(enrolment, to: &dumped)
        #expect(!dumped.contains(seedHex))
        #expect("\(enrolment)" == "CredentialEnrolment(\(credential.id))")
        #expect(enrolment.digits == 6 && enrolment.period == 30 && enrolment.algorithm == .sha1)
    }

    // MARK: Grants (issue 11, reproduction 2)

    @Test func aGrantExpiresAfterItsLifetimeAndIsUsedOnlyOnce() async throws {
        let world = try await VerificationWorld.make()
        let signedIn = try await world.provider.signIn(userName: "alice", password: password(VerificationWorld.alicePassword))
        world.clock.advance(by: world.limits.grantLifetime)
        let late = CredentialEnrolment(DeviceCredential(createdAt: world.clock.now(), using: DeterministicRandom(seed: "late")))
        await #expect(throws: VerificationError.enrolmentGrantExpired) {
            try await world.provider.enrol(late, for: world.alice.reference, grant: signedIn.grant)
        }
        let fresh = try await world.provider.signIn(userName: "alice", password: password(VerificationWorld.alicePassword))
        try await world.provider.enrol(late, for: world.alice.reference, grant: fresh.grant)
        let again = CredentialEnrolment(DeviceCredential(createdAt: world.clock.now(), using: DeterministicRandom(seed: "again")))
        await #expect(throws: VerificationError.enrolmentGrantAlreadyUsed) {
            try await world.provider.enrol(again, for: world.alice.reference, grant: fresh.grant)
        }
        #expect(try await world.provider.credentialIDs(for: world.alice.reference).count == 1)
    }

    @Test func theGrantsOfAProofEnrolOnlyTheirOwnAccount() async throws {
        let world = try await VerificationWorld.make()
        let payload = try await world.provider.qrPayload(for: world.bob.reference)
        let grant = try await world.provider.checkEnrolmentPayload(payload, for: world.bob.reference, organisation: "Contoso")
        let credential = CredentialEnrolment(DeviceCredential(createdAt: world.clock.now(), using: DeterministicRandom(seed: "dana?")))
        await #expect(throws: VerificationError.enrolmentGrantForAnotherAccount) {
            try await world.provider.enrol(credential, for: world.dana.reference, grant: grant)
        }
        try await world.provider.enrol(credential, for: world.bob.reference, grant: grant)
    }

    @Test func theStoreKeepsOnlyAHashOfEachGrant() async throws {
        let world = try await VerificationWorld.make()
        let signedIn = try await world.provider.signIn(userName: "alice", password: password(VerificationWorld.alicePassword))
        let stored = try String(decoding: Data(contentsOf: world.directory.appendingPathComponent("accounts.json")), as: UTF8.self)
        #expect(!stored.contains(signedIn.grant.value))
        #expect("\(signedIn.grant)" == "EnrolmentGrant(redacted)")
    }

    // MARK: Restore decisions (issue 11, reproduction 1)

    @Test func withoutTrustInARecoveryServiceEveryRestoreAsksForVerification() async throws {
        let world = try await VerificationWorld.make()
        let forged = RecoveryIdentityAssertion(bytes: Array("akrid1.e30.AAAA".utf8))
        #expect(try await world.provider.restoreRequirement(for: world.alice.reference, recoverySignIn: forged)
            == .verify(.passwordAndAlternateContact))
        #expect(try await world.provider.restoreRequirement(for: world.bob.reference, recoverySignIn: nil) == .verify(.providerQRCode))
    }

    @Test func anExpiredRecoverySignInAsksForVerification() async throws {
        let world = try await VerificationWorld.make()
        let services = VerificationTestSupport.temporaryDirectory("recovery")
        try FileManager.default.createDirectory(at: services, withIntermediateDirectories: true)
        let recovery = LocalRecoveryAccountService(directory: services, clock: world.clock, passwordHashing: .testing)
        try await recovery.createAccount(userName: "alice", password: password("recovery password"))
        let session = try await recovery.signIn(userName: "alice", password: password("recovery password"))
        let provider = LocalAccountProvider(
            directory: world.directory, clock: world.clock, passwordHashing: .testing, recoveryIdentityTrust: .service(recovery))
        world.clock.advance(by: LocalRecoveryAccountService.identityAssertionLifetime)
        #expect(try await provider.restoreRequirement(for: world.alice.reference, recoverySignIn: session.identityAssertion)
            == .verify(.passwordAndAlternateContact))
        // A console that gives the account to another recovery identity makes the owner's
        // sign-in no longer enough.
        let fresh = try await recovery.signIn(userName: "alice", password: password("recovery password"))
        guard case .enrolNow = try await provider.restoreRequirement(for: world.alice.reference, recoverySignIn: fresh.identityAssertion) else {
            Issue.record("the owner's fresh sign-in was not enough")
            return
        }
        try await provider.setRecoveryAccount("someone-else", forUserNamed: "alice")
        #expect(try await provider.restoreRequirement(for: world.alice.reference, recoverySignIn: fresh.identityAssertion)
            == .verify(.passwordAndAlternateContact))
    }
}
