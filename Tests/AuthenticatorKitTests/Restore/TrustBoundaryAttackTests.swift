import AuthenticatorKitEmbedded
import AuthenticatorKit
import AuthenticatorKitTestSupport
import Foundation
import Testing

/// Issue 11, reproductions 1 and 2 through the SDK, written as the attacks: whatever a
/// backup or a vault says, only the provider's records and a grant it issued mint a
/// credential.
@Suite("Trust boundaries: the provider decides what a restore mints")
struct TrustBoundaryAttackTests {
    /// The provider of `world`, trusting the world's recovery-account service.
    private func provider(_ world: BackupWorld) -> LocalAccountProvider {
        LocalAccountProvider(
            directory: VerificationTestSupport.temporaryDirectory(), clock: world.clock, passwordHashing: .testing,
            recoveryIdentityTrust: .service(world.service))
    }

    /// A personal account of `reference` as a vault holds it, with the push flag `push`.
    private func personal(_ userName: String, reference: ProviderAccountReference, push: Bool, credential: DeviceCredential? = nil) -> Account {
        Account(
            provider: Account.ProviderDetails(
                kind: .personal, issuer: "Contoso ID", userName: userName, reference: reference,
                pushApprovalsEnabled: push, device: credential.map { .enrolled($0) } ?? .awaitingEnrolment),
            createdAt: BackupWorld.start)
    }

    private func restore(_ world: BackupWorld, provider: LocalAccountProvider) async throws -> (RestoreReport, NewDevice) {
        let device = try world.newDevice()
        var session = world.restore(on: device, provider: provider)
        try await session.startRecovery()
        try await session.signIn(recoveryAccount: BackupWorld.user, password: BackupWorld.password, cloudIdentity: nil)
        _ = try await session.plan()
        return (try await session.commit(), device)
    }

    @Test func clearingThePushFlagInTheBackedUpVaultDoesNotMintACredential() async throws {
        // The owner's own personal account has push approvals: the provider recorded it when
        // the owner's phone enrolled.
        let world = try await BackupWorld()
        let provider = provider(world)
        let reference = try await provider.createAccount(
            userName: BackupWorld.user.rawValue, kind: .personal, password: BackupWorld.password
        ).reference
        let phone = DeviceCredential(createdAt: BackupWorld.start)
        try await provider.enrol(
            CredentialEnrolment(phone, pushApprovals: true), for: reference,
            grant: provider.issueTemporaryAccessPass(for: reference))
        // The attacker, who knows only the recovery password, restored once, cleared the
        // flag in their own vault and let the SDK re-seal it: the backup now says "no push".
        var edited = Vault(platform: .android)
        let account = personal(BackupWorld.user.rawValue, reference: reference, push: false)
        try edited.add(account)
        _ = try await world.oldDevice(edited)

        let (report, device) = try await restore(world, provider: provider)
        let entry = try #require(report.plan.entries.first { $0.accountID == account.id })
        #expect(entry.outcome == .needsVerification(.passwordAndAlternateContact))
        #expect(entry.providerDecision == .verify(.passwordAndAlternateContact))
        #expect(report.enrolledAccounts.isEmpty)
        #expect(try await device.store.load()?.account(withID: account.id)?.deviceCredential == nil)
        #expect(try await provider.credentialIDs(for: reference) == [phone.id])
    }

    @Test func theAttackersOwnRecoveryAccountWithTheVictimsReferenceDoesNotMintACredential() async throws {
        // The world's recovery account is the attacker's own; the victim's personal account
        // (no push approvals) is owned by the victim's recovery identity.
        let world = try await BackupWorld()
        let provider = provider(world)
        let victim = try await provider.createAccount(
            userName: "victim@contoso.example", kind: .personal, password: BackupWorld.password
        ).reference
        // The attacker's vault entry: their own user name, the victim's provider reference.
        var forged = Vault(platform: .android)
        let account = personal(BackupWorld.user.rawValue, reference: victim, push: false)
        try forged.add(account)
        _ = try await world.oldDevice(forged)

        let (report, device) = try await restore(world, provider: provider)
        let entry = try #require(report.plan.entries.first { $0.accountID == account.id })
        #expect(entry.outcome == .needsVerification(.passwordAndAlternateContact))
        #expect(report.enrolledAccounts.isEmpty)
        #expect(try await device.store.load()?.account(withID: account.id)?.deviceCredential == nil)
        #expect(try await provider.credentialIDs(for: victim).isEmpty)
    }

    @Test func withoutTheRecoveryServicesTrustNothingIsMintedAtOnce() async throws {
        let world = try await BackupWorld()
        let untrusting = LocalAccountProvider(
            directory: VerificationTestSupport.temporaryDirectory(), clock: world.clock, passwordHashing: .testing)
        let reference = try await untrusting.createAccount(
            userName: BackupWorld.user.rawValue, kind: .personal, password: BackupWorld.password
        ).reference
        var old = Vault(platform: .android)
        let account = personal(BackupWorld.user.rawValue, reference: reference, push: false)
        try old.add(account)
        _ = try await world.oldDevice(old)
        let (report, _) = try await restore(world, provider: untrusting)
        #expect(report.plan.entries.first?.outcome == .needsVerification(.passwordAndAlternateContact))
        #expect(report.enrolledAccounts.isEmpty)
    }

    @Test func anAccountTheProviderDoesNotKnowWaitsForVerificationAndSaysWhy() async throws {
        let world = try await BackupWorld()
        let provider = provider(world)
        var old = Vault(platform: .android)
        let account = personal(BackupWorld.user.rawValue, reference: "made-up", push: false)
        try old.add(account)
        _ = try await world.oldDevice(old)
        let (report, _) = try await restore(world, provider: provider)
        #expect(report.plan.entries.first?.outcome == .needsVerification(.passwordAndAlternateContact))
        #expect(report.plan.entries.first?.providerDecision == .unknownAccount)
    }

    @Test func anUnavailableProviderLeavesEveryAccountWaitingWithTheReason() async throws {
        let world = try await BackupWorld()
        let blocker = VerificationTestSupport.temporaryDirectory("blocker")
        try Data("a file, not a folder".utf8).write(to: blocker)
        let unreachable = LocalAccountProvider(
            directory: blocker.appendingPathComponent("provider"), clock: world.clock, passwordHashing: .testing,
            recoveryIdentityTrust: .service(world.service))
        var old = Vault(platform: .android)
        try old.add(personal(BackupWorld.user.rawValue, reference: "r", push: false))
        _ = try await world.oldDevice(old)
        let (report, _) = try await restore(world, provider: unreachable)
        let decision = try #require(report.plan.entries.first?.providerDecision)
        #expect(decision.caseName == "unavailable")
        #expect(report.plan.entries.first?.outcome == .needsVerification(.passwordAndAlternateContact))
    }

    @Test func aGrantMadeUpByTheClientEnrolsNothing() async throws {
        let device = try await VerificationDevice.make()
        let account = device.vault.account(withID: device.personal.id)
        let restored = try #require(account)
        await #expect(throws: VerificationError.forgedEnrolmentGrant) {
            _ = try await DeviceEnrolment(provider: device.provider, clock: device.clock)
                .enrolRestoredAccount(restored, grant: EnrolmentGrant(value: "I say so"))
        }
        #expect(try await device.provider.credentialIDs(for: device.alice.reference).isEmpty)
    }
}
