import BackupServices
import AuthenticatorKitEmbedded
import AccountModel
import AuthenticatorKitTestSupport
import Foundation
import Testing
@testable import VerificationFlow

@Suite("DeviceEnrolment")
struct DeviceEnrolmentTests {
    private func enrolment(_ world: VerificationWorld) -> DeviceEnrolment {
        DeviceEnrolment(provider: world.provider, clock: world.clock)
    }

    @Test func enrolmentAfterPersonalVerificationMakesTheAccountActiveWithANewCredential() async throws {
        let world = try await VerificationWorld.make()
        let account = world.restoredAccount(world.alice)
        let flow = try await world.alicesFlow(upTo: "verified", account: account)
        world.clock.advance(by: 5)
        let enrolled = try await enrolment(world).enrol(account, proof: try #require(flow.proof))
        let credential = try #require(enrolled.deviceCredential)
        #expect(enrolled.restoreState == .active)
        #expect(enrolled.id == account.id)
        #expect(credential.createdAt == world.clock.now())
        #expect(enrolled.modifiedAt == world.clock.now())
        #expect(try await world.provider.credentialIDs(for: world.alice.reference) == [credential.id])
        #expect(enrolled.generator != nil)
    }

    @Test func enrolmentAfterQRVerificationMakesTheAccountActive() async throws {
        let world = try await VerificationWorld.make()
        let account = world.restoredAccount(world.bob)
        var flow = try WorkOrSchoolVerification(for: account, service: world.provider, clock: world.clock)
        try await flow.submitScannedCode(try await world.provider.qrPayload(for: world.bob.reference))
        let enrolled = try await enrolment(world).enrol(account, proof: try #require(flow.proof))
        #expect(enrolled.restoreState == .active)
        let credential = try #require(enrolled.deviceCredential)
        #expect(try await world.provider.credentialIDs(for: world.bob.reference) == [credential.id])
    }

    @Test func oldAndNewDeviceCodesDifferAndTheProviderAcceptsBoth() async throws {
        let world = try await VerificationWorld.make()
        let old = try await world.oldDeviceCredential(for: world.alice)
        let account = world.restoredAccount(world.alice)
        let flow = try await world.alicesFlow(upTo: "verified", account: account)
        let enrolled = try await enrolment(world).enrol(account, proof: try #require(flow.proof))
        let new = try #require(enrolled.deviceCredential)

        var differing = 0
        for _ in 0..<4 {
            let oldCode = VerificationTestSupport.code(of: old, at: world.clock.now())
            let newCode = VerificationTestSupport.code(of: new, at: world.clock.now())
            if oldCode != newCode { differing += 1 }
            #expect(try await world.provider.acceptsCode(oldCode, for: world.alice.reference))
            #expect(try await world.provider.acceptsCode(newCode, for: world.alice.reference))
            world.clock.advance(by: 30)
        }
        // Independent seeds: equal codes in a step happen one time in a million.
        #expect(differing >= 3)
        #expect(old.generator.secret != new.generator.secret)
        #expect(try await world.provider.credentialIDs(for: world.alice.reference) == [old.id, new.id])
    }

    @Test func aPushApprovalSignedByEitherDeviceVerifies() async throws {
        let world = try await VerificationWorld.make()
        let old = try await world.oldDeviceCredential(for: world.alice)
        let account = world.restoredAccount(world.alice, push: true)
        let flow = try await world.alicesFlow(upTo: "verified", account: account)
        let proof = try #require(flow.proof)
        let new = try #require(try await enrolment(world).enrol(account, proof: proof).deviceCredential)
        let challenge = Array("sign-in request 42 from Lisbon".utf8)
        for device in [old, new] {
            let approval = PushApproval(challenge: challenge, signature: device.signApproval(challenge))
            #expect(try await world.provider.acceptsApproval(approval, for: world.alice.reference))
        }
        #expect(old.publicKey != new.publicKey)
    }

    @Test func aCredentialOfAnotherAccountIsRefused() async throws {
        let world = try await VerificationWorld.make()
        let alices = try await world.oldDeviceCredential(for: world.alice)
        let bobs = try await world.oldDeviceCredential(for: world.bob)
        let challenge = Array("approve".utf8)
        let approval = PushApproval(challenge: challenge, signature: alices.signApproval(challenge))
        #expect(try await world.provider.acceptsApproval(approval, for: world.bob.reference) == false)
        // Both credentials come from fixed seeds and the world's clock is fixed, so the two
        // codes are known to differ: Alice's code must be refused for Bob.
        let code = VerificationTestSupport.code(of: alices, at: world.clock.now())
        try #require(code != VerificationTestSupport.code(of: bobs, at: world.clock.now()))
        #expect(try await world.provider.acceptsCode(code, for: world.bob.reference) == false)
        #expect(try await world.provider.credentialIDs(for: world.bob.reference) == [bobs.id])
    }

    @Test func enrolmentFailureLeavesTheAccountAndTheProviderUnchanged() async throws {
        let world = try await VerificationWorld.make()
        let account = world.restoredAccount(world.alice)
        let before = AccountState(account)
        let flow = try await world.alicesFlow(upTo: "verified", account: account)
        let failing = DeviceEnrolment(provider: FailingEnrolmentProvider(base: world.provider), clock: world.clock)
        await #expect(throws: VerificationError.providerUnavailable(reason: "simulated outage")) {
            _ = try await failing.enrol(account, proof: try #require(flow.proof))
        }
        #expect(AccountState(account) == before)
        #expect(try await world.provider.credentialIDs(for: world.alice.reference).isEmpty)

        // The same proof still enrols once the provider is back.
        let enrolled = try await enrolment(world).enrol(account, proof: try #require(flow.proof))
        #expect(enrolled.restoreState == .active)
    }

    @Test func enrolmentFailureInAVaultLeavesTheVaultUnchanged() async throws {
        let world = try await VerificationWorld.make()
        let account = world.restoredAccount(world.alice)
        let vault = Vault(accounts: [account], settings: Settings(platform: .ios), revision: 7)
        let flow = try await world.alicesFlow(upTo: "verified", account: account)
        let failing = DeviceEnrolment(provider: FailingEnrolmentProvider(base: world.provider), clock: world.clock)
        await #expect(throws: VerificationError.self) {
            _ = try await failing.enrol(accountWithID: account.id, in: vault, proof: try #require(flow.proof))
        }
        #expect(vault.revision == 7)
        #expect(AccountState(vault.accounts[0]) == AccountState(account))
    }

    @Test func aVaultAtItsLastRevisionIsAVaultFailure() async throws {
        let world = try await VerificationWorld.make()
        let account = world.restoredAccount(world.alice)
        let vault = Vault(accounts: [account], settings: Settings(platform: .ios), revision: .max)
        let flow = try await world.alicesFlow(upTo: "verified", account: account)
        await #expect(throws: VerificationError.vaultFailure(.revisionOverflow)) {
            _ = try await enrolment(world).enrol(accountWithID: account.id, in: vault, proof: try #require(flow.proof))
        }
    }

    @Test func enrollingInAVaultReplacesOnlyThatAccountAndIncreasesTheRevision() async throws {
        let world = try await VerificationWorld.make()
        let alice = world.restoredAccount(world.alice)
        let bob = world.restoredAccount(world.bob)
        let vault = Vault(accounts: [bob, alice], settings: Settings(platform: .android), revision: 3)
        let flow = try await world.alicesFlow(upTo: "verified", account: alice)
        let updated = try await enrolment(world).enrol(accountWithID: alice.id, in: vault, proof: try #require(flow.proof))
        #expect(updated.revision == 4)
        #expect(updated.accounts.map(\.id) == [bob.id, alice.id])
        #expect(updated.accounts[1].restoreState == .active)
        #expect(AccountState(updated.accounts[0]) == AccountState(bob))
        #expect(updated.settings == vault.settings)
    }

    @Test func enrollingAnAccountMissingFromTheVaultIsRefused() async throws {
        let world = try await VerificationWorld.make()
        let alice = world.restoredAccount(world.alice)
        let vault = Vault(platform: .ios)
        let flow = try await world.alicesFlow(upTo: "verified", account: alice)
        await #expect(throws: VerificationError.accountNotFound(alice.id)) {
            _ = try await enrolment(world).enrol(accountWithID: alice.id, in: vault, proof: try #require(flow.proof))
        }
    }

    @Test func aProofForAnotherAccountIsRefused() async throws {
        let world = try await VerificationWorld.make()
        let alice = world.restoredAccount(world.alice)
        let flow = try await world.alicesFlow(upTo: "verified", account: alice)
        let anotherCopy = world.restoredAccount(world.alice)
        await #expect(throws: VerificationError.proofForAnotherAccount) {
            _ = try await enrolment(world).enrol(anotherCopy, proof: try #require(flow.proof))
        }
        #expect(try await world.provider.credentialIDs(for: world.alice.reference).isEmpty)
    }

    @Test func anAccountAlreadyEnrolledIsNotEnrolledAgain() async throws {
        let world = try await VerificationWorld.make()
        let alice = world.restoredAccount(world.alice)
        let proof = try #require(try await world.alicesFlow(upTo: "verified", account: alice).proof)
        let enrolled = try await enrolment(world).enrol(alice, proof: proof)
        await #expect(throws: VerificationError.verificationNotNeeded) {
            _ = try await enrolment(world).enrol(enrolled, proof: proof)
        }
        #expect(try await world.provider.credentialIDs(for: world.alice.reference).count == 1)
    }

    // MARK: A restored account the provider lets the recovery sign-in stand for

    /// The grant the provider gives a restore of `account` after the recovery sign-in as
    /// `recoveryUser`, in `world` (whose provider trusts a fresh recovery-account service).
    private func restoreGrant(
        _ world: VerificationWorld, for account: ProviderAccount, signedInAs recoveryUser: String
    ) async throws -> RestoreRequirement {
        let services = VerificationTestSupport.temporaryDirectory("recovery")
        try FileManager.default.createDirectory(at: services, withIntermediateDirectories: true)
        let recovery = LocalRecoveryAccountService(directory: services, clock: world.clock, passwordHashing: .testing)
        try await recovery.createAccount(userName: RecoveryAccountName(recoveryUser), password: password("recovery password"))
        let session = try await recovery.signIn(userName: RecoveryAccountName(recoveryUser), password: password("recovery password"))
        let provider = LocalAccountProvider(
            directory: world.directory, clock: world.clock, limits: world.limits, passwordHashing: .testing,
            recoveryIdentityTrust: .service(recovery))
        return try await provider.restoreRequirement(for: account.reference, recoverySignIn: session.identityAssertion)
    }

    @Test func theRecoveryAccountIsEnrolledRightAfterRestoreWithTheProvidersGrant() async throws {
        let world = try await VerificationWorld.make()
        let old = try await world.oldDeviceCredential(for: world.alice)
        guard case let .enrolNow(grant) = try await restoreGrant(world, for: world.alice, signedInAs: "Alice") else {
            Issue.record("the provider asked for verification")
            return
        }
        let restored = world.restoredAccount(world.alice)
        let enrolled = try await enrolment(world).enrolRestoredAccount(restored, grant: grant)
        let new = try #require(enrolled.deviceCredential)
        #expect(enrolled.restoreState == .active)
        #expect(try await world.provider.credentialIDs(for: world.alice.reference) == [old.id, new.id])
        #expect(try await world.provider.acceptsCode(VerificationTestSupport.code(of: new, at: world.clock.now()), for: world.alice.reference))
    }

    @Test func theRecoveryAccountRestoredActiveWithoutCredentialIsEnrolledToo() async throws {
        let world = try await VerificationWorld.make()
        guard case let .enrolNow(grant) = try await restoreGrant(world, for: world.alice, signedInAs: "alice") else {
            Issue.record("the provider asked for verification")
            return
        }
        var restored = world.restoredAccount(world.alice)
        restored.updateProviderDetails { $0.device = .awaitingEnrolment }
        let enrolled = try await enrolment(world).enrolRestoredAccount(restored, grant: grant)
        #expect(enrolled.deviceCredential != nil)
    }

    @Test func anotherIdentitysRecoverySignInGetsNoGrant() async throws {
        let world = try await VerificationWorld.make()
        #expect(try await restoreGrant(world, for: world.alice, signedInAs: "mallory") == .verify(.passwordAndAlternateContact))
        #expect(try await restoreGrant(world, for: world.bob, signedInAs: "bob@contoso.com") == .verify(.providerQRCode))
    }

    @Test func aClientMadeGrantEnrolsNothing() async throws {
        let world = try await VerificationWorld.make()
        let restored = world.restoredAccount(world.alice)
        await #expect(throws: VerificationError.forgedEnrolmentGrant) {
            _ = try await enrolment(world).enrolRestoredAccount(restored, grant: EnrolmentGrant(value: "trust me"))
        }
        await #expect(throws: VerificationError.missingEnrolmentGrant) {
            _ = try await enrolment(world).enrolRestoredAccount(restored, grant: EnrolmentGrant(value: ""))
        }
        #expect(try await world.provider.credentialIDs(for: world.alice.reference).isEmpty)
    }

    @Test func theRecoveryAccountAlreadyHoldingACredentialIsNotEnrolledAgain() async throws {
        let world = try await VerificationWorld.make()
        guard case let .enrolNow(grant) = try await restoreGrant(world, for: world.alice, signedInAs: "alice") else {
            Issue.record("the provider asked for verification")
            return
        }
        let enrolled = try await enrolment(world).enrolRestoredAccount(world.restoredAccount(world.alice), grant: grant)
        await #expect(throws: VerificationError.verificationNotNeeded) {
            _ = try await enrolment(world).enrolRestoredAccount(enrolled, grant: grant)
        }
    }
}
