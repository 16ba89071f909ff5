import AuthenticatorKit
import AuthenticatorKitTestSupport
import Foundation
import Testing

@Suite("AccountVerificationCoordinator")
struct AccountVerificationCoordinatorTests {
    // MARK: End to end

    @Test func personalVerificationEndToEndSavesTheAccountActiveWithANewCredential() async throws {
        let device = try await VerificationDevice.make()
        let folder = VerificationTestSupport.temporaryDirectory("coordinator-vault")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let store = FileAccountStore(
            directory: folder, keyProvider: FileKeyProvider(file: folder.appendingPathComponent("vault.key"))
        )
        try await store.save(device.vault, replacingRevision: nil)
        let coordinator = device.coordinator(store: store)

        let flow = try await device.verifiedPersonalFlow(using: coordinator)
        device.clock.advance(by: 3)
        let active = try await coordinator.complete(with: try #require(flow.proof))

        let stored = try await storedVault(store)
        let saved = try #require(stored.account(withID: device.personal.id))
        let credential = try #require(saved.deviceCredential)
        #expect(saved.restoreState == .active)
        #expect(credential.id == active.deviceCredential?.id)
        #expect(saved.modifiedAt == device.clock.now())
        #expect(saved.generator != nil)
        #expect(stored.revision == device.vault.revision + 1)
        #expect(try await device.provider.credentialIDs(for: device.alice.reference) == [credential.id])
        // Everything else is as it was.
        #expect(VaultComparison.differences(device.github, try #require(stored.account(withID: device.github.id))).isEmpty)
        #expect(stored.account(withID: device.work.id)?.restoreState == .needsVerification(.providerQRCode))
    }

    @Test func workOrSchoolVerificationEndToEndSavesTheAccountActiveWithANewCredential() async throws {
        let device = try await VerificationDevice.make()
        let store = InMemoryAccountStore(vault: device.vault)
        let coordinator = device.coordinator(store: store)

        let flow = try await device.verifiedWorkFlow(using: coordinator)
        let active = try await coordinator.complete(with: try #require(flow.proof))

        let saved = try #require(try await storedVault(store).account(withID: device.work.id))
        let credential = try #require(saved.deviceCredential)
        #expect(saved.restoreState == .active)
        #expect(credential.id == active.deviceCredential?.id)
        #expect(try await device.provider.credentialIDs(for: device.bob.reference) == [credential.id])
        #expect(try await storedVault(store).account(withID: device.personal.id)?.restoreState
            == .needsVerification(.passwordAndAlternateContact))
    }

    @Test func oldAndNewDeviceCodesDifferAndTheProviderAcceptsBoth() async throws {
        let device = try await VerificationDevice.make()
        let old = try await device.oldDeviceCredential(for: device.alice)
        let store = InMemoryAccountStore(vault: device.vault)
        let coordinator = device.coordinator(store: store)
        let flow = try await device.verifiedPersonalFlow(using: coordinator)
        let proof = try #require(flow.proof)
        let new = try #require(try await coordinator.complete(with: proof).deviceCredential)

        var differing = 0
        for _ in 0..<4 {
            let oldCode = VerificationTestSupport.code(of: old, at: device.clock.now())
            let newCode = VerificationTestSupport.code(of: new, at: device.clock.now())
            if oldCode != newCode { differing += 1 }
            #expect(try await device.provider.acceptsCode(oldCode, for: device.alice.reference))
            #expect(try await device.provider.acceptsCode(newCode, for: device.alice.reference))
            device.clock.advance(by: 30)
        }
        // Independent seeds: equal codes in one time step happen once in a million.
        #expect(differing >= 3)
        #expect(old.generator.secret != new.generator.secret)
        #expect(try await device.provider.credentialIDs(for: device.alice.reference) == [old.id, new.id])
    }

    @Test func aPushApprovalSignedByEitherDeviceVerifies() async throws {
        let device = try await VerificationDevice.make()
        let old = try await device.oldDeviceCredential(for: device.alice)
        let store = InMemoryAccountStore(vault: device.vault)
        let coordinator = device.coordinator(store: store)
        let flow = try await device.verifiedPersonalFlow(using: coordinator)
        _ = try await coordinator.complete(with: try #require(flow.proof))
        let new = try #require(try await storedVault(store).account(withID: device.personal.id)?.deviceCredential)

        let challenge = Array("sign-in request 7 from Porto".utf8)
        for credential in [old, new] {
            let approval = PushApproval(challenge: challenge, signature: credential.signApproval(challenge))
            #expect(try await device.provider.acceptsApproval(approval, for: device.alice.reference))
        }
        let forged = PushApproval(challenge: challenge, signature: new.signApproval(Array("another request".utf8)))
        #expect(try await device.provider.acceptsApproval(forged, for: device.alice.reference) == false)
        #expect(old.publicKey != new.publicKey)
    }

    @Test func aProofMadeUpOnTheDeviceIsRefusedByTheProviderAndChangesNothing() async throws {
        // Issue 11, reproduction 2: a proof with a grant the provider never issued.
        let device = try await VerificationDevice.make()
        var vault = device.vault
        try vault.updateAccount(withID: device.personal.id, at: SampleVaults.createdAt) {
            $0.updateProviderDetails { $0.device = .awaitingEnrolment }
        }
        let store = InMemoryAccountStore(vault: vault)
        let account = try #require(vault.account(withID: device.personal.id))
        let madeUp = ProviderSignIn(
            reference: device.alice.reference, kind: .personal, issuer: account.issuer, userName: account.userName,
            grant: EnrolmentGrant(value: "the device says so"))
        let proof = try VerificationProof.providerSignIn(madeUp, for: account, at: device.clock.now())
        await #expect(throws: VerificationError.forgedEnrolmentGrant) {
            try await device.coordinator(store: store).complete(with: proof)
        }
        #expect(VaultComparison.differences(vault, try await storedVault(store)).isEmpty)
        #expect(try await device.provider.credentialIDs(for: device.alice.reference).isEmpty)
    }

    // MARK: Failures leave the account waiting

    @Test func aFailedEnrolmentLeavesTheStoredVaultUnchanged() async throws {
        let device = try await VerificationDevice.make()
        let store = InMemoryAccountStore(vault: device.vault)
        let failing = FailingEnrolmentProvider(base: device.provider)
        let coordinator = device.coordinator(store: store, provider: failing)
        let flow = try await device.verifiedPersonalFlow(using: coordinator)

        let proof = try #require(flow.proof)
        await #expect(throws: VerificationError.providerUnavailable(reason: "simulated outage")) {
            try await coordinator.complete(with: proof)
        }

        let stored = try await storedVault(store)
        #expect(VaultComparison.differences(device.vault, stored).isEmpty)
        #expect(try await device.provider.credentialIDs(for: device.alice.reference).isEmpty)
    }

    @Test func aFailedSaveLeavesTheAccountWaitingAndItsUsedGrantIsNotAcceptedAgain() async throws {
        let device = try await VerificationDevice.make()
        let store = ScriptedAccountStore(vault: device.vault)
        await store.failSaves(with: .storeLocked)
        let coordinator = device.coordinator(store: store)
        let flow = try await device.verifiedWorkFlow(using: coordinator)
        let proof = try #require(flow.proof)

        await #expect(throws: VerificationError.vaultFailure(.storeLocked)) {
            try await coordinator.complete(with: proof)
        }
        #expect(VaultComparison.differences(device.vault, try await storedVault(store)).isEmpty)

        // The provider used the grant up when it enrolled the (now unused) credential: the
        // same proof enrols nothing more; the user verifies again.
        await #expect(throws: VerificationError.enrolmentGrantAlreadyUsed) {
            try await coordinator.complete(with: proof)
        }
        let again = try await device.verifiedWorkFlow(using: coordinator)
        let active = try await coordinator.complete(with: try #require(again.proof))
        #expect(try await storedVault(store).account(withID: device.work.id)?.deviceCredential?.id
            == active.deviceCredential?.id)
    }

    @Test func aCancelledFlowLeavesTheAccountWaiting() async throws {
        let device = try await VerificationDevice.make()
        let store = InMemoryAccountStore(vault: device.vault)
        let coordinator = device.coordinator(store: store)
        var flow = try await coordinator.personalVerification(for: device.personal.id)
        try await flow.submitPassword(VerificationTestSupport.password(VerificationDevice.alicePassword))
        flow.cancel()

        #expect(flow.step == .cancelled)
        #expect(flow.proof == nil)
        #expect(VaultComparison.differences(device.vault, try await storedVault(store)).isEmpty)
        #expect(try await coordinator.accountsNeedingVerification().map(\.id) == [device.personal.id, device.work.id])
    }

    // MARK: Concurrent writers

    @Test func aSaveThatLostTheRaceIsAppliedToTheFreshVaultKeepingTheOtherChange() async throws {
        let device = try await VerificationDevice.make()
        let githubID = device.github.id
        let store = RacingAccountStore(vault: device.vault) { vault in
            try vault.renameAccount(withID: githubID, issuer: "GitHub", userName: "alice", displayName: "Work GitHub")
        }
        let coordinator = device.coordinator(store: store)
        let flow = try await device.verifiedPersonalFlow(using: coordinator)

        let active = try await coordinator.complete(with: try #require(flow.proof))

        let stored = try await storedVault(store)
        #expect(stored.revision == device.vault.revision + 2)
        #expect(stored.account(withID: githubID)?.displayName == "Work GitHub")
        #expect(stored.account(withID: device.personal.id)?.deviceCredential?.id == active.deviceCredential?.id)
        #expect(stored.account(withID: device.personal.id)?.restoreState == .active)
    }

    @Test func anAccountRemovedByAnotherWriterMeanwhileIsReportedNotFound() async throws {
        let device = try await VerificationDevice.make()
        let workID = device.work.id
        let store = RacingAccountStore(vault: device.vault) { vault in
            try vault.removeAccount(withID: workID)
        }
        let coordinator = device.coordinator(store: store)
        let flow = try await device.verifiedWorkFlow(using: coordinator)

        let proof = try #require(flow.proof)
        await #expect(throws: VerificationError.accountNotFound(workID)) {
            try await coordinator.complete(with: proof)
        }
        #expect(try await storedVault(store).accounts.map(\.id) == [device.github.id, device.personal.id])
    }

    // MARK: Starting flows

    @Test func eachFlowStartsOnlyForAnAccountWaitingForItsMethod() async throws {
        let device = try await VerificationDevice.make()
        let coordinator = device.coordinator(store: InMemoryAccountStore(vault: device.vault))

        #expect(try await coordinator.personalVerification(for: device.personal.id).step == .enterPassword)
        #expect(try await coordinator.workOrSchoolVerification(for: device.work.id).step == .scanCode)
        await #expect(throws: VerificationError.wrongVerificationMethod(required: .providerQRCode)) {
            try await coordinator.personalVerification(for: device.work.id)
        }
        await #expect(throws: VerificationError.wrongVerificationMethod(required: .passwordAndAlternateContact)) {
            try await coordinator.workOrSchoolVerification(for: device.personal.id)
        }
        await #expect(throws: VerificationError.verificationNotNeeded) {
            try await coordinator.personalVerification(for: device.github.id)
        }
    }

    @Test func anAccountNotInTheVaultIsReportedNotFound() async throws {
        let device = try await VerificationDevice.make()
        let missing = AccountID(rawValue: "missing")
        let withVault = device.coordinator(store: InMemoryAccountStore(vault: device.vault))
        let empty = device.coordinator(store: InMemoryAccountStore())

        await #expect(throws: VerificationError.accountNotFound(missing)) {
            try await withVault.personalVerification(for: missing)
        }
        await #expect(throws: VerificationError.accountNotFound(missing)) {
            try await empty.workOrSchoolVerification(for: missing)
        }
        #expect(try await empty.accountsNeedingVerification().isEmpty)
    }

    @Test func anActiveAccountIsNotEnrolledAgain() async throws {
        let device = try await VerificationDevice.make()
        let store = InMemoryAccountStore(vault: device.vault)
        let coordinator = device.coordinator(store: store)
        let proof = try #require(try await device.verifiedWorkFlow(using: coordinator).proof)
        _ = try await coordinator.complete(with: proof)
        let afterFirst = try await storedVault(store)

        await #expect(throws: VerificationError.verificationNotNeeded) {
            try await coordinator.complete(with: proof)
        }
        #expect(VaultComparison.differences(afterFirst, try await storedVault(store)).isEmpty)
        #expect(try await device.provider.credentialIDs(for: device.bob.reference).count == 1)
    }

    @Test func anUnreadableStoreIsReportedAsAVaultFailure() async throws {
        let device = try await VerificationDevice.make()
        let store = ScriptedAccountStore(vault: device.vault)
        let damaged = AccountModelError.storeDamaged(reason: "truncated")
        await store.failLoads(with: damaged, damaged)
        let coordinator = device.coordinator(store: store)

        await #expect(throws: VerificationError.vaultFailure(damaged)) {
            try await coordinator.personalVerification(for: device.personal.id)
        }
        await #expect(throws: VerificationError.vaultFailure(damaged)) {
            try await coordinator.accountsNeedingVerification()
        }
    }

    @Test func accountsNeedingVerificationListsOnlyTheWaitingOnesInVaultOrder() async throws {
        let device = try await VerificationDevice.make()
        let coordinator = device.coordinator(store: InMemoryAccountStore(vault: device.vault))
        #expect(try await coordinator.accountsNeedingVerification().map(\.id) == [device.personal.id, device.work.id])
    }
}
