import AuthenticatorKitEmbedded
import AuthenticatorKit
import AuthenticatorKitTestSupport
import Foundation
import Testing

/// `AccountVerificationCoordinator.addProviderAccount(userName:password:pushApprovalsEnabled:)`:
/// the user adds a personal or work account to this device by signing in to it.
@Suite("Adding a provider account")
struct ProviderAccountEnrolmentTests {
    private let bobsPassword = VerificationTestSupport.password("bob's secret")
    private let alicesPassword = VerificationTestSupport.password(VerificationDevice.alicePassword)

    /// A vault with only the third-party GitHub account.
    private func vault(_ device: VerificationDevice) -> Vault {
        Vault(accounts: [device.github], settings: Settings(platform: .ios), revision: 1)
    }

    @Test func addingAnAccountSignsInEnrolsThisDeviceAndSavesItActive() async throws {
        let device = try await VerificationDevice.make()
        let store = InMemoryAccountStore(vault: vault(device))
        let added = try await device.coordinator(store: store).addProviderAccount(userName: "BOB@contoso.com", password: bobsPassword)

        #expect(added.kind == .workOrSchool)
        #expect(added.issuer == "Contoso")
        #expect(added.userName == "bob@contoso.com")
        #expect(added.providerAccountReference == device.bob.reference)
        #expect(added.restoreState == .active)
        #expect(!added.pushApprovalsEnabled)
        let credential = try #require(added.deviceCredential)
        let stored = try await storedVault(store)
        #expect(stored.accounts.map(\.id) == [device.github.id, added.id])
        #expect(stored.revision == 2)
        #expect(stored.account(withID: added.id)?.deviceCredential?.id == credential.id)
        #expect(try await device.provider.credentialIDs(for: device.bob.reference) == [credential.id])
        let code = VerificationTestSupport.code(of: credential, at: device.clock.now())
        #expect(try await device.provider.acceptsCode(code, for: device.bob.reference))
    }

    @Test func aPersonalAccountGetsTheProvidersNameAsIssuerAndPushApprovalsWhenAsked() async throws {
        let device = try await VerificationDevice.make()
        let store = InMemoryAccountStore(vault: vault(device))
        let added = try await device.coordinator(store: store).addProviderAccount(
            userName: "alice", password: alicesPassword, pushApprovalsEnabled: true
        )
        #expect(added.kind == .personal)
        #expect(added.issuer == LocalAccountProvider.defaultPersonalAccountIssuer)
        #expect(try await storedVault(store).account(withID: added.id)?.pushApprovalsEnabled == true)
    }

    @Test func aWrongPasswordAddsAndEnrolsNothing() async throws {
        let device = try await VerificationDevice.make()
        let store = InMemoryAccountStore(vault: vault(device))
        await #expect(throws: VerificationError.wrongPassword(attemptsRemaining: 4)) {
            try await device.coordinator(store: store).addProviderAccount(
                userName: "alice", password: VerificationTestSupport.password("wrong")
            )
        }
        // An unknown user name is answered exactly as a wrong password.
        await #expect(throws: VerificationError.wrongPassword(attemptsRemaining: 4)) {
            try await device.coordinator(store: store).addProviderAccount(userName: "mallory", password: alicesPassword)
        }
        #expect(VaultComparison.differences(vault(device), try await storedVault(store)).isEmpty)
        #expect(try await device.provider.credentialIDs(for: device.alice.reference).isEmpty)
    }

    @Test func anAccountAlreadyInTheVaultIsRefusedBeforeTheProviderRegistersAnything() async throws {
        let device = try await VerificationDevice.make()
        let store = InMemoryAccountStore(vault: vault(device))
        let coordinator = device.coordinator(store: store)
        let first = try await coordinator.addProviderAccount(userName: "alice", password: alicesPassword)
        let afterFirst = try await storedVault(store)

        await #expect(throws: VerificationError.duplicateAccount(existing: first.id)) {
            try await coordinator.addProviderAccount(userName: "Alice", password: alicesPassword)
        }
        #expect(VaultComparison.differences(afterFirst, try await storedVault(store)).isEmpty)
        #expect(try await device.provider.credentialIDs(for: device.alice.reference).count == 1)
    }

    @Test func aFailedEnrolmentLeavesTheVaultUnchanged() async throws {
        let device = try await VerificationDevice.make()
        let store = InMemoryAccountStore(vault: vault(device))
        let coordinator = device.coordinator(store: store, provider: FailingEnrolmentProvider(base: device.provider))
        await #expect(throws: VerificationError.providerUnavailable(reason: "simulated outage")) {
            try await coordinator.addProviderAccount(userName: "alice", password: alicesPassword)
        }
        #expect(VaultComparison.differences(vault(device), try await storedVault(store)).isEmpty)
    }

    @Test func aFailedSaveIsAVaultFailureAndLeavesTheVaultUnchanged() async throws {
        let device = try await VerificationDevice.make()
        let store = ScriptedAccountStore(vault: vault(device))
        await store.failSaves(with: .storeLocked)
        await #expect(throws: VerificationError.vaultFailure(.storeLocked)) {
            try await device.coordinator(store: store).addProviderAccount(userName: "alice", password: alicesPassword)
        }
        #expect(VaultComparison.differences(vault(device), try await storedVault(store)).isEmpty)
    }

    @Test func withoutAVaultNothingIsSignedInToOrEnrolled() async throws {
        let device = try await VerificationDevice.make()
        await #expect(throws: VerificationError.vaultFailure(.vaultNotFound)) {
            try await device.coordinator(store: InMemoryAccountStore()).addProviderAccount(
                userName: "alice", password: VerificationTestSupport.password("wrong")
            )
        }
        // The wrong password was never checked: the first real attempt still has all five.
        await #expect(throws: VerificationError.wrongPassword(attemptsRemaining: 4)) {
            try await device.provider.signIn(userName: "alice", password: VerificationTestSupport.password("wrong"))
        }
    }

    @Test func anotherWritersSaveInBetweenIsKept() async throws {
        let device = try await VerificationDevice.make()
        let store = RacingAccountStore(vault: vault(device)) { vault in
            try vault.updateAccount(withID: vault.accounts[0].id, at: SampleVaults.createdAt) { $0.displayName = "Work GitHub" }
        }
        let added = try await device.coordinator(store: store).addProviderAccount(userName: "alice", password: alicesPassword)
        let stored = try await storedVault(store)
        #expect(stored.account(withID: device.github.id)?.displayName == "Work GitHub")
        #expect(stored.account(withID: added.id)?.deviceCredential?.id == added.deviceCredential?.id)
        #expect(stored.revision == 3)
    }

    @Test func aPersonalVerificationResumesFromItsSnapshotWithTheCoordinatorsService() async throws {
        let device = try await VerificationDevice.make()
        let coordinator = device.coordinator(store: InMemoryAccountStore(vault: device.vault))
        var flow = try await coordinator.personalVerification(for: device.personal.id)
        try await flow.submitPassword(alicesPassword)
        let resumed = coordinator.personalVerification(resuming: flow.snapshot)
        #expect(resumed.step == flow.step)
        #expect(resumed.offeredContacts == flow.offeredContacts)
        #expect(resumed.offeredContact(matching: VerificationDevice.aliceEmail)?.maskedValue == "a•••@example.com")
        #expect(resumed.offeredContact(matching: "a•••@example.com") == resumed.offeredContacts.first)
        #expect(resumed.offeredContact(matching: "mallory@example.com") == nil)
    }
}
