import SodiumBridge
import AccountModel
import AuthenticatorKitEmbedded
import AuthenticatorKitTestSupport
import Foundation
import Testing
@testable import VerificationFlow

/// Adding a personal or work-or-school account to a device: a password sign-in to the
/// provider account, then the device's first credential.
@Suite("Provider sign-in")
struct ProviderSignInTests {
    /// The account as a device holds it right after adding it, before it has a credential.
    private func addedAccount(_ providerAccount: ProviderAccount) -> Account {
        addedAccount(signIn(of: providerAccount))
    }

    /// The account as a device holds it right after signing in to it.
    private func addedAccount(_ signedIn: ProviderSignIn) -> Account {
        Account(
            provider: Account.ProviderDetails(
                kind: signedIn.kind == .workOrSchool ? .workOrSchool : .personal,
                issuer: signedIn.issuer,
                userName: signedIn.userName,
                reference: signedIn.reference,
                device: .awaitingEnrolment),
            createdAt: Date(timeIntervalSince1970: 1_700_000_000)
        )
    }

    /// What signing in to `providerAccount` reports.
    private func signIn(of providerAccount: ProviderAccount, grant: EnrolmentGrant = EnrolmentGrant(value: "")) -> ProviderSignIn {
        ProviderSignIn(
            reference: providerAccount.reference,
            kind: providerAccount.kind,
            issuer: providerAccount.organisation ?? LocalAccountProvider.defaultPersonalAccountIssuer,
            userName: providerAccount.userName,
            grant: grant
        )
    }

    @Test func signingInWithTheRightPasswordReturnsTheAccountWithItsOrganisationOrTheProvidersNameAsIssuer() async throws {
        let world = try await VerificationWorld.make()
        let account = try await world.provider.signIn(userName: "alice", password: password(VerificationWorld.alicePassword))
        #expect(account == signIn(of: world.alice, grant: account.grant))
        let work = try await world.provider.signIn(userName: "bob@contoso.com", password: password("bob's secret"))
        #expect(work == signIn(of: world.bob, grant: work.grant))
        #expect(work.issuer == "Contoso")
    }

    @Test func signingInIgnoresTheCaseAndSpacesAroundTheUserName() async throws {
        let world = try await VerificationWorld.make()
        let account = try await world.provider.signIn(userName: " Bob@Contoso.com ", password: password("bob's secret"))
        #expect(account == signIn(of: world.bob, grant: account.grant))
    }

    @Test func thePersonalAccountsIssuerIsTheNameTheProviderWasGiven() async throws {
        let world = try await VerificationWorld.make()
        let named = LocalAccountProvider(
            directory: world.directory, clock: world.clock, passwordHashing: .testing, personalAccountIssuer: "Example ID"
        )
        let account = try await named.signIn(userName: "alice", password: password(VerificationWorld.alicePassword))
        #expect(account.issuer == "Example ID")
    }

    @Test func anUnknownUserNameIsAnsweredExactlyAsAWrongPassword() async throws {
        let world = try await VerificationWorld.make()
        await #expect(throws: VerificationError.wrongPassword(attemptsRemaining: 4)) {
            try await world.provider.signIn(userName: "mallory", password: password("anything"))
        }
        await #expect(throws: VerificationError.wrongPassword(attemptsRemaining: 4)) {
            try await world.provider.signIn(userName: "alice", password: password("anything"))
        }
    }

    @Test func anEmptyPasswordIsRefusedBeforeAnyCheck() async throws {
        let world = try await VerificationWorld.make()
        await #expect(throws: VerificationError.emptyPassword) {
            try await world.provider.signIn(userName: "alice", password: SecureBytes(copying: []))
        }
    }

    @Test func wrongPasswordsCountAndTheLastAllowedOneMakesEveryAttemptWait() async throws {
        let world = try await VerificationWorld.make(limits: VerificationLimits(passwordAttempts: 2))
        await #expect(throws: VerificationError.wrongPassword(attemptsRemaining: 1)) {
            try await world.provider.signIn(userName: "alice", password: password("wrong"))
        }
        let until = world.clock.now().addingTimeInterval(world.limits.lockoutDuration)
        await #expect(throws: VerificationError.tooManyAttempts(retryAfter: until)) {
            try await world.provider.signIn(userName: "alice", password: password("wrong again"))
        }
        // Waiting: even the right password is refused until the wait ends.
        await #expect(throws: VerificationError.tooManyAttempts(retryAfter: until)) {
            try await world.provider.signIn(userName: "alice", password: password(VerificationWorld.alicePassword))
        }
        world.clock.advance(by: world.limits.lockoutDuration)
        let after = try await world.provider.signIn(userName: "alice", password: password(VerificationWorld.alicePassword))
        #expect(after == signIn(of: world.alice, grant: after.grant))
    }

    @Test func aRightPasswordResetsTheCountOfWrongOnes() async throws {
        let world = try await VerificationWorld.make(limits: VerificationLimits(passwordAttempts: 2))
        await #expect(throws: VerificationError.wrongPassword(attemptsRemaining: 1)) {
            try await world.provider.signIn(userName: "alice", password: password("wrong"))
        }
        _ = try await world.provider.signIn(userName: "alice", password: password(VerificationWorld.alicePassword))
        await #expect(throws: VerificationError.wrongPassword(attemptsRemaining: 1)) {
            try await world.provider.signIn(userName: "alice", password: password("wrong"))
        }
    }

    @Test func enrolmentAfterASignInGivesTheAddedAccountItsFirstCredential() async throws {
        let world = try await VerificationWorld.make()
        let signedIn = try await world.provider.signIn(userName: "bob@contoso.com", password: password("bob's secret"))
        let account = addedAccount(signedIn)
        let proof = try VerificationProof.providerSignIn(signedIn, for: account, at: world.clock.now())
        #expect(proof.evidence == .providerSignIn)
        let enrolled = try await DeviceEnrolment(provider: world.provider, clock: world.clock).enrol(account, proof: proof)
        let credential = try #require(enrolled.deviceCredential)
        #expect(enrolled.restoreState == .active)
        #expect(try await world.provider.credentialIDs(for: world.bob.reference) == [credential.id])
        #expect(try await world.provider.acceptsCode(VerificationTestSupport.code(of: credential, at: world.clock.now()), for: world.bob.reference))
    }

    @Test func aSignInProofDoesNotEnrolAnAccountThatAlreadyHasACredentialOrWaitsForVerification() async throws {
        let world = try await VerificationWorld.make()
        let enrolment = DeviceEnrolment(provider: world.provider, clock: world.clock)
        var withCredential = addedAccount(world.alice)
        withCredential.content = .provider(try #require(withCredential.provider).enrolled(
            with: DeviceCredential(createdAt: world.clock.now(), using: DeterministicRandom(seed: "device"))))
        let restored = world.restoredAccount(world.alice)
        for account in [withCredential, restored] {
            let proof = try VerificationProof.providerSignIn(signIn(of: world.alice), for: account, at: world.clock.now())
            await #expect(throws: VerificationError.verificationNotNeeded) {
                try await enrolment.enrol(account, proof: proof)
            }
        }
        #expect(try await world.provider.credentialIDs(for: world.alice.reference).isEmpty)
    }

    @Test func aSignInProofNeedsAProviderAccount() async throws {
        let thirdParty = try SampleVaults.thirdPartyAccount(userName: "carol")
        let anySignIn = ProviderSignIn(reference: "r", kind: .personal, issuer: "i", userName: "u", grant: EnrolmentGrant(value: "g"))
        #expect(throws: VerificationError.verificationNotNeeded) {
            try VerificationProof.providerSignIn(anySignIn, for: thirdParty, at: Date())
        }
        let scanned = Account(
            provider: Account.ProviderDetails(
                kind: .personal, issuer: thirdParty.issuer, userName: thirdParty.userName,
                device: .scannedSecret(try #require(thirdParty.generator))),
            createdAt: thirdParty.createdAt)
        #expect(throws: VerificationError.missingProviderAccount) {
            try VerificationProof.providerSignIn(anySignIn, for: scanned, at: Date())
        }
    }
}
