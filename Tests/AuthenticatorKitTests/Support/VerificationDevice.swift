import AuthenticatorKitEmbedded
import AuthenticatorKit
import AuthenticatorKitTestSupport
import Foundation
import Testing

/// A restored device for verification tests: an embedded provider in a temporary folder with
/// Alice (personal, e-mail on file) and Bob (work, Contoso), and a vault restored from the old
/// device — a third-party GitHub account, Alice's personal account with push approvals and
/// Bob's work account, the last two waiting for verification.
struct VerificationDevice {
    static let alicePassword = "correct horse battery staple"
    static let aliceEmail = "alice@example.com"

    let clock: AdjustableTimeSource
    let provider: LocalAccountProvider
    let alice: ProviderAccount
    let bob: ProviderAccount
    let github: Account
    let personal: Account
    let work: Account
    let vault: Vault

    static func make() async throws -> VerificationDevice {
        let clock = AdjustableTimeSource(unixTime: 1_735_689_600)
        let provider = LocalAccountProvider(
            directory: VerificationTestSupport.temporaryDirectory("coordinator-provider"),
            clock: clock, passwordHashing: .testing
        )
        let alice = try await provider.createAccount(
            userName: "alice", kind: .personal, password: VerificationTestSupport.password(alicePassword),
            alternateContacts: [try AlternateContact(aliceEmail)]
        )
        let bob = try await provider.createAccount(
            userName: "bob@contoso.com", kind: .workOrSchool, organisation: "Contoso",
            password: VerificationTestSupport.password("bob's secret")
        )
        let github = try SampleVaults.thirdPartyAccount(issuer: "GitHub", userName: "alice")
        let personal = Account(
            provider: Account.ProviderDetails(
                kind: .personal,
                issuer: "Example ID",
                userName: "alice",
                reference: alice.reference,
                pushApprovalsEnabled: true,
                device: .awaitingVerification(.passwordAndAlternateContact)),
            createdAt: SampleVaults.createdAt
        )
        let work = Account(
            provider: Account.ProviderDetails(
                kind: .workOrSchool,
                issuer: "Contoso",
                userName: "bob@contoso.com",
                reference: bob.reference,
                device: .awaitingVerification(.providerQRCode)),
            createdAt: SampleVaults.createdAt
        )
        let vault = Vault(accounts: [github, personal, work], settings: Settings(platform: .ios), revision: 4)
        return VerificationDevice(
            clock: clock, provider: provider, alice: alice, bob: bob,
            github: github, personal: personal, work: work, vault: vault
        )
    }

    /// A coordinator over `store`, enrolling with `provider` (this device's provider by default).
    func coordinator(store: any AccountStore, provider: (any AccountProvider)? = nil) -> AccountVerificationCoordinator {
        AccountVerificationCoordinator(
            store: store, provider: provider ?? self.provider, verificationService: self.provider, clock: clock
        )
    }

    /// The old device's credential for `account`, enrolled with the provider as the old device did.
    func oldDeviceCredential(for account: ProviderAccount) async throws -> DeviceCredential {
        let credential = DeviceCredential(
            createdAt: SampleVaults.createdAt, using: DeterministicRandom(seed: "old device of \(account.userName)")
        )
        try await provider.enrol(
            CredentialEnrolment(credential), for: account.reference,
            grant: provider.issueTemporaryAccessPass(for: account.reference))
        return credential
    }

    /// Alice's personal verification driven to `verified` through `coordinator`: right
    /// password, code sent to her e-mail, code read from the provider's outbox.
    func verifiedPersonalFlow(using coordinator: AccountVerificationCoordinator) async throws -> PersonalVerification {
        var flow = try await coordinator.personalVerification(for: personal.id)
        try await flow.submitPassword(VerificationTestSupport.password(Self.alicePassword))
        guard case let .chooseContact(contacts) = flow.step, let email = contacts.first else { return flow }
        try await flow.sendCode(to: email)
        try flow.continueToCodeEntry()
        try await flow.submitCode(try await provider.lastCode(sentTo: Self.aliceEmail) ?? "")
        return flow
    }

    /// Bob's work verification driven to `verified` with a fresh QR payload.
    func verifiedWorkFlow(using coordinator: AccountVerificationCoordinator) async throws -> WorkOrSchoolVerification {
        var flow = try await coordinator.workOrSchoolVerification(for: work.id)
        try await flow.submitScannedCode(try await provider.qrPayload(for: bob.reference))
        return flow
    }
}

/// An account store where another writer saves once, just before this one's first save:
/// `interference` changes the stored vault then.
actor RacingAccountStore: AccountStore {
    private let backing: InMemoryAccountStore
    private var interference: (@Sendable (inout Vault) throws -> Void)?

    init(vault: Vault, interference: @escaping @Sendable (inout Vault) throws -> Void) {
        self.backing = InMemoryAccountStore(vault: vault)
        self.interference = interference
    }

    func load() async throws(AccountModelError) -> Vault? {
        await backing.load()
    }

    func save(_ vault: Vault, replacingRevision expectedRevision: UInt64?) async throws(AccountModelError) {
        if let change = interference, var other = await backing.load() {
            interference = nil
            let read = other.revision
            do { try change(&other) } catch { throw .storeUnavailable(reason: "interference failed: \(error)") }
            try await backing.save(other, replacingRevision: read)
        }
        try await backing.save(vault, replacingRevision: expectedRevision)
    }
}

/// The vault stored in `store`; fails the test when there is none.
func storedVault(_ store: any AccountStore) async throws -> Vault {
    try #require(try await store.load())
}
