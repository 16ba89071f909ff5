import SodiumBridge
import AuthenticatorKitEmbedded
import AuthenticatorKitTestSupport
import Foundation
import Testing
@testable import VerificationFlow

@Suite("PersonalVerification")
struct PersonalVerificationTests {
    // MARK: Starting

    @Test func aFlowStartsAtEnterPassword() async throws {
        let world = try await VerificationWorld.make()
        let flow = try PersonalVerification(for: world.restoredAccount(world.alice), service: world.provider, clock: world.clock)
        #expect(flow.step == .enterPassword)
        #expect(flow.proof == nil)
    }

    @Test func aFlowForAnActiveAccountIsRefused() async throws {
        let world = try await VerificationWorld.make()
        var account = world.restoredAccount(world.alice)
        account.updateProviderDetails { $0.device = .awaitingEnrolment }
        #expect(throws: VerificationError.verificationNotNeeded) {
            try PersonalVerification(for: account, service: world.provider, clock: world.clock)
        }
    }

    @Test func aFlowForAnAccountWaitingForAQRCodeIsRefused() async throws {
        let world = try await VerificationWorld.make()
        #expect(throws: VerificationError.wrongVerificationMethod(required: .providerQRCode)) {
            try PersonalVerification(for: world.restoredAccount(world.bob), service: world.provider, clock: world.clock)
        }
    }

    @Test func aFlowForAnAccountWithoutProviderReferenceIsRefused() async throws {
        let world = try await VerificationWorld.make()
        var account = world.restoredAccount(world.alice)
        account.updateProviderDetails { $0.reference = nil }
        #expect(throws: VerificationError.missingProviderAccount) {
            try PersonalVerification(for: account, service: world.provider, clock: world.clock)
        }
    }

    // MARK: enterPassword → chooseContact

    @Test func theRightPasswordMovesToChooseContactWithMaskedContacts() async throws {
        let world = try await VerificationWorld.make()
        let flow = try await world.alicesFlow(upTo: "chooseContact")
        guard case let .chooseContact(contacts) = flow.step else {
            Issue.record("expected chooseContact, got \(flow.step.name)")
            return
        }
        #expect(contacts.map(\.maskedValue) == ["a•••@example.com", "•••• 1234"])
        #expect(contacts.map(\.kind) == [.email, .phone])
        for contact in contacts {
            #expect(!contact.maskedValue.contains("alice"))
            #expect(!contact.maskedValue.contains("555"))
        }
    }

    @Test func aWrongPasswordStaysAtEnterPasswordAndSaysTheAttemptsLeft() async throws {
        let world = try await VerificationWorld.make()
        var flow = try await world.alicesFlow(upTo: "enterPassword")
        await #expect(throws: VerificationError.wrongPassword(attemptsRemaining: 4)) {
            try await flow.submitPassword(password("wrong"))
        }
        #expect(flow.step == .enterPassword)
        await #expect(throws: VerificationError.wrongPassword(attemptsRemaining: 3)) {
            try await flow.submitPassword(password("still wrong"))
        }
    }

    @Test func anEmptyPasswordIsRefusedWithoutCountingAnAttempt() async throws {
        let world = try await VerificationWorld.make()
        var flow = try await world.alicesFlow(upTo: "enterPassword")
        await #expect(throws: VerificationError.emptyPassword) {
            try await flow.submitPassword(SecureBytes(copying: []))
        }
        await #expect(throws: VerificationError.wrongPassword(attemptsRemaining: 4)) {
            try await flow.submitPassword(password("wrong"))
        }
    }

    @Test func anAccountWithoutAlternateContactStaysAtEnterPassword() async throws {
        let world = try await VerificationWorld.make()
        let lonely = try await world.provider.createAccount(userName: "lonely", kind: .personal, password: password("pw"))
        var flow = try PersonalVerification(for: world.restoredAccount(lonely), service: world.provider, clock: world.clock)
        await #expect(throws: VerificationError.noAlternateContact) { try await flow.submitPassword(password("pw")) }
        #expect(flow.step == .enterPassword)
    }

    // MARK: Password limit and lock

    @Test func tooManyWrongPasswordsLockTheFlowUntilTheLockEnds() async throws {
        let world = try await VerificationWorld.make(limits: VerificationLimits(passwordAttempts: 3, lockoutDuration: 600))
        var flow = try await world.alicesFlow(upTo: "enterPassword")
        let lockEnds = world.clock.now().addingTimeInterval(600)
        _ = try? await flow.submitPassword(password("wrong 1"))
        _ = try? await flow.submitPassword(password("wrong 2"))
        await #expect(throws: VerificationError.tooManyAttempts(retryAfter: lockEnds)) {
            try await flow.submitPassword(password("wrong 3"))
        }
        #expect(flow.step == .locked(until: lockEnds))
    }

    @Test func aLockedAccountRefusesEvenTheRightPasswordUntilTheLockEnds() async throws {
        let world = try await VerificationWorld.make(limits: VerificationLimits(passwordAttempts: 1, lockoutDuration: 600))
        var first = try await world.alicesFlow(upTo: "enterPassword")
        let lockEnds = world.clock.now().addingTimeInterval(600)
        _ = try? await first.submitPassword(password("wrong"))
        // A new flow does not reset the count: the service keeps the lock.
        var second = try await world.alicesFlow(upTo: "enterPassword")
        world.clock.advance(by: 599)
        await #expect(throws: VerificationError.tooManyAttempts(retryAfter: lockEnds)) {
            try await second.submitPassword(password(VerificationWorld.alicePassword))
        }
        world.clock.advance(by: 1)
        var third = try await world.alicesFlow(upTo: "enterPassword")
        try await third.submitPassword(password(VerificationWorld.alicePassword))
        #expect(third.step.name == "chooseContact")
    }

    @Test func resumingAfterTheLockReturnsToEnterPasswordOnlyOnceItEnds() async throws {
        let world = try await VerificationWorld.make(limits: VerificationLimits(passwordAttempts: 1, lockoutDuration: 300))
        var flow = try await world.alicesFlow(upTo: "enterPassword")
        let lockEnds = world.clock.now().addingTimeInterval(300)
        _ = try? await flow.submitPassword(password("wrong"))
        #expect(throws: VerificationError.tooManyAttempts(retryAfter: lockEnds)) { try flow.resumeAfterLock() }
        await #expect(throws: VerificationError.tooManyAttempts(retryAfter: lockEnds)) {
            try await flow.submitPassword(password(VerificationWorld.alicePassword))
        }
        world.clock.advance(by: 300)
        try flow.resumeAfterLock()
        #expect(flow.step == .enterPassword)
        try await flow.submitPassword(password(VerificationWorld.alicePassword))
        #expect(flow.step.name == "chooseContact")
    }

    // MARK: chooseContact → codeSent → enterCode

    @Test func sendingACodeMovesToCodeSentAndPutsTheCodeInTheOutbox() async throws {
        let world = try await VerificationWorld.make()
        let sentAt = world.clock.now()
        let flow = try await world.alicesFlow(upTo: "codeSent")
        guard case let .codeSent(delivery) = flow.step else {
            Issue.record("expected codeSent, got \(flow.step.name)")
            return
        }
        #expect(delivery.contact.maskedValue == "a•••@example.com")
        #expect(delivery.sentAt == sentAt)
        #expect(delivery.expiresAt == sentAt.addingTimeInterval(world.limits.codeLifetime))
        #expect(delivery.resendAvailableAt == sentAt.addingTimeInterval(world.limits.resendCooldown))
        let code = try #require(try await world.provider.lastCode(sentTo: VerificationWorld.aliceEmail))
        #expect(code.count == 6 && code.allSatisfy(\.isNumber))
        #expect(try await world.provider.lastCode(sentTo: VerificationWorld.alicePhone) == nil)
    }

    @Test func aContactThatWasNotOfferedIsRefused() async throws {
        let world = try await VerificationWorld.make()
        var flow = try await world.alicesFlow(upTo: "chooseContact")
        let invented = MaskedContact(id: "99", kind: .email, maskedValue: "m•••@example.com")
        await #expect(throws: VerificationError.unknownContact) { try await flow.sendCode(to: invented) }
        #expect(flow.step.name == "chooseContact")
    }

    @Test func continuingToCodeEntryMovesToEnterCodeWithTheSameDelivery() async throws {
        let world = try await VerificationWorld.make()
        var flow = try await world.alicesFlow(upTo: "codeSent")
        guard case let .codeSent(delivery) = flow.step else {
            Issue.record("expected codeSent")
            return
        }
        try flow.continueToCodeEntry()
        #expect(flow.step == .enterCode(delivery))
    }

    // MARK: enterCode → verified

    @Test func theRightCodeMovesToVerifiedWithAProofForTheAccount() async throws {
        let world = try await VerificationWorld.make()
        let account = world.restoredAccount(world.alice)
        let flow = try await world.alicesFlow(upTo: "verified", account: account)
        let proof = try #require(flow.proof)
        #expect(flow.step == .verified(proof))
        #expect(proof.accountID == account.id)
        #expect(proof.providerAccount == world.alice.reference)
        #expect(proof.evidence == .passwordAndCode)
        #expect(proof.verifiedAt == world.clock.now())
    }

    @Test func spacesInTheTypedCodeAreIgnored() async throws {
        let world = try await VerificationWorld.make()
        var flow = try await world.alicesFlow(upTo: "enterCode")
        let code = try #require(try await world.provider.lastCode(sentTo: VerificationWorld.aliceEmail))
        try await flow.submitCode("\(code.prefix(3)) \(code.dropFirst(3))")
        #expect(flow.proof != nil)
    }

    @Test func aWrongCodeStaysAtEnterCodeAndSaysTheAttemptsLeft() async throws {
        let world = try await VerificationWorld.make()
        var flow = try await world.alicesFlow(upTo: "enterCode")
        let before = flow.step
        let code = try #require(try await world.provider.lastCode(sentTo: VerificationWorld.aliceEmail))
        await #expect(throws: VerificationError.wrongCode(attemptsRemaining: 4)) {
            try await flow.submitCode(code == "000000" ? "111111" : "000000")
        }
        #expect(flow.step == before)
        try await flow.submitCode(code)
        #expect(flow.proof != nil)
    }

    @Test func tooManyWrongCodesLockTheFlow() async throws {
        let world = try await VerificationWorld.make(limits: VerificationLimits(codeAttempts: 2, lockoutDuration: 900))
        var flow = try await world.alicesFlow(upTo: "enterCode")
        let code = try #require(try await world.provider.lastCode(sentTo: VerificationWorld.aliceEmail))
        let wrong = code == "000000" ? "111111" : "000000"
        let lockEnds = world.clock.now().addingTimeInterval(900)
        await #expect(throws: VerificationError.wrongCode(attemptsRemaining: 1)) { try await flow.submitCode(wrong) }
        await #expect(throws: VerificationError.tooManyAttempts(retryAfter: lockEnds)) { try await flow.submitCode(wrong) }
        #expect(flow.step == .locked(until: lockEnds))
        // The lock ended the verification: after it, the user starts again from the password.
        world.clock.advance(by: 900)
        try flow.resumeAfterLock()
        #expect(flow.step == .enterPassword)
    }

    @Test func anExpiredCodeIsRefusedAndTheFlowStaysAtEnterCode() async throws {
        let world = try await VerificationWorld.make()
        var flow = try await world.alicesFlow(upTo: "enterCode")
        let before = flow.step
        let code = try #require(try await world.provider.lastCode(sentTo: VerificationWorld.aliceEmail))
        world.clock.advance(by: world.limits.codeLifetime)
        await #expect(throws: VerificationError.codeExpired) { try await flow.submitCode(code) }
        #expect(flow.step == before)
    }

    // MARK: Resend

    @Test func resendingBeforeTheCooldownIsRefused() async throws {
        let world = try await VerificationWorld.make()
        var flow = try await world.alicesFlow(upTo: "codeSent")
        let availableAt = world.clock.now().addingTimeInterval(world.limits.resendCooldown)
        world.clock.advance(by: world.limits.resendCooldown - 1)
        await #expect(throws: VerificationError.resendTooSoon(availableAt: availableAt)) { try await flow.resendCode() }
    }

    @Test func resendingAfterTheCooldownSendsANewCodeThatReplacesTheOld() async throws {
        let world = try await VerificationWorld.make()
        var flow = try await world.alicesFlow(upTo: "enterCode")
        let first = try #require(try await world.provider.lastCode(sentTo: VerificationWorld.aliceEmail))
        world.clock.advance(by: world.limits.resendCooldown)
        try await flow.resendCode()
        guard case let .codeSent(delivery) = flow.step else {
            Issue.record("expected codeSent after a resend, got \(flow.step.name)")
            return
        }
        #expect(delivery.sentAt == world.clock.now())
        let second = try #require(try await world.provider.lastCode(sentTo: VerificationWorld.aliceEmail))
        try flow.continueToCodeEntry()
        if first != second {
            await #expect(throws: VerificationError.wrongCode(attemptsRemaining: 4)) { try await flow.submitCode(first) }
        }
        try await flow.submitCode(second)
        #expect(flow.proof != nil)
    }

    @Test func choosingAnotherContactReturnsToChooseContactAndKeepsTheCooldown() async throws {
        let world = try await VerificationWorld.make()
        var flow = try await world.alicesFlow(upTo: "codeSent")
        try flow.chooseAnotherContact()
        guard case let .chooseContact(contacts) = flow.step else {
            Issue.record("expected chooseContact, got \(flow.step.name)")
            return
        }
        let availableAt = world.clock.now().addingTimeInterval(world.limits.resendCooldown)
        await #expect(throws: VerificationError.resendTooSoon(availableAt: availableAt)) {
            try await flow.sendCode(to: contacts[1])
        }
        world.clock.advance(by: world.limits.resendCooldown)
        try await flow.sendCode(to: contacts[1])
        #expect(try await world.provider.lastCode(sentTo: VerificationWorld.alicePhone) != nil)
    }

    @Test func aVerificationLeftTooLongStartsAgainFromThePassword() async throws {
        let world = try await VerificationWorld.make()
        var flow = try await world.alicesFlow(upTo: "chooseContact")
        guard case let .chooseContact(contacts) = flow.step else { return }
        world.clock.advance(by: world.limits.verificationLifetime)
        await #expect(throws: VerificationError.verificationExpired) { try await flow.sendCode(to: contacts[0]) }
        #expect(flow.step == .enterPassword)
    }

    // MARK: Cancel

    @Test(arguments: ["enterPassword", "chooseContact", "codeSent", "enterCode", "verified", "locked"])
    func cancellingAtEveryStepLeavesTheAccountUnchanged(step: String) async throws {
        let world = try await VerificationWorld.make(limits: VerificationLimits(passwordAttempts: 1))
        let account = world.restoredAccount(world.alice)
        let before = AccountState(account)
        var flow: PersonalVerification
        if step == "locked" {
            flow = try await world.alicesFlow(upTo: "enterPassword", account: account)
            _ = try? await flow.submitPassword(password("wrong"))
        } else {
            flow = try await world.alicesFlow(upTo: step, account: account)
        }
        #expect(flow.step.name == step)
        flow.cancel()
        #expect(flow.step == .cancelled)
        #expect(flow.proof == nil)
        #expect(AccountState(account) == before)
        #expect(try await world.provider.credentialIDs(for: world.alice.reference).isEmpty)
        await #expect(throws: VerificationError.outOfOrder(action: "submitPassword", step: "cancelled")) {
            try await flow.submitPassword(password(VerificationWorld.alicePassword))
        }
    }

    // MARK: Out of order

    @Test func stepsCalledOutOfOrderAreTypedErrors() async throws {
        let world = try await VerificationWorld.make()
        let contact = MaskedContact(id: "1", kind: .email, maskedValue: "a•••@example.com")

        var atPassword = try await world.alicesFlow(upTo: "enterPassword")
        await #expect(throws: VerificationError.outOfOrder(action: "sendCode", step: "enterPassword")) {
            try await atPassword.sendCode(to: contact)
        }
        await #expect(throws: VerificationError.outOfOrder(action: "submitCode", step: "enterPassword")) {
            try await atPassword.submitCode("123456")
        }
        #expect(throws: VerificationError.outOfOrder(action: "resumeAfterLock", step: "enterPassword")) {
            try atPassword.resumeAfterLock()
        }

        var atContact = try await world.alicesFlow(upTo: "chooseContact")
        await #expect(throws: VerificationError.outOfOrder(action: "submitPassword", step: "chooseContact")) {
            try await atContact.submitPassword(password(VerificationWorld.alicePassword))
        }
        await #expect(throws: VerificationError.outOfOrder(action: "resendCode", step: "chooseContact")) {
            try await atContact.resendCode()
        }
        #expect(throws: VerificationError.outOfOrder(action: "continueToCodeEntry", step: "chooseContact")) {
            try atContact.continueToCodeEntry()
        }

        var atCodeSent = try await world.alicesFlow(upTo: "codeSent")
        await #expect(throws: VerificationError.outOfOrder(action: "submitCode", step: "codeSent")) {
            try await atCodeSent.submitCode("123456")
        }

        var atCodeEntry = try await world.alicesFlow(upTo: "enterCode")
        #expect(throws: VerificationError.outOfOrder(action: "continueToCodeEntry", step: "enterCode")) {
            try atCodeEntry.continueToCodeEntry()
        }
        await #expect(throws: VerificationError.outOfOrder(action: "sendCode", step: "enterCode")) {
            try await atCodeEntry.sendCode(to: contact)
        }

        var verified = try await world.alicesFlow(upTo: "verified")
        await #expect(throws: VerificationError.outOfOrder(action: "submitCode", step: "verified")) {
            try await verified.submitCode("123456")
        }
        #expect(throws: VerificationError.outOfOrder(action: "chooseAnotherContact", step: "verified")) {
            try verified.chooseAnotherContact()
        }
    }

    // MARK: Snapshot

    @Test func aFlowResumedFromItsSnapshotContinuesWhereItStopped() async throws {
        let world = try await VerificationWorld.make()
        let account = world.restoredAccount(world.alice)
        let flow = try await world.alicesFlow(upTo: "enterCode", account: account)
        let saved = try JSONEncoder().encode(flow.snapshot)

        // Later, in another process, with another provider instance on the same directory.
        let snapshot = try JSONDecoder().decode(PersonalVerification.Snapshot.self, from: saved)
        var resumed = PersonalVerification(resuming: snapshot, service: world.reopenedProvider(), clock: world.clock)
        #expect(resumed.step == flow.step)
        #expect(resumed.accountID == account.id)
        let code = try #require(try await world.provider.lastCode(sentTo: VerificationWorld.aliceEmail))
        try await resumed.submitCode(code)
        #expect(resumed.proof?.accountID == account.id)
    }

    @Test func printingAFlowOrItsSnapshotNeverShowsTheTicket() async throws {
        let world = try await VerificationWorld.make()
        let flow = try await world.alicesFlow(upTo: "codeSent")
        let ticket = try #require(flow.snapshot.ticket?.value)
        var dumped = ""
        dump(flow.snapshot, to: &dumped)
        #expect(!dumped.contains(ticket))
        #expect(!"\(flow.snapshot)".contains(ticket))
        #expect(!String(reflecting: flow).contains(ticket))
    }
}
