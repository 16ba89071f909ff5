import AuthenticatorKit
import Foundation

/// A behaviour a conformance check expected and did not see.
public struct VerificationConformanceFailure: Error, CustomStringConvertible, Sendable {
    /// What was expected and what happened.
    public let description: String

    /// A failure described by `description`.
    public init(_ description: String) { self.description = description }
}

/// Checks that an ``AccountProvider`` behaves as its protocol documents. Run each check from
/// a test named after it, or ``runAll()``; a check throws ``VerificationConformanceFailure``.
///
/// Every check makes a fresh fixture: a provider that reads time from the given
/// ``VerificationTestClock`` and knows two accounts.
public struct AccountProviderConformance: Sendable {
    /// A provider under test and two of its accounts.
    public struct Fixture: Sendable {
        /// The provider, using the clock it was given.
        public let provider: any AccountProvider
        /// An account's reference.
        public let account: String
        /// Another account's reference (of the same user or not).
        public let otherAccount: String

        /// A fixture.
        public init(provider: some AccountProvider, account: String, otherAccount: String) {
            self.provider = provider
            self.account = account
            self.otherAccount = otherAccount
        }
    }

    private let makeFixture: @Sendable (VerificationTestClock) async throws -> Fixture

    /// Checks for the providers `makeFixture` creates; it must wire the clock it is given
    /// into the provider.
    public init(makeFixture: @escaping @Sendable (_ clock: VerificationTestClock) async throws -> Fixture) {
        self.makeFixture = makeFixture
    }

    /// Runs every check.
    public func runAll() async throws {
        try await enrolledCredentialsAreListedOldestFirst()
        try await codesOfEveryCredentialAreAccepted()
        try await codesOneStepAwayAreAcceptedAndTwoStepsAwayAreNot()
        try await approvalsSignedByEveryCredentialAreAccepted()
        try await alteredApprovalsAreRefused()
        try await codesAndApprovalsOfAnotherAccountAreRefused()
        try await aReusedCredentialIdentifierIsRefused()
        try await anUnknownAccountIsReported()
    }

    /// `credentialIDs(for:)` lists the enrolled credentials in order, and nothing of the
    /// other account's.
    public func enrolledCredentialsAreListedOldestFirst() async throws {
        let (fixture, clock) = try await setUp()
        let first = mint(clock, "first"), second = mint(clock, "second"), other = mint(clock, "other")
        try await fixture.provider.enrol(CredentialEnrolment(first), for: fixture.account)
        try await fixture.provider.enrol(CredentialEnrolment(other), for: fixture.otherAccount)
        try await fixture.provider.enrol(CredentialEnrolment(second), for: fixture.account)
        let listed = try await fixture.provider.credentialIDs(for: fixture.account)
        try require(listed == [first.id, second.id], "expected [first, second], got \(listed)")
    }

    /// A current code of either of two credentials is accepted.
    public func codesOfEveryCredentialAreAccepted() async throws {
        let (fixture, clock) = try await setUp()
        let old = mint(clock, "old device"), new = mint(clock, "new device")
        try await fixture.provider.enrol(CredentialEnrolment(old), for: fixture.account)
        try await fixture.provider.enrol(CredentialEnrolment(new), for: fixture.account)
        for credential in [old, new] {
            let code = VerificationTestSupport.code(of: credential, at: clock.now())
            try await require(fixture.provider.acceptsCode(code, for: fixture.account), "a current code was refused")
        }
    }

    /// Codes one time step before or after now are accepted; two steps away are not.
    public func codesOneStepAwayAreAcceptedAndTwoStepsAwayAreNot() async throws {
        let (fixture, clock) = try await setUp()
        let credential = mint(clock, "window")
        try await fixture.provider.enrol(CredentialEnrolment(credential), for: fixture.account)
        for offset: Int64 in [-1, 1] {
            let code = VerificationTestSupport.code(of: credential, at: clock.now(), offsetSteps: offset)
            try await require(fixture.provider.acceptsCode(code, for: fixture.account), "a code \(offset) step away was refused")
        }
        for offset: Int64 in [-2, 2] {
            let code = VerificationTestSupport.code(of: credential, at: clock.now(), offsetSteps: offset)
            try await require(!fixture.provider.acceptsCode(code, for: fixture.account), "a code \(offset) steps away was accepted")
        }
    }

    /// An approval signed by any enrolled credential verifies.
    public func approvalsSignedByEveryCredentialAreAccepted() async throws {
        let (fixture, clock) = try await setUp()
        let old = mint(clock, "old approver"), new = mint(clock, "new approver")
        try await fixture.provider.enrol(CredentialEnrolment(old), for: fixture.account)
        try await fixture.provider.enrol(CredentialEnrolment(new), for: fixture.account)
        let challenge = Array("sign in to the portal #1".utf8)
        for credential in [old, new] {
            let approval = PushApproval(challenge: challenge, signature: credential.signApproval(challenge))
            try await require(fixture.provider.acceptsApproval(approval, for: fixture.account), "a signed approval was refused")
        }
    }

    /// An approval whose challenge was changed after signing, or signed by a credential that
    /// was never enrolled, is refused.
    public func alteredApprovalsAreRefused() async throws {
        let (fixture, clock) = try await setUp()
        let enrolled = mint(clock, "enrolled"), stranger = mint(clock, "stranger")
        try await fixture.provider.enrol(CredentialEnrolment(enrolled), for: fixture.account)
        let challenge = Array("approve payment 10 EUR".utf8)
        let altered = PushApproval(challenge: Array("approve payment 99 EUR".utf8), signature: enrolled.signApproval(challenge))
        try await require(!fixture.provider.acceptsApproval(altered, for: fixture.account), "an altered approval was accepted")
        let foreign = PushApproval(challenge: challenge, signature: stranger.signApproval(challenge))
        try await require(!fixture.provider.acceptsApproval(foreign, for: fixture.account), "an approval by an unknown key was accepted")
    }

    /// The other account's credential is neither listed for, nor accepted for, the account.
    public func codesAndApprovalsOfAnotherAccountAreRefused() async throws {
        let (fixture, clock) = try await setUp()
        let mine = mint(clock, "mine"), theirs = mint(clock, "theirs")
        try await fixture.provider.enrol(CredentialEnrolment(mine), for: fixture.account)
        try await fixture.provider.enrol(CredentialEnrolment(theirs), for: fixture.otherAccount)
        let code = VerificationTestSupport.code(of: theirs, at: clock.now())
        let ownCode = VerificationTestSupport.code(of: mine, at: clock.now())
        if code != ownCode {
            try await require(!fixture.provider.acceptsCode(code, for: fixture.account), "another account's code was accepted")
        }
        let challenge = Array("approve".utf8)
        let approval = PushApproval(challenge: challenge, signature: theirs.signApproval(challenge))
        try await require(!fixture.provider.acceptsApproval(approval, for: fixture.account), "another account's approval was accepted")
        let listed = try await fixture.provider.credentialIDs(for: fixture.account)
        try require(!listed.contains(theirs.id), "another account's credential was listed")
    }

    /// Enrolling the same credential identifier twice for one account is refused.
    public func aReusedCredentialIdentifierIsRefused() async throws {
        let (fixture, clock) = try await setUp()
        let credential = mint(clock, "twice")
        try await fixture.provider.enrol(CredentialEnrolment(credential), for: fixture.account)
        try await expect(.credentialAlreadyEnrolled) {
            try await fixture.provider.enrol(CredentialEnrolment(credential), for: fixture.account)
        }
    }

    /// Every requirement reports an unknown account as such.
    public func anUnknownAccountIsReported() async throws {
        let (fixture, clock) = try await setUp()
        let unknown = "no-such-account-\(UUID().uuidString)"
        let credential = mint(clock, "unknown")
        try await expect(.unknownAccount) { try await fixture.provider.enrol(CredentialEnrolment(credential), for: unknown) }
        try await expect(.unknownAccount) { _ = try await fixture.provider.credentialIDs(for: unknown) }
        try await expect(.unknownAccount) { _ = try await fixture.provider.acceptsCode("123456", for: unknown) }
        try await expect(.unknownAccount) {
            _ = try await fixture.provider.acceptsApproval(PushApproval(challenge: [1], signature: []), for: unknown)
        }
    }

    private func setUp() async throws -> (Fixture, VerificationTestClock) {
        // 15 seconds into a 30-second step, so ±1 step is unambiguous.
        let clock = VerificationTestClock(Date(timeIntervalSince1970: 1_735_689_615))
        return (try await makeFixture(clock), clock)
    }

    private func mint(_ clock: VerificationTestClock, _ seed: String) -> DeviceCredential {
        DeviceCredential(createdAt: clock.now(), using: DeterministicRandom(seed: "conformance \(seed)"))
    }
}

/// Checks that a ``VerificationService`` behaves as its protocol documents. Run each check
/// from a test named after it, or ``runAll()``; a check throws
/// ``VerificationConformanceFailure``.
public struct VerificationServiceConformance: Sendable {
    /// A service under test with its accounts, and ways to read what it "sent".
    public struct Fixture: Sendable {
        /// The service.
        public let service: any VerificationService
        /// A personal account with exactly one alternate contact.
        public let personalAccount: String
        /// That account's password.
        public let password: SecureBytes
        /// Its contact, in full.
        public let contact: String
        /// Reads the last code sent to a full contact.
        public let readCode: @Sendable (String) async throws -> String?
        /// A work or school account.
        public let workAccount: String
        /// Its organisation.
        public let organisation: String
        /// Another account of the same organisation.
        public let otherWorkAccount: String
        /// Issues a fresh enrolment payload for a work or school account.
        public let issuePayload: @Sendable (String) async throws -> String

        /// A fixture.
        public init(
            service: some VerificationService, personalAccount: String, password: SecureBytes, contact: String,
            readCode: @escaping @Sendable (String) async throws -> String?,
            workAccount: String, organisation: String, otherWorkAccount: String,
            issuePayload: @escaping @Sendable (String) async throws -> String
        ) {
            self.service = service
            self.personalAccount = personalAccount
            self.password = password
            self.contact = contact
            self.readCode = readCode
            self.workAccount = workAccount
            self.organisation = organisation
            self.otherWorkAccount = otherWorkAccount
            self.issuePayload = issuePayload
        }
    }

    private let makeFixture: @Sendable () async throws -> Fixture

    /// Checks for the services `makeFixture` creates (a fresh one per check).
    public init(makeFixture: @escaping @Sendable () async throws -> Fixture) {
        self.makeFixture = makeFixture
    }

    /// Runs every check.
    public func runAll() async throws {
        try await aRightPasswordOffersOnlyMaskedContacts()
        try await aWrongPasswordIsRefusedWithTheAttemptsLeft()
        try await theSentCodeIsAcceptedOnce()
        try await aWrongCodeIsRefusedWithTheAttemptsLeft()
        try await anotherCodeWithinTheCooldownIsRefused()
        try await anEnrolmentPayloadIsAcceptedOnce()
        try await anEnrolmentPayloadForAnotherAccountIsRefused()
        try await anEnrolmentPayloadForAnotherOrganisationIsRefused()
        try await anAlteredEnrolmentPayloadIsRefused()
    }

    /// The password check offers the contact masked, never in full.
    public func aRightPasswordOffersOnlyMaskedContacts() async throws {
        let fixture = try await makeFixture()
        let check = try await fixture.service.checkPassword(fixture.password, for: fixture.personalAccount)
        try require(check.contacts.count == 1, "expected one contact, got \(check.contacts.count)")
        for contact in check.contacts {
            try require(!contact.maskedValue.lowercased().contains(fixture.contact.lowercased()), "a contact was shown in full")
            try require(contact.maskedValue.contains("•"), "a contact was not masked")
        }
    }

    /// A wrong password is refused and says how many attempts are left.
    public func aWrongPasswordIsRefusedWithTheAttemptsLeft() async throws {
        let fixture = try await makeFixture()
        let wrong = SecureBytes(copying: Array("definitely not the password".utf8))
        do {
            _ = try await fixture.service.checkPassword(wrong, for: fixture.personalAccount)
            throw VerificationConformanceFailure("a wrong password was accepted")
        } catch let error as VerificationError {
            guard case let .wrongPassword(left) = error, left > 0 else {
                throw VerificationConformanceFailure("expected wrongPassword with attempts left, got \(error)")
            }
        }
    }

    /// The code sent to the contact is accepted, and finishes the verification.
    public func theSentCodeIsAcceptedOnce() async throws {
        let fixture = try await makeFixture()
        let check = try await fixture.service.checkPassword(fixture.password, for: fixture.personalAccount)
        _ = try await fixture.service.sendCode(to: check.contacts[0], ticket: check.ticket)
        guard let code = try await fixture.readCode(fixture.contact) else {
            throw VerificationConformanceFailure("no code was sent to the contact")
        }
        try await fixture.service.checkCode(code, ticket: check.ticket)
        try await expect(.verificationExpired) { try await fixture.service.checkCode(code, ticket: check.ticket) }
    }

    /// A wrong code is refused and says how many attempts are left.
    public func aWrongCodeIsRefusedWithTheAttemptsLeft() async throws {
        let fixture = try await makeFixture()
        let check = try await fixture.service.checkPassword(fixture.password, for: fixture.personalAccount)
        _ = try await fixture.service.sendCode(to: check.contacts[0], ticket: check.ticket)
        let code = try await fixture.readCode(fixture.contact) ?? ""
        let wrong = code == "000000" ? "111111" : "000000"
        do {
            try await fixture.service.checkCode(wrong, ticket: check.ticket)
            throw VerificationConformanceFailure("a wrong code was accepted")
        } catch let error as VerificationError {
            guard case let .wrongCode(left) = error, left > 0 else {
                throw VerificationConformanceFailure("expected wrongCode with attempts left, got \(error)")
            }
        }
    }

    /// Asking for another code right after one was sent is refused until the cooldown ends.
    public func anotherCodeWithinTheCooldownIsRefused() async throws {
        let fixture = try await makeFixture()
        let check = try await fixture.service.checkPassword(fixture.password, for: fixture.personalAccount)
        let delivery = try await fixture.service.sendCode(to: check.contacts[0], ticket: check.ticket)
        try await expect(.resendTooSoon(availableAt: delivery.resendAvailableAt)) {
            _ = try await fixture.service.sendCode(to: check.contacts[0], ticket: check.ticket)
        }
    }

    /// A payload is accepted for its account and organisation, once.
    public func anEnrolmentPayloadIsAcceptedOnce() async throws {
        let fixture = try await makeFixture()
        let payload = try await fixture.issuePayload(fixture.workAccount)
        try await fixture.service.checkEnrolmentPayload(payload, for: fixture.workAccount, organisation: fixture.organisation)
        try await expect(.enrolmentPayloadAlreadyUsed) {
            try await fixture.service.checkEnrolmentPayload(payload, for: fixture.workAccount, organisation: fixture.organisation)
        }
    }

    /// A payload issued for one account is refused for another of the same organisation.
    public func anEnrolmentPayloadForAnotherAccountIsRefused() async throws {
        let fixture = try await makeFixture()
        let payload = try await fixture.issuePayload(fixture.otherWorkAccount)
        try await expect(.enrolmentPayloadForAnotherAccount) {
            try await fixture.service.checkEnrolmentPayload(payload, for: fixture.workAccount, organisation: fixture.organisation)
        }
    }

    /// A payload is refused when the device expects another organisation.
    public func anEnrolmentPayloadForAnotherOrganisationIsRefused() async throws {
        let fixture = try await makeFixture()
        let payload = try await fixture.issuePayload(fixture.workAccount)
        try await expect(.enrolmentPayloadForAnotherOrganisation) {
            try await fixture.service.checkEnrolmentPayload(
                payload, for: fixture.workAccount, organisation: "Not \(fixture.organisation)"
            )
        }
    }

    /// A payload with a character changed is refused as forged or malformed.
    public func anAlteredEnrolmentPayloadIsRefused() async throws {
        let fixture = try await makeFixture()
        var characters = Array(try await fixture.issuePayload(fixture.workAccount))
        let middle = characters.count / 2
        characters[middle] = characters[middle] == "A" ? "B" : "A"
        do {
            try await fixture.service.checkEnrolmentPayload(
                String(characters), for: fixture.workAccount, organisation: fixture.organisation
            )
            throw VerificationConformanceFailure("an altered payload was accepted")
        } catch let error as VerificationError {
            guard error == .forgedEnrolmentPayload || error == .malformedEnrolmentPayload else {
                throw VerificationConformanceFailure("expected forged or malformed, got \(error)")
            }
        }
    }
}

private func require(_ condition: Bool, _ failure: @autoclosure () -> String) throws {
    if !condition { throw VerificationConformanceFailure(failure()) }
}

private func expect(_ expected: VerificationError, _ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as VerificationError {
        guard error == expected else {
            throw VerificationConformanceFailure("expected \(expected.caseName), got \(error.caseName)")
        }
        return
    }
    throw VerificationConformanceFailure("expected \(expected.caseName), got success")
}
