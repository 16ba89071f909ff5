import AuthenticatorKit
import Foundation

/// Checks that an `AccountProvider` behaves as its protocol documents. Run each check from
/// a test named after it, or ``runAll()``; a check throws ``ConformanceFailure``.
///
/// Every check makes a fresh fixture: a provider that reads time from the given
/// ``AdjustableTimeSource`` and knows two accounts, a way to get grants it issued (a
/// password sign-in), and recovery sign-in assertions of the account's owner and of a
/// stranger.
public struct AccountProviderConformance: Sendable {
    /// A provider under test, two of its accounts, and the proofs its server would issue.
    public struct Fixture: Sendable {
        /// The provider, using the clock it was given.
        public let provider: any AccountProvider
        /// An account's reference: a personal account without push approvals, owned by the
        /// recovery identity of ``ownerRecoverySignIn``.
        public let account: ProviderAccountReference
        /// Another account's reference (of the same user or not).
        public let otherAccount: ProviderAccountReference
        /// A fresh grant from a password sign-in to an account (what
        /// `VerificationService.signIn(userName:password:)` returns in `ProviderSignIn.grant`),
        /// or one the provider's administration issues with the same rights.
        public let signInGrant: @Sendable (ProviderAccountReference) async throws -> EnrolmentGrant
        /// A valid assertion of the recovery identity that owns ``account`` (a fresh recovery
        /// sign-in), or `nil` when the provider trusts no recovery-account service (the checks
        /// that need it then only check that every restore asks for verification).
        public let ownerRecoverySignIn: @Sendable () async throws -> RecoveryIdentityAssertion?
        /// A valid assertion of a recovery identity that owns neither account, or `nil`.
        public let strangerRecoverySignIn: @Sendable () async throws -> RecoveryIdentityAssertion?

        /// A fixture.
        public init(
            provider: some AccountProvider, account: ProviderAccountReference, otherAccount: ProviderAccountReference,
            signInGrant: @escaping @Sendable (ProviderAccountReference) async throws -> EnrolmentGrant,
            ownerRecoverySignIn: @escaping @Sendable () async throws -> RecoveryIdentityAssertion?,
            strangerRecoverySignIn: @escaping @Sendable () async throws -> RecoveryIdentityAssertion?
        ) {
            self.provider = provider
            self.account = account
            self.otherAccount = otherAccount
            self.signInGrant = signInGrant
            self.ownerRecoverySignIn = ownerRecoverySignIn
            self.strangerRecoverySignIn = strangerRecoverySignIn
        }

        /// Enrols `credential` for `account` with a fresh sign-in grant.
        func enrol(_ credential: CredentialEnrolment, for account: ProviderAccountReference) async throws {
            try await provider.enrol(credential, for: account, grant: signInGrant(account))
        }
    }

    private let makeFixture: @Sendable (AdjustableTimeSource) async throws -> Fixture

    /// Checks for the providers `makeFixture` creates; it must wire the clock it is given
    /// into the provider (and the recovery-account service making the assertions).
    public init(makeFixture: @escaping @Sendable (_ clock: AdjustableTimeSource) async throws -> Fixture) {
        self.makeFixture = makeFixture
    }

    /// Runs every check.
    public func runAll() async throws {
        try await enrolledCredentialsAreListedOldestFirst()
        try await codesOfEveryCredentialAreAccepted()
        try await codesOneStepAwayAreAcceptedAndTwoStepsAwayAreNot()
        try await aCodeIsAcceptedOnlyOnce()
        try await approvalsSignedByEveryCredentialAreAccepted()
        try await alteredApprovalsAreRefused()
        try await codesAndApprovalsOfAnotherAccountAreRefused()
        try await aReusedCredentialIdentifierIsRefused()
        try await anUnknownAccountIsReported()
        try await enrolmentWithoutAValidGrantIsRefused()
        try await aGrantIsUsedOnceAndExpires()
        try await aRestoreWithoutARecoverySignInNeedsVerification()
        try await theOwnersRecoverySignInMayEnrolAtOnce()
        try await anotherIdentitysOrAForgedRecoverySignInNeedsVerification()
        try await anAccountWithPushApprovalsNeedsVerificationAtRestore()
        try await aRevokedCredentialIsRefusedAndTheOthersKeepWorking()
        try await revocationNeedsAPasswordSignIn()
    }

    /// `credentials(for:)` lists the enrolled credentials in order, and nothing of the
    /// other account's.
    public func enrolledCredentialsAreListedOldestFirst() async throws {
        let (fixture, clock) = try await setUp()
        let first = mint(clock, "first"), second = mint(clock, "second"), other = mint(clock, "other")
        try await fixture.enrol(CredentialEnrolment(first), for: fixture.account)
        try await fixture.enrol(CredentialEnrolment(other), for: fixture.otherAccount)
        try await fixture.enrol(CredentialEnrolment(second), for: fixture.account)
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
        try await fixture.enrol(CredentialEnrolment(old), for: fixture.account)
        try await fixture.enrol(CredentialEnrolment(new), for: fixture.account)
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
        try await fixture.enrol(CredentialEnrolment(credential), for: fixture.account)
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
        try await fixture.enrol(CredentialEnrolment(old), for: fixture.account)
        try await fixture.enrol(CredentialEnrolment(new), for: fixture.account)
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
        try await fixture.enrol(CredentialEnrolment(enrolled), for: fixture.account)
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
        try await fixture.enrol(CredentialEnrolment(mine), for: fixture.account)
        try await fixture.enrol(CredentialEnrolment(theirs), for: fixture.otherAccount)
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
        try await fixture.enrol(CredentialEnrolment(credential), for: fixture.account)
        let grant = try await fixture.signInGrant(fixture.account)
        try await ConformanceStep.expect(
            VerificationError.credentialAlreadyEnrolled, "enrolling a credential identifier twice is refused"
        ) {
            () throws(VerificationError) in
            try await fixture.provider.enrol(CredentialEnrolment(credential), for: fixture.account, grant: grant)
        }
    }

    /// Every requirement reports an unknown account as such.
    public func anUnknownAccountIsReported() async throws {
        let (fixture, clock) = try await setUp()
        let unknown = ProviderAccountReference("no-such-account-\(UUID().uuidString)")
        let credential = mint(clock, "unknown")
        let grant = try await fixture.signInGrant(fixture.account)
        try await ConformanceStep.expect(VerificationError.unknownAccount, "enrol(_:for:grant:) reports an unknown account") {
            () throws(VerificationError) in
            try await fixture.provider.enrol(CredentialEnrolment(credential), for: unknown, grant: grant)
        }
        try await ConformanceStep.expect(
            VerificationError.unknownAccount, "restoreRequirement(for:recoverySignIn:) reports an unknown account"
        ) {
            () throws(VerificationError) in
            _ = try await fixture.provider.restoreRequirement(for: unknown, recoverySignIn: nil)
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

    /// A code is accepted once: the same code again (its time step already accepted from
    /// that credential) is refused, and so is an older step's.
    public func aCodeIsAcceptedOnlyOnce() async throws {
        let (fixture, clock) = try await setUp()
        let credential = mint(clock, "replay")
        try await fixture.enrol(CredentialEnrolment(credential), for: fixture.account)
        let code = VerificationTestSupport.code(of: credential, at: clock.now())
        try await ConformanceStep.check(
            fixture.provider.acceptsCode(code, for: fixture.account), "a current code is accepted", observed: "it was refused")
        for attempt in 2...3 {
            try await ConformanceStep.check(
                !fixture.provider.acceptsCode(code, for: fixture.account), "the same code is accepted only once",
                observed: "it was accepted again (attempt \(attempt))")
        }
        let older = VerificationTestSupport.code(of: credential, at: clock.now(), offsetSteps: -1)
        if older != code {
            try await ConformanceStep.check(
                !fixture.provider.acceptsCode(older, for: fixture.account),
                "a code of a step before the last accepted one is refused", observed: "it was accepted")
        }
    }

    /// Enrolment with an empty, made-up or other account's grant is refused with its typed
    /// error, and registers nothing.
    public func enrolmentWithoutAValidGrantIsRefused() async throws {
        let (fixture, clock) = try await setUp()
        let credential = CredentialEnrolment(mint(clock, "no grant"))
        let othersGrant = try await fixture.signInGrant(fixture.otherAccount)
        let cases: [(EnrolmentGrant, VerificationError, String)] = [
            (EnrolmentGrant(value: ""), .missingEnrolmentGrant, "an empty grant is refused with missingEnrolmentGrant"),
            (EnrolmentGrant(value: "made-up-by-the-client-\(UUID().uuidString)"), .forgedEnrolmentGrant,
             "a grant the provider did not issue is refused with forgedEnrolmentGrant"),
            (othersGrant, .enrolmentGrantForAnotherAccount,
             "another account's grant is refused with enrolmentGrantForAnotherAccount"),
        ]
        for (grant, expected, requirement) in cases {
            try await ConformanceStep.expect(expected, requirement) { () throws(VerificationError) in
                try await fixture.provider.enrol(credential, for: fixture.account, grant: grant)
            }
        }
        let listed = try await fixture.provider.credentials(for: fixture.account)
        try ConformanceStep.check(listed.isEmpty, "a refused enrolment registers nothing", observed: "\(listed.count) credentials")
    }

    /// A grant enrols one credential: a second use is `enrolmentGrantAlreadyUsed`, and an
    /// unused grant past its lifetime (a day later) is refused.
    public func aGrantIsUsedOnceAndExpires() async throws {
        let (fixture, clock) = try await setUp()
        let grant = try await fixture.signInGrant(fixture.account)
        try await fixture.provider.enrol(CredentialEnrolment(mint(clock, "once")), for: fixture.account, grant: grant)
        try await ConformanceStep.expect(VerificationError.enrolmentGrantAlreadyUsed, "a grant is used once") {
            () throws(VerificationError) in
            try await fixture.provider.enrol(CredentialEnrolment(mint(clock, "twice")), for: fixture.account, grant: grant)
        }
        let late = try await fixture.signInGrant(fixture.account)
        clock.advance(by: 24 * 3600)
        do {
            try await fixture.provider.enrol(CredentialEnrolment(mint(clock, "late")), for: fixture.account, grant: late)
            throw ConformanceFailure(requirement: "a grant expires", observed: "a day-old grant enrolled a credential")
        } catch let error as VerificationError {
            try ConformanceStep.check(
                error == .enrolmentGrantExpired || error == .forgedEnrolmentGrant, "a grant expires",
                observed: "threw \(error)")
        }
    }

    /// Without a recovery sign-in, a restore of either account asks for verification.
    public func aRestoreWithoutARecoverySignInNeedsVerification() async throws {
        let (fixture, _) = try await setUp()
        for account in [fixture.account, fixture.otherAccount] {
            let requirement = try await fixture.provider.restoreRequirement(for: account, recoverySignIn: nil)
            try ConformanceStep.check(
                Self.isVerify(requirement), "a restore without a recovery sign-in asks for verification",
                observed: "\(requirement)")
        }
    }

    /// The owner's recovery sign-in lets a restore enrol the account at once, with a grant
    /// the provider accepts once.
    public func theOwnersRecoverySignInMayEnrolAtOnce() async throws {
        let (fixture, clock) = try await setUp()
        guard let owner = try await fixture.ownerRecoverySignIn() else { return }
        let requirement = try await fixture.provider.restoreRequirement(for: fixture.account, recoverySignIn: owner)
        guard case let .enrolNow(grant) = requirement else {
            throw ConformanceFailure(
                requirement: "the owner's recovery sign-in lets a restore enrol at once", observed: "\(requirement)")
        }
        try await fixture.provider.enrol(CredentialEnrolment(mint(clock, "restored")), for: fixture.account, grant: grant)
        try await ConformanceStep.expect(VerificationError.enrolmentGrantAlreadyUsed, "a restore's grant is used once") {
            () throws(VerificationError) in
            try await fixture.provider.enrol(CredentialEnrolment(mint(clock, "again")), for: fixture.account, grant: grant)
        }
        let other = try await fixture.provider.restoreRequirement(for: fixture.otherAccount, recoverySignIn: owner)
        try ConformanceStep.check(
            Self.isVerify(other), "the owner's recovery sign-in does not stand for an account it does not own",
            observed: "\(other)")
    }

    /// Another identity's recovery sign-in, or a tampered one, asks for verification.
    public func anotherIdentitysOrAForgedRecoverySignInNeedsVerification() async throws {
        let (fixture, _) = try await setUp()
        var assertions: [(RecoveryIdentityAssertion, String)] = []
        if let stranger = try await fixture.strangerRecoverySignIn() { assertions.append((stranger, "another identity's")) }
        if let owner = try await fixture.ownerRecoverySignIn(), !owner.bytes.isEmpty {
            var bytes = owner.bytes
            bytes[bytes.count - 2] ^= 0x01
            assertions.append((RecoveryIdentityAssertion(bytes: bytes), "a tampered"))
            assertions.append((RecoveryIdentityAssertion(bytes: Array(owner.bytes.dropLast(8))), "a truncated"))
        }
        for (assertion, what) in assertions {
            let requirement = try await fixture.provider.restoreRequirement(for: fixture.account, recoverySignIn: assertion)
            try ConformanceStep.check(
                Self.isVerify(requirement), "\(what) recovery sign-in asks for verification", observed: "\(requirement)")
        }
    }

    /// Once a credential with push approvals is enrolled, the owner's recovery sign-in no
    /// longer stands for the account: the provider's record, not the device's, decides.
    public func anAccountWithPushApprovalsNeedsVerificationAtRestore() async throws {
        let (fixture, clock) = try await setUp()
        guard let owner = try await fixture.ownerRecoverySignIn() else { return }
        try await fixture.enrol(CredentialEnrolment(mint(clock, "push"), pushApprovals: true), for: fixture.account)
        let requirement = try await fixture.provider.restoreRequirement(for: fixture.account, recoverySignIn: owner)
        try ConformanceStep.check(
            requirement == .verify(.passwordAndAlternateContact),
            "an account with push approvals asks for its password and a code at restore", observed: "\(requirement)")
    }

    /// A revoked credential's codes and approvals are refused and it is no longer listed;
    /// the other credential keeps working.
    public func aRevokedCredentialIsRefusedAndTheOthersKeepWorking() async throws {
        let (fixture, clock) = try await setUp()
        let lost = mint(clock, "lost phone"), kept = mint(clock, "new phone")
        try await fixture.enrol(CredentialEnrolment(lost), for: fixture.account)
        try await fixture.enrol(CredentialEnrolment(kept), for: fixture.account)
        try await fixture.provider.revokeCredential(lost.id, for: fixture.account, grant: fixture.signInGrant(fixture.account))
        let listed = try await fixture.provider.credentials(for: fixture.account).map(\.id)
        try ConformanceStep.check(listed == [kept.id], "a revoked credential is no longer listed", observed: "\(listed)")
        let lostCode = VerificationTestSupport.code(of: lost, at: clock.now())
        let keptCode = VerificationTestSupport.code(of: kept, at: clock.now())
        if lostCode != keptCode {
            try await ConformanceStep.check(
                !fixture.provider.acceptsCode(lostCode, for: fixture.account), "a revoked credential's code is refused",
                observed: "it was accepted")
        }
        try await ConformanceStep.check(
            fixture.provider.acceptsCode(keptCode, for: fixture.account), "the other credential's code is accepted",
            observed: "it was refused")
        let challenge = Array("approve sign-in".utf8)
        try await ConformanceStep.check(
            !fixture.provider.acceptsApproval(PushApproval(challenge: challenge, signature: lost.signApproval(challenge)), for: fixture.account),
            "a revoked credential's approval is refused", observed: "it was accepted")
        try await ConformanceStep.check(
            fixture.provider.acceptsApproval(PushApproval(challenge: challenge, signature: kept.signApproval(challenge)), for: fixture.account),
            "the other credential's approval is accepted", observed: "it was refused")
        let grant = try await fixture.signInGrant(fixture.account)
        try await ConformanceStep.expect(VerificationError.unknownCredential, "revoking an unknown credential is refused") {
            () throws(VerificationError) in
            try await fixture.provider.revokeCredential(lost.id, for: fixture.account, grant: grant)
        }
    }

    /// Revoking needs a grant from a password sign-in: a made-up grant, another account's, or
    /// one from a recovery sign-in (what a thief holding the recovery password could get)
    /// revokes nothing.
    public func revocationNeedsAPasswordSignIn() async throws {
        let (fixture, clock) = try await setUp()
        let credential = mint(clock, "owner's phone")
        try await fixture.enrol(CredentialEnrolment(credential), for: fixture.account)
        try await ConformanceStep.expect(VerificationError.forgedEnrolmentGrant, "revoking with a made-up grant is refused") {
            () throws(VerificationError) in
            try await fixture.provider.revokeCredential(credential.id, for: fixture.account, grant: EnrolmentGrant(value: "thief"))
        }
        let others = try await fixture.signInGrant(fixture.otherAccount)
        try await ConformanceStep.expect(
            VerificationError.enrolmentGrantForAnotherAccount, "revoking with another account's grant is refused"
        ) {
            () throws(VerificationError) in
            try await fixture.provider.revokeCredential(credential.id, for: fixture.account, grant: others)
        }
        if let owner = try await fixture.ownerRecoverySignIn(),
           case let .enrolNow(grant) = try await fixture.provider.restoreRequirement(for: fixture.account, recoverySignIn: owner) {
            try await ConformanceStep.expect(
                VerificationError.grantDoesNotAllowRevocation, "revoking with a recovery sign-in's grant is refused"
            ) {
                () throws(VerificationError) in
                try await fixture.provider.revokeCredential(credential.id, for: fixture.account, grant: grant)
            }
        }
        let listed = try await fixture.provider.credentials(for: fixture.account).map(\.id)
        try ConformanceStep.check(listed == [credential.id], "a refused revocation changes nothing", observed: "\(listed)")
    }

    private static func isVerify(_ requirement: RestoreRequirement) -> Bool {
        if case .verify = requirement { return true }
        return false
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
///
/// Every check makes a fresh fixture whose service reads time from the given
/// ``AdjustableTimeSource``.
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

    private let makeService: @Sendable (AdjustableTimeSource) async throws -> Fixture

    /// Checks for the services `makeFixture` creates (a fresh one per check); it must wire
    /// the clock it is given into the service.
    public init(makeFixture: @escaping @Sendable (_ clock: AdjustableTimeSource) async throws -> Fixture) {
        self.makeService = makeFixture
    }

    private func makeFixture() async throws -> Fixture {
        try await makeService(AdjustableTimeSource(unixTime: 1_735_689_615))
    }

    /// Runs every check.
    public func runAll() async throws {
        try await signingInReportsThePersonalAccount()
        try await signingInReportsTheWorkAccountWithItsOrganisation()
        try await aWrongSignInPasswordIsRefusedAndCountsLikeAVerificationOne()
        try await signingInToAnUnknownUserNameIsAnsweredAsAWrongPassword()
        try await guessingWaitsAfterFiveWrongPasswordsButNeverForGood()
        try await anUnknownUserNameIsThrottledLikeAKnownOne()
        try await guessingCodesWaitsAfterFiveWrongCodes()
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
            case .tooManyAttempts where afterSignIn == 1: break
            default:
                throw ConformanceFailure(
                    requirement: requirement, observed: "\(afterSignIn) attempts left after the sign-in, then \(error)"
                )
            }
        }
    }

    /// Signing in with a user name the service does not know is answered exactly as a wrong
    /// password of a known one: the same error, with the same attempts left.
    public func signingInToAnUnknownUserNameIsAnsweredAsAWrongPassword() async throws {
        let fixture = try await makeFixture()
        let wrong = SecureBytes(copying: Array("definitely not the password".utf8))
        let known = await Self.outcome { () throws(VerificationError) in
            _ = try await fixture.service.signIn(userName: fixture.personalUserName, password: wrong)
        }
        let unknown = await Self.outcome { () throws(VerificationError) in
            _ = try await fixture.service.signIn(userName: "nobody-\(UUID().uuidString)", password: fixture.password)
        }
        try ConformanceStep.check(
            known == unknown && known != nil, "an unknown user name is answered as a wrong password",
            observed: "known user: \(known.map { "\($0)" } ?? "signed in"), unknown: \(unknown.map { "\($0)" } ?? "signed in")")
    }

    /// After five wrong passwords within 15 minutes every attempt — the right password
    /// included — waits (`tooManyAttempts`); once the wait is over, the right password signs in.
    public func guessingWaitsAfterFiveWrongPasswordsButNeverForGood() async throws {
        let clock = AdjustableTimeSource(unixTime: 1_735_689_615)
        let fixture = try await makeService(clock)
        let wrong = SecureBytes(copying: Array("definitely not the password".utf8))
        var retryAfter: Date?
        for _ in 0..<5 {
            let error = await Self.outcome { () throws(VerificationError) in
                _ = try await fixture.service.signIn(userName: fixture.personalUserName, password: wrong)
            }
            if case let .tooManyAttempts(until)? = error { retryAfter = until; break }
        }
        guard let retryAfter else {
            throw ConformanceFailure(
                requirement: "five wrong passwords make every attempt wait", observed: "no tooManyAttempts after five")
        }
        let right = await Self.outcome { () throws(VerificationError) in
            _ = try await fixture.service.signIn(userName: fixture.personalUserName, password: fixture.password)
        }
        try ConformanceStep.check(
            right == .tooManyAttempts(retryAfter: retryAfter), "while it waits, even the right password is refused",
            observed: "\(right.map { "\($0)" } ?? "signed in")")
        clock.set(to: retryAfter)
        let after = await Self.outcome { () throws(VerificationError) in
            _ = try await fixture.service.signIn(userName: fixture.personalUserName, password: fixture.password)
        }
        try ConformanceStep.check(
            after == nil, "once the wait is over the right password signs in (no permanent lock)",
            observed: "\(after.map { "\($0)" } ?? "")")
    }

    /// An unknown user name reaches the wait after as many wrong passwords as a known one.
    public func anUnknownUserNameIsThrottledLikeAKnownOne() async throws {
        let fixture = try await makeFixture()
        let wrong = SecureBytes(copying: Array("definitely not the password".utf8))
        let stranger = "nobody-\(UUID().uuidString)"
        var known: [String] = [], unknown: [String] = []
        for _ in 0..<6 {
            let a = await Self.outcome { () throws(VerificationError) in
                _ = try await fixture.service.signIn(userName: fixture.personalUserName, password: wrong)
            }
            let b = await Self.outcome { () throws(VerificationError) in
                _ = try await fixture.service.signIn(userName: stranger, password: wrong)
            }
            known.append(a?.caseName ?? "signedIn")
            unknown.append(b?.caseName ?? "signedIn")
        }
        try ConformanceStep.check(
            known == unknown && known.last == "tooManyAttempts", "an unknown user name is throttled like a known one",
            observed: "known \(known), unknown \(unknown)")
    }

    /// After five wrong codes every further code waits (`tooManyAttempts`).
    public func guessingCodesWaitsAfterFiveWrongCodes() async throws {
        let fixture = try await makeFixture()
        let check = try await fixture.service.checkPassword(fixture.password, for: fixture.personalAccount)
        _ = try await fixture.service.sendCode(to: check.contacts[0], ticket: check.ticket)
        let code = try await fixture.readCode(fixture.contact) ?? ""
        let wrong = code == "000000" ? "111111" : "000000"
        var last: VerificationError?
        for _ in 0..<5 {
            last = await Self.outcome { () throws(VerificationError) in
                _ = try await fixture.service.checkCode(wrong, ticket: check.ticket)
            }
        }
        guard case .tooManyAttempts? = last else {
            throw ConformanceFailure(
                requirement: "five wrong codes make every attempt wait", observed: "\(last.map { "\($0)" } ?? "accepted")")
        }
        let right = await Self.outcome { () throws(VerificationError) in
            _ = try await fixture.service.checkCode(code, ticket: check.ticket)
        }
        try ConformanceStep.check(
            right != nil, "after five wrong codes the right one is not accepted on that ticket", observed: "it was accepted")
    }

    /// The error `body` throws, or `nil` when it succeeds.
    private static func outcome(_ body: () async throws(VerificationError) -> Void) async -> VerificationError? {
        do { try await body(); return nil } catch { return error }
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
        let grant = try await fixture.service.checkCode(code, ticket: check.ticket)
        try ConformanceStep.check(!grant.value.isEmpty, "a right code returns a grant", observed: "an empty grant")
        try await ConformanceStep.expect(VerificationError.verificationExpired, "a code is accepted only once") {
            () throws(VerificationError) in
            _ = try await fixture.service.checkCode(code, ticket: check.ticket)
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
            _ = try await fixture.service.checkCode(wrong, ticket: check.ticket)
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
        _ = try await fixture.service.checkEnrolmentPayload(payload, for: fixture.workAccount, organisation: fixture.organisation)
        try await ConformanceStep.expect(VerificationError.enrolmentPayloadAlreadyUsed, "an enrolment payload is accepted once") {
            () throws(VerificationError) in
            _ = try await fixture.service.checkEnrolmentPayload(payload, for: fixture.workAccount, organisation: fixture.organisation)
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
            _ = try await fixture.service.checkEnrolmentPayload(payload, for: fixture.workAccount, organisation: fixture.organisation)
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
            _ = try await fixture.service.checkEnrolmentPayload(
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
            _ = try await fixture.service.checkEnrolmentPayload(
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
