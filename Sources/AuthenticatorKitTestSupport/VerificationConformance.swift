import AuthenticatorKit
import Foundation

/// Checks that an `AccountProvider` behaves as its protocol documents. Run each check from
/// a test named after it, or ``runAll()``; a check throws ``ConformanceFailure``.
///
/// Every check makes a fresh fixture: a provider that reads time from the given
/// ``AdjustableTimeSource`` and knows two accounts.
public struct AccountProviderConformance: Sendable {
    /// A provider under test and two of its accounts.
    public struct Fixture: Sendable {
        /// The provider, using the clock it was given.
        public let provider: any AccountProvider
        /// An account's reference.
        public let account: ProviderAccountReference
        /// Another account's reference (of the same user or not).
        public let otherAccount: ProviderAccountReference

        /// A fixture.
        public init(provider: some AccountProvider, account: ProviderAccountReference, otherAccount: ProviderAccountReference) {
            self.provider = provider
            self.account = account
            self.otherAccount = otherAccount
        }
    }

    private let makeFixture: @Sendable (AdjustableTimeSource) async throws -> Fixture

    /// Checks for the providers `makeFixture` creates; it must wire the clock it is given
    /// into the provider.
    public init(makeFixture: @escaping @Sendable (_ clock: AdjustableTimeSource) async throws -> Fixture) {
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
        try ConformanceStep.check(
            listed == [first.id, second.id], "credentialIDs(for:) lists the account's credentials oldest first",
            observed: "expected [first, second], got \(listed)"
        )
    }

    /// A current code of either of two credentials is accepted.
    public func codesOfEveryCredentialAreAccepted() async throws {
        let (fixture, clock) = try await setUp()
        let old = mint(clock, "old device"), new = mint(clock, "new device")
        try await fixture.provider.enrol(CredentialEnrolment(old), for: fixture.account)
        try await fixture.provider.enrol(CredentialEnrolment(new), for: fixture.account)
        for credential in [old, new] {
            let code = VerificationTestSupport.code(of: credential, at: clock.now())
            try await ConformanceStep.check(
                fixture.provider.acceptsCode(code, for: fixture.account), "a current code of every credential is accepted",
                observed: "a current code was refused"
            )
        }
    }

    /// Codes one time step before or after now are accepted; two steps away are not.
    public func codesOneStepAwayAreAcceptedAndTwoStepsAwayAreNot() async throws {
        let (fixture, clock) = try await setUp()
        let credential = mint(clock, "window")
        try await fixture.provider.enrol(CredentialEnrolment(credential), for: fixture.account)
        for offset: Int64 in [-1, 1] {
            let code = VerificationTestSupport.code(of: credential, at: clock.now(), offsetSteps: offset)
            try await ConformanceStep.check(
                fixture.provider.acceptsCode(code, for: fixture.account), "a code one step away is accepted",
                observed: "a code \(offset) step away was refused"
            )
        }
        for offset: Int64 in [-2, 2] {
            let code = VerificationTestSupport.code(of: credential, at: clock.now(), offsetSteps: offset)
            try await ConformanceStep.check(
                !fixture.provider.acceptsCode(code, for: fixture.account), "a code two steps away is refused",
                observed: "a code \(offset) steps away was accepted"
            )
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
            try await ConformanceStep.check(
                fixture.provider.acceptsApproval(approval, for: fixture.account),
                "an approval signed by any enrolled credential is accepted", observed: "a signed approval was refused"
            )
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
        try await ConformanceStep.check(
            !fixture.provider.acceptsApproval(altered, for: fixture.account),
            "an approval whose challenge changed after signing is refused", observed: "an altered approval was accepted"
        )
        let foreign = PushApproval(challenge: challenge, signature: stranger.signApproval(challenge))
        try await ConformanceStep.check(
            !fixture.provider.acceptsApproval(foreign, for: fixture.account),
            "an approval signed by a credential never enrolled is refused", observed: "an approval by an unknown key was accepted"
        )
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
            try await ConformanceStep.check(
                !fixture.provider.acceptsCode(code, for: fixture.account),
                "another account's code is refused", observed: "another account's code was accepted"
            )
        }
        let challenge = Array("approve".utf8)
        let approval = PushApproval(challenge: challenge, signature: theirs.signApproval(challenge))
        try await ConformanceStep.check(
            !fixture.provider.acceptsApproval(approval, for: fixture.account),
            "another account's approval is refused", observed: "another account's approval was accepted"
        )
        let listed = try await fixture.provider.credentialIDs(for: fixture.account)
        try ConformanceStep.check(
            !listed.contains(theirs.id), "another account's credential is not listed",
            observed: "another account's credential was listed"
        )
    }

    /// Enrolling the same credential identifier twice for one account is refused.
    public func aReusedCredentialIdentifierIsRefused() async throws {
        let (fixture, clock) = try await setUp()
        let credential = mint(clock, "twice")
        try await fixture.provider.enrol(CredentialEnrolment(credential), for: fixture.account)
        try await ConformanceStep.expect(
            VerificationError.credentialAlreadyEnrolled, "enrolling a credential identifier twice is refused"
        ) {
            () throws(VerificationError) in
            try await fixture.provider.enrol(CredentialEnrolment(credential), for: fixture.account)
        }
    }

    /// Every requirement reports an unknown account as such.
    public func anUnknownAccountIsReported() async throws {
        let (fixture, clock) = try await setUp()
        let unknown = ProviderAccountReference("no-such-account-\(UUID().uuidString)")
        let credential = mint(clock, "unknown")
        try await ConformanceStep.expect(VerificationError.unknownAccount, "enrol(_:for:) reports an unknown account") {
            () throws(VerificationError) in
            try await fixture.provider.enrol(CredentialEnrolment(credential), for: unknown)
        }
        try await ConformanceStep.expect(VerificationError.unknownAccount, "credentialIDs(for:) reports an unknown account") {
            () throws(VerificationError) in
            _ = try await fixture.provider.credentialIDs(for: unknown)
        }
        try await ConformanceStep.expect(VerificationError.unknownAccount, "acceptsCode(_:for:) reports an unknown account") {
            () throws(VerificationError) in
            _ = try await fixture.provider.acceptsCode("123456", for: unknown)
        }
        try await ConformanceStep.expect(VerificationError.unknownAccount, "acceptsApproval(_:for:) reports an unknown account") {
            () throws(VerificationError) in
            _ = try await fixture.provider.acceptsApproval(PushApproval(challenge: [1], signature: []), for: unknown)
        }
    }

    private func setUp() async throws -> (Fixture, AdjustableTimeSource) {
        // 15 seconds into a 30-second step, so ±1 step is unambiguous.
        let clock = AdjustableTimeSource(unixTime: 1_735_689_615)
        return (try await makeFixture(clock), clock)
    }

    private func mint(_ clock: AdjustableTimeSource, _ seed: String) -> DeviceCredential {
        DeviceCredential(createdAt: clock.now(), using: DeterministicRandom(seed: "conformance \(seed)"))
    }
}

/// Checks that a `VerificationService` behaves as its protocol documents. Run each check
/// from a test named after it, or ``runAll()``; a check throws ``ConformanceFailure``.
public struct VerificationServiceConformance: Sendable {
    /// A service under test with its accounts, and ways to read what it "sent".
    public struct Fixture: Sendable {
        /// The service.
        public let service: any VerificationService
        /// A personal account with exactly one alternate contact.
        public let personalAccount: ProviderAccountReference
        /// That account's user name, to sign in with.
        public let personalUserName: String
        /// That account's password.
        public let password: SecureBytes
        /// Its contact, in full.
        public let contact: String
        /// Reads the last code sent to a full contact.
        public let readCode: @Sendable (String) async throws -> String?
        /// A work or school account.
        public let workAccount: ProviderAccountReference
        /// That account's user name, to sign in with.
        public let workUserName: String
        /// That account's password.
        public let workPassword: SecureBytes
        /// Its organisation.
        public let organisation: String
        /// Another account of the same organisation.
        public let otherWorkAccount: ProviderAccountReference
        /// Issues a fresh enrolment payload for a work or school account.
        public let issuePayload: @Sendable (ProviderAccountReference) async throws -> String

        /// A fixture.
        public init(
            service: some VerificationService,
            personalAccount: ProviderAccountReference, personalUserName: String, password: SecureBytes, contact: String,
            readCode: @escaping @Sendable (String) async throws -> String?,
            workAccount: ProviderAccountReference, workUserName: String, workPassword: SecureBytes,
            organisation: String, otherWorkAccount: ProviderAccountReference,
            issuePayload: @escaping @Sendable (ProviderAccountReference) async throws -> String
        ) {
            self.service = service
            self.personalAccount = personalAccount
            self.personalUserName = personalUserName
            self.password = password
            self.contact = contact
            self.readCode = readCode
            self.workAccount = workAccount
            self.workUserName = workUserName
            self.workPassword = workPassword
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
        try await signingInReportsThePersonalAccount()
        try await signingInReportsTheWorkAccountWithItsOrganisation()
        try await aWrongSignInPasswordIsRefusedAndCountsLikeAVerificationOne()
        try await signingInToAnUnknownUserNameIsReported()
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

    /// Signing in to the personal account with its password reports its reference, kind and
    /// user name.
    public func signingInReportsThePersonalAccount() async throws {
        let fixture = try await makeFixture()
        let signedIn = try await fixture.service.signIn(userName: fixture.personalUserName, password: fixture.password)
        try ConformanceStep.check(
            signedIn.reference == fixture.personalAccount && signedIn.kind == .personal,
            "signIn(userName:password:) reports the personal account's reference and kind",
            observed: "got \(signedIn.kind.rawValue) account \(signedIn.reference)"
        )
        try ConformanceStep.check(
            signedIn.userName.lowercased() == fixture.personalUserName.lowercased() && !signedIn.issuer.isEmpty,
            "signIn(userName:password:) reports the user name and an issuer",
            observed: "user name \(signedIn.userName), issuer '\(signedIn.issuer)'"
        )
    }

    /// Signing in to the work or school account reports it with its organisation as the
    /// issuer: what its enrolment payloads are checked against.
    public func signingInReportsTheWorkAccountWithItsOrganisation() async throws {
        let fixture = try await makeFixture()
        let signedIn = try await fixture.service.signIn(userName: fixture.workUserName, password: fixture.workPassword)
        try ConformanceStep.check(
            signedIn.reference == fixture.workAccount && signedIn.kind == .workOrSchool
                && signedIn.issuer == fixture.organisation,
            "signIn(userName:password:) reports a work or school account with its organisation as the issuer",
            observed: "got \(signedIn.kind.rawValue) account \(signedIn.reference) of '\(signedIn.issuer)'"
        )
    }

    /// A wrong sign-in password is refused with the attempts left, and counts against the
    /// same limit as a verification's wrong passwords.
    public func aWrongSignInPasswordIsRefusedAndCountsLikeAVerificationOne() async throws {
        let fixture = try await makeFixture()
        let wrong = SecureBytes(copying: Array("definitely not the password".utf8))
        let requirement = "a wrong sign-in password is refused with wrongPassword and counts like a verification's"
        let afterSignIn: Int
        do {
            _ = try await fixture.service.signIn(userName: fixture.personalUserName, password: wrong)
            throw ConformanceFailure(requirement: requirement, observed: "a wrong password signed in")
        } catch let error as VerificationError {
            guard case let .wrongPassword(left) = error, left > 0 else {
                throw ConformanceFailure(requirement: requirement, observed: "threw \(error)")
            }
            afterSignIn = left
        }
        do {
            _ = try await fixture.service.checkPassword(wrong, for: fixture.personalAccount)
            throw ConformanceFailure(requirement: requirement, observed: "a wrong password was accepted")
        } catch let error as VerificationError {
            switch error {
            case let .wrongPassword(left) where left == afterSignIn - 1: break
            case .locked where afterSignIn == 1: break
            default:
                throw ConformanceFailure(
                    requirement: requirement, observed: "\(afterSignIn) attempts left after the sign-in, then \(error)"
                )
            }
        }
    }

    /// Signing in with a user name the service does not know reports an unknown account.
    public func signingInToAnUnknownUserNameIsReported() async throws {
        let fixture = try await makeFixture()
        try await ConformanceStep.expect(
            VerificationError.unknownAccount, "signIn(userName:password:) reports an unknown user name"
        ) {
            () throws(VerificationError) in
            _ = try await fixture.service.signIn(userName: "nobody-\(UUID().uuidString)", password: fixture.password)
        }
    }

    /// The password check offers the contact masked, never in full.
    public func aRightPasswordOffersOnlyMaskedContacts() async throws {
        let fixture = try await makeFixture()
        let check = try await fixture.service.checkPassword(fixture.password, for: fixture.personalAccount)
        try ConformanceStep.check(
            check.contacts.count == 1, "the password check offers the account's one contact",
            observed: "\(check.contacts.count) contacts"
        )
        for contact in check.contacts {
            try ConformanceStep.check(
                !contact.maskedValue.lowercased().contains(fixture.contact.lowercased()), "contacts are never shown in full",
                observed: "a contact was shown in full"
            )
            try ConformanceStep.check(
                contact.maskedValue.contains("•"), "contacts are masked", observed: "a contact was not masked"
            )
        }
    }

    /// A wrong password is refused and says how many attempts are left.
    public func aWrongPasswordIsRefusedWithTheAttemptsLeft() async throws {
        let fixture = try await makeFixture()
        let wrong = SecureBytes(copying: Array("definitely not the password".utf8))
        let wrongPassword = "a wrong password is refused with wrongPassword and the attempts left"
        do {
            _ = try await fixture.service.checkPassword(wrong, for: fixture.personalAccount)
            throw ConformanceFailure(requirement: wrongPassword, observed: "a wrong password was accepted")
        } catch let error as VerificationError {
            guard case let .wrongPassword(left) = error, left > 0 else {
                throw ConformanceFailure(requirement: wrongPassword, observed: "threw \(error)")
            }
        }
    }

    /// The code sent to the contact is accepted, and finishes the verification.
    public func theSentCodeIsAcceptedOnce() async throws {
        let fixture = try await makeFixture()
        let check = try await fixture.service.checkPassword(fixture.password, for: fixture.personalAccount)
        _ = try await fixture.service.sendCode(to: check.contacts[0], ticket: check.ticket)
        guard let code = try await fixture.readCode(fixture.contact) else {
            throw ConformanceFailure(
                requirement: "sendCode(to:ticket:) sends a code to the contact", observed: "no code was sent"
            )
        }
        try await fixture.service.checkCode(code, ticket: check.ticket)
        try await ConformanceStep.expect(VerificationError.verificationExpired, "a code is accepted only once") {
            () throws(VerificationError) in
            try await fixture.service.checkCode(code, ticket: check.ticket)
        }
    }

    /// A wrong code is refused and says how many attempts are left.
    public func aWrongCodeIsRefusedWithTheAttemptsLeft() async throws {
        let fixture = try await makeFixture()
        let check = try await fixture.service.checkPassword(fixture.password, for: fixture.personalAccount)
        _ = try await fixture.service.sendCode(to: check.contacts[0], ticket: check.ticket)
        let code = try await fixture.readCode(fixture.contact) ?? ""
        let wrong = code == "000000" ? "111111" : "000000"
        let wrongCode = "a wrong code is refused with wrongCode and the attempts left"
        do {
            try await fixture.service.checkCode(wrong, ticket: check.ticket)
            throw ConformanceFailure(requirement: wrongCode, observed: "a wrong code was accepted")
        } catch let error as VerificationError {
            guard case let .wrongCode(left) = error, left > 0 else {
                throw ConformanceFailure(requirement: wrongCode, observed: "threw \(error)")
            }
        }
    }

    /// Asking for another code right after one was sent is refused until the cooldown ends.
    public func anotherCodeWithinTheCooldownIsRefused() async throws {
        let fixture = try await makeFixture()
        let check = try await fixture.service.checkPassword(fixture.password, for: fixture.personalAccount)
        let delivery = try await fixture.service.sendCode(to: check.contacts[0], ticket: check.ticket)
        try await ConformanceStep.expect(
            VerificationError.resendTooSoon(availableAt: delivery.resendAvailableAt),
            "another code within the cooldown is refused with resendTooSoon"
        ) {
            () throws(VerificationError) in
            _ = try await fixture.service.sendCode(to: check.contacts[0], ticket: check.ticket)
        }
    }

    /// A payload is accepted for its account and organisation, once.
    public func anEnrolmentPayloadIsAcceptedOnce() async throws {
        let fixture = try await makeFixture()
        let payload = try await fixture.issuePayload(fixture.workAccount)
        try await fixture.service.checkEnrolmentPayload(payload, for: fixture.workAccount, organisation: fixture.organisation)
        try await ConformanceStep.expect(VerificationError.enrolmentPayloadAlreadyUsed, "an enrolment payload is accepted once") {
            () throws(VerificationError) in
            try await fixture.service.checkEnrolmentPayload(payload, for: fixture.workAccount, organisation: fixture.organisation)
        }
    }

    /// A payload issued for one account is refused for another of the same organisation.
    public func anEnrolmentPayloadForAnotherAccountIsRefused() async throws {
        let fixture = try await makeFixture()
        let payload = try await fixture.issuePayload(fixture.otherWorkAccount)
        try await ConformanceStep.expect(
            VerificationError.enrolmentPayloadForAnotherAccount, "a payload for another account is refused"
        ) {
            () throws(VerificationError) in
            try await fixture.service.checkEnrolmentPayload(payload, for: fixture.workAccount, organisation: fixture.organisation)
        }
    }

    /// A payload is refused when the device expects another organisation.
    public func anEnrolmentPayloadForAnotherOrganisationIsRefused() async throws {
        let fixture = try await makeFixture()
        let payload = try await fixture.issuePayload(fixture.workAccount)
        try await ConformanceStep.expect(
            VerificationError.enrolmentPayloadForAnotherOrganisation, "a payload for another organisation is refused"
        ) {
            () throws(VerificationError) in
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
        let altered = "an altered payload is refused as forged or malformed"
        do {
            try await fixture.service.checkEnrolmentPayload(
                String(characters), for: fixture.workAccount, organisation: fixture.organisation
            )
            throw ConformanceFailure(requirement: altered, observed: "an altered payload was accepted")
        } catch let error as VerificationError {
            guard error == .forgedEnrolmentPayload || error == .malformedEnrolmentPayload else {
                throw ConformanceFailure(requirement: altered, observed: "threw \(error)")
            }
        }
    }
}
