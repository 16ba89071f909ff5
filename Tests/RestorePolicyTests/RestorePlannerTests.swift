import AccountModel
import AuthenticatorKitTestSupport
import BackupFormat
import Foundation
import RestorePolicy
import Testing

@Suite("Restore planner")
struct RestorePlannerTests {
    // MARK: Refusing policy

    @Test func refusesWhileTheDeviceHoldsAnyAccountNamingThem() throws {
        let payload = BackupPayload(vault: try PlannerFixtures.oldDevice())
        var device = Vault(platform: .android)
        let existing = try SampleVaults.thirdPartyAccount(issuer: "GitLab", userName: "carol")
        try device.add(existing)
        #expect(throws: BackupUnavailableReason.existingAccounts([ExistingAccountSummary(existing)])) {
            try RestorePlanner.plan(
                payload, header: try PlannerFixtures.header(for: payload), onto: device, policy: .refuseIfNotEmpty,
                providerDecisions: PlannerFixtures.providerDecisions)
        }
    }

    @Test func emptyDeviceGetsEveryAccountInTheBackupsOrder() throws {
        let old = try PlannerFixtures.oldDevice()
        let plan = try planOntoEmptyDevice(old)
        #expect(plan.vault.accounts.map(\.id) == old.accounts.map(\.id))
        #expect(plan.entries.map(\.accountID) == old.accounts.map(\.id))
    }

    @Test func restoredVaultKeepsTheBackupsSettingsWithTheDevicesPlatform() throws {
        let old = try PlannerFixtures.oldDevice()
        #expect(old.settings.platform == .android)
        let payload = BackupPayload(vault: old)
        let plan = try RestorePlanner.plan(
            payload, header: try PlannerFixtures.header(for: payload), onto: Vault(platform: .ios),
            policy: .refuseIfNotEmpty)
        var expected = old.settings
        expected.platform = .ios
        #expect(plan.vault.settings == expected)
    }

    @Test func restoredVaultRevisionIsOneAboveTheDevices() throws {
        let payload = BackupPayload(vault: try PlannerFixtures.oldDevice())
        var device = Vault(platform: .android)
        try device.setSetting("dark", forKey: "theme")
        try device.setSetting("light", forKey: "theme")
        let plan = try RestorePlanner.plan(
            payload, header: try PlannerFixtures.header(for: payload), onto: device, policy: .refuseIfNotEmpty)
        #expect(device.revision == 2)
        #expect(plan.vault.revision == 3)
    }

    @Test func restoredAccountsKeepIdentifiersNamesReferencesAndCreationTimes() throws {
        let old = try PlannerFixtures.oldDevice()
        let plan = try planOntoEmptyDevice(old)
        for (original, restored) in zip(old.accounts, plan.vault.accounts) {
            #expect(restored.id == original.id)
            #expect(restored.kind == original.kind)
            #expect(restored.issuer == original.issuer)
            #expect(restored.userName == original.userName)
            #expect(restored.displayName == original.displayName)
            #expect(restored.iconReference == original.iconReference)
            #expect(restored.providerAccountReference == original.providerAccountReference)
            #expect(restored.pushApprovalsEnabled == original.pushApprovalsEnabled)
            #expect(restored.createdAt == original.createdAt)
        }
    }

    @Test func noRestoredAccountCarriesADeviceCredential() throws {
        let old = try PlannerFixtures.oldDevice()
        #expect(old.accounts.contains { $0.deviceCredential != nil })
        let plan = try planOntoEmptyDevice(old)
        #expect(plan.vault.accounts.allSatisfy { $0.deviceCredential == nil })
    }

    // MARK: Outcomes

    @Test func thirdPartyAccountIsRestoredInFullWithTheSameCodes() throws {
        let plan = try planOntoEmptyDevice(try PlannerFixtures.oldDevice())
        let id = AccountID(rawValue: "a-totp")
        #expect(plan.entries.first { $0.accountID == id }?.outcome == .restoredInFull)
        let restored = try #require(plan.vault.account(withID: id))
        #expect(restored.restoreState == .active)
        // RFC 6238 Appendix B, SHA-1 secret "12345678901234567890": at T = 59 s the 8-digit
        // TOTP is 94287082, so the account's 6-digit code is its last six digits.
        #expect(try restored.generator?.code(atUnixTime: 59) == "287082")
        // RFC 4226 Appendix D: counter 1 gives 287082 as well (T = 59 s is time step 1).
        #expect(restored.generator?.code(forCounter: 1) == "287082")
    }

    @Test func everyThirdPartyTokenKeepsItsSecretAndParameters() throws {
        let old = try PlannerFixtures.oldDevice()
        let plan = try planOntoEmptyDevice(old)
        for original in old.accounts where original.kind == .thirdParty {
            let restored = try #require(plan.vault.account(withID: original.id))
            let differences = VaultComparison.differences(
                try #require(original.token?.generator), try #require(restored.token?.generator))
            #expect(differences == [], "\(original.id)")
        }
    }

    @Test func recoveryAccountsOwnPersonalAccountWithoutPushGetsANewDeviceCredential() throws {
        let plan = try planOntoEmptyDevice(try PlannerFixtures.oldDevice())
        let id = AccountID(rawValue: "a-recovery")
        #expect(plan.entries.first { $0.accountID == id }?.outcome == .restoredWithNewDeviceCredential)
        // Until the coordinator mints the credential, it waits like any personal account.
        #expect(plan.vault.account(withID: id)?.restoreState == .needsVerification(.passwordAndAlternateContact))
    }

    @Test func theProviderAloneDecidesWhatIsMintedAtOnceAndTheEntrySaysWhatItAnswered() throws {
        let old = try PlannerFixtures.oldDevice()
        let payload = BackupPayload(vault: old)
        // The backup says "no push, the recovery account's own name" for a-recovery, but its
        // provider asks for verification: the provider wins.
        let plan = try RestorePlanner.plan(
            payload, header: try PlannerFixtures.header(for: payload), onto: Vault(platform: .android),
            policy: .refuseIfNotEmpty, providerDecisions: ["user-0002": .verify(.passwordAndAlternateContact)])
        let entry = plan.entries.first { $0.accountID.rawValue == "a-recovery" }
        #expect(entry?.outcome == .needsVerification(.passwordAndAlternateContact))
        #expect(entry?.providerDecision == .verify(.passwordAndAlternateContact))
        #expect(!plan.entries.contains { $0.outcome == .restoredWithNewDeviceCredential })
    }

    @Test func aBackupThatSaysPushOnAddsVerificationEvenWhenTheProviderWouldEnrol() throws {
        var old = Vault(platform: .android)
        try old.add(Account(
            id: AccountID(rawValue: "pushy"),
            provider: Account.ProviderDetails(
                kind: .personal, issuer: "Contoso ID", userName: "alice@contoso.example", reference: "user-push",
                pushApprovalsEnabled: true, device: .awaitingEnrolment),
            createdAt: SampleVaults.createdAt))
        let payload = BackupPayload(vault: old)
        let plan = try RestorePlanner.plan(
            payload, header: try PlannerFixtures.header(for: payload), onto: Vault(platform: .android),
            policy: .refuseIfNotEmpty, providerDecisions: ["user-push": .enrolNow])
        #expect(plan.entries.first?.outcome == .needsVerification(.passwordAndAlternateContact))
        #expect(plan.entries.first?.providerDecision == .enrolNow)
    }

    @Test func anUnknownOrUnavailableProviderLeavesTheAccountWaitingAndSaysWhy() throws {
        let old = try PlannerFixtures.oldDevice()
        let payload = BackupPayload(vault: old)
        let decisions: [ProviderAccountReference: ProviderDecision] = [
            "user-0002": .unknownAccount, "user-0003": .unavailable(reason: "the provider is unavailable: down"),
        ]
        let plan = try RestorePlanner.plan(
            payload, header: try PlannerFixtures.header(for: payload), onto: Vault(platform: .android),
            policy: .refuseIfNotEmpty, providerDecisions: decisions)
        let recovery = plan.entries.first { $0.accountID.rawValue == "a-recovery" }
        let other = plan.entries.first { $0.accountID.rawValue == "a-other-personal" }
        #expect(recovery?.outcome == .needsVerification(.passwordAndAlternateContact))
        #expect(recovery?.providerDecision == .unknownAccount)
        #expect(other?.providerDecision == .unavailable(reason: "the provider is unavailable: down"))
        let github = plan.entries.first { $0.kind == .thirdParty }
        #expect(github?.providerDecision == nil)
    }

    @Test func aWorkAccountWaitsForTheMethodItsProviderAsksFor() throws {
        let old = try PlannerFixtures.oldDevice()
        let work = try #require(old.account(withID: AccountID(rawValue: "a-work")))
        let reference = try #require(work.providerAccountReference)
        let payload = BackupPayload(vault: old)
        let plan = try RestorePlanner.plan(
            payload, header: try PlannerFixtures.header(for: payload), onto: Vault(platform: .android),
            policy: .refuseIfNotEmpty, providerDecisions: [reference: .enrolNow])
        // A work account is never minted at once, whatever the provider says.
        #expect(plan.entries.first { $0.accountID == work.id }?.outcome == .needsVerification(.providerQRCode))
    }

    @Test func recoveryAccountsPersonalAccountWithPushApprovalsNeedsVerification() throws {
        // "a-personal" is alice@contoso.example with push approvals on.
        let plan = try planOntoEmptyDevice(try PlannerFixtures.oldDevice())
        let entry = plan.entries.first { $0.accountID.rawValue == "a-personal" }
        #expect(entry?.userName == PlannerFixtures.recoveryAccount)
        #expect(entry?.outcome == .needsVerification(.passwordAndAlternateContact))
    }

    @Test func otherPersonalAccountNeedsPasswordAndAlternateContact() throws {
        let plan = try planOntoEmptyDevice(try PlannerFixtures.oldDevice())
        let id = AccountID(rawValue: "a-other-personal")
        #expect(plan.entries.first { $0.accountID == id }?.outcome == .needsVerification(.passwordAndAlternateContact))
        #expect(plan.vault.account(withID: id)?.restoreState == .needsVerification(.passwordAndAlternateContact))
    }

    @Test func workOrSchoolAccountNeedsAQRCodeFromTheProvider() throws {
        let plan = try planOntoEmptyDevice(try PlannerFixtures.oldDevice())
        let id = AccountID(rawValue: "a-work")
        #expect(plan.entries.first { $0.accountID == id }?.outcome == .needsVerification(.providerQRCode))
        #expect(plan.vault.account(withID: id)?.restoreState == .needsVerification(.providerQRCode))
        #expect(plan.accountsNeedingVerification.contains(id))
    }

    @Test func withoutProviderDecisionsNoAccountGetsANewCredential() throws {
        let old = try PlannerFixtures.oldDevice()
        let payload = BackupPayload(vault: old)
        let plan = try RestorePlanner.plan(
            payload, header: try PlannerFixtures.header(for: payload), onto: Vault(platform: .android),
            policy: .refuseIfNotEmpty)
        #expect(!plan.entries.contains { $0.outcome == .restoredWithNewDeviceCredential })
        #expect(plan.entries.first { $0.accountID.rawValue == "a-recovery" }?.outcome == .needsVerification(.passwordAndAlternateContact))
    }

    @Test func payloadHoldingAnAccountIdentifierTwiceIsRefusedAsADuplicateNotAsDamage() throws {
        let valid = BackupPayload(vault: try PlannerFixtures.oldDevice())
        let header = try PlannerFixtures.header(for: valid)
        var payload = valid
        payload.accounts.append(payload.accounts[0])
        #expect(throws: BackupUnavailableReason.duplicateAccountIdentifier) {
            try RestorePlanner.plan(
                payload, header: header, onto: Vault(platform: .android),
                policy: .refuseIfNotEmpty)
        }
    }

    @Test func planCarriesTheBackupsHeader() throws {
        let payload = BackupPayload(vault: try PlannerFixtures.oldDevice())
        let header = try PlannerFixtures.header(for: payload, generation: 42)
        let plan = try RestorePlanner.plan(
            payload, header: header, onto: Vault(platform: .android), policy: .refuseIfNotEmpty)
        #expect(plan.header == header)
        #expect(plan.header.generation == 42)
    }

    // MARK: Merge policy

    @Test func mergeRestoresOnlyAccountsNotPresentAndReportsTheSkippedDuplicates() throws {
        let old = try PlannerFixtures.oldDevice()
        // The device already holds a copy of GitHub (same issuer, user name, secret; another
        // identifier) and of the work account (same kind, issuer, user name).
        var device = Vault(platform: .android)
        let github = try #require(old.account(withID: AccountID(rawValue: "a-totp")))
        let githubCopy = Account(token: try #require(github.token), createdAt: Date(timeIntervalSince1970: 1_600_000_000))
        try device.add(githubCopy)
        let work = try #require(old.account(withID: AccountID(rawValue: "a-work")))
        let workCopy = Account(
            provider: Account.ProviderDetails(
                kind: .workOrSchool, issuer: work.issuer, userName: work.userName, device: .awaitingEnrolment),
            createdAt: Date(timeIntervalSince1970: 1_600_000_000)
        )
        try device.add(workCopy)

        let payload = BackupPayload(vault: old)
        let plan = try RestorePlanner.plan(
            payload, header: try PlannerFixtures.header(for: payload), onto: device, policy: .mergeKeepingExisting,
            providerDecisions: PlannerFixtures.providerDecisions)
        #expect(plan.entries.first { $0.accountID == github.id }?.outcome == .skippedDuplicate(existing: githubCopy.id))
        #expect(plan.entries.first { $0.accountID == work.id }?.outcome == .skippedDuplicate(existing: workCopy.id))
        #expect(plan.skippedDuplicates == [github.id, work.id])
        let expectedIDs = [githubCopy.id, workCopy.id] + old.accounts.map(\.id).filter { $0 != github.id && $0 != work.id }
        #expect(plan.vault.accounts.map(\.id) == expectedIDs)
    }

    @Test func mergeNeverTouchesExistingAccountsOrTheDevicesSettings() throws {
        var device = Vault(platform: .ios)
        try device.add(try SampleVaults.thirdPartyAccount(issuer: "GitLab", userName: "carol"))
        try device.add(try SampleVaults.thirdPartyAccount(issuer: "GitHub", userName: "alice@example.com"))
        try device.setSetting("true", forKey: "hidesCodes")
        try device.setSetting("mine", forKey: "theme")
        let payload = BackupPayload(vault: try PlannerFixtures.oldDevice())
        let plan = try RestorePlanner.plan(
            payload, header: try PlannerFixtures.header(for: payload), onto: device, policy: .mergeKeepingExisting)
        #expect(plan.vault.settings == device.settings)
        for (index, existing) in device.accounts.enumerated() {
            #expect(VaultComparison.differences(existing, plan.vault.accounts[index]) == [])
        }
    }

    @Test func mergeRestoresAThirdPartyAccountWhoseSecretDiffers() throws {
        let old = try PlannerFixtures.oldDevice()
        let github = try #require(old.account(withID: AccountID(rawValue: "a-totp")))
        var device = Vault(platform: .android)
        // Same issuer and user name, another secret: another account (for example re-enrolled).
        try device.add(try SampleVaults.thirdPartyAccount(issuer: github.issuer, userName: github.userName))
        let payload = BackupPayload(vault: old)
        let plan = try RestorePlanner.plan(
            payload, header: try PlannerFixtures.header(for: payload), onto: device, policy: .mergeKeepingExisting)
        #expect(plan.entries.first { $0.accountID == github.id }?.outcome == .restoredInFull)
        #expect(plan.vault.accounts.count == device.accounts.count + old.accounts.count)
    }

    @Test func mergeTreatsAnAccountWithTheSameIdentifierAsPresent() throws {
        let old = try PlannerFixtures.oldDevice()
        var device = Vault(platform: .android)
        // The same account, renamed on this device since.
        try device.add(Account(
            id: AccountID(rawValue: "a-work"),
            provider: Account.ProviderDetails(
                kind: .workOrSchool, issuer: "Fabrikam Ltd", userName: "a.smith", device: .awaitingEnrolment),
            createdAt: SampleVaults.createdAt
        ))
        let payload = BackupPayload(vault: old)
        let plan = try RestorePlanner.plan(
            payload, header: try PlannerFixtures.header(for: payload), onto: device, policy: .mergeKeepingExisting)
        let id = AccountID(rawValue: "a-work")
        #expect(plan.entries.first { $0.accountID == id }?.outcome == .skippedDuplicate(existing: id))
        #expect(plan.vault.accounts.filter { $0.id == id }.count == 1)
        #expect(plan.vault.account(withID: id)?.issuer == "Fabrikam Ltd")
    }

    @Test func mergeOntoAnEmptyDeviceRestoresEverything() throws {
        let old = try PlannerFixtures.oldDevice()
        let payload = BackupPayload(vault: old)
        let plan = try RestorePlanner.plan(
            payload, header: try PlannerFixtures.header(for: payload), onto: Vault(platform: .android),
            policy: .mergeKeepingExisting)
        #expect(plan.skippedDuplicates.isEmpty)
        #expect(plan.vault.accounts.map(\.id) == old.accounts.map(\.id))
    }

    @Test func plannerKeepsTheDevicesBackupState() throws {
        let device = try SampleVaults.withBackupState()
        let empty = Vault(accounts: [], settings: device.settings, revision: device.revision, backupState: device.backupState)
        let payload = BackupPayload(vault: try PlannerFixtures.oldDevice())
        let plan = try RestorePlanner.plan(
            payload, header: try PlannerFixtures.header(for: payload), onto: empty, policy: .refuseIfNotEmpty)
        #expect(plan.vault.backupState == device.backupState)
    }

    // MARK: Helpers

    private func planOntoEmptyDevice(_ old: Vault) throws -> RestorePlan {
        let payload = BackupPayload(vault: old)
        return try RestorePlanner.plan(
            payload, header: try PlannerFixtures.header(for: payload), onto: Vault(platform: .android),
            policy: .refuseIfNotEmpty, providerDecisions: PlannerFixtures.providerDecisions)
    }
}
