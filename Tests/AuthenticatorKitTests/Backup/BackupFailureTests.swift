import AuthenticatorKit
import AuthenticatorKitTestSupport
import Testing

@Suite("Backup failures and errors")
struct BackupFailureTests {
    static let failures: [BackupFailure] = [
        .networkUnavailable, .notSignedIn, .cloudIdentityMismatch, .generationConflict(local: 4, cloud: 7),
        .verificationFailed, .backupMissing(generation: 3), .backupRolledBack(found: 1, recorded: 4), .emptyVault,
        .sealingFailed("too large"), .cloudFailure("the cloud storage is full"), .serviceFailure("down"),
        .storeFailure("disk full"),
    ]

    /// Every failure with the name scripts match (and the backup state records): renaming a
    /// case must fail here.
    static let caseNames: [(BackupFailure, String)] = [
        (.networkUnavailable, "networkUnavailable"),
        (.notSignedIn, "notSignedIn"),
        (.cloudIdentityMismatch, "cloudIdentityMismatch"),
        (.generationConflict(local: 4, cloud: 7), "generationConflict"),
        (.verificationFailed, "verificationFailed"),
        (.backupMissing(generation: 3), "backupMissing"),
        (.backupRolledBack(found: 1, recorded: 4), "backupRolledBack"),
        (.emptyVault, "emptyVault"),
        (.sealingFailed("too large"), "sealingFailed"),
        (.cloudFailure("the cloud storage is full"), "cloudFailure"),
        (.serviceFailure("down"), "serviceFailure"),
        (.storeFailure("disk full"), "storeFailure"),
    ]

    @Test(arguments: caseNames)
    func everyFailureHasAMessageAnActionAndItsPinnedName(_ failure: BackupFailure, _ name: String) {
        #expect(!failure.message.isEmpty)
        #expect(!failure.suggestedAction.isEmpty)
        #expect(failure.caseName == name)
    }

    @Test func theTablesCoverEveryFailureOnce() {
        #expect(Self.caseNames.map(\.0) == Self.failures)
        #expect(Set(Self.caseNames.map(\.1)).count == Self.caseNames.count)
    }

    @Test func generationConflictNamesBothGenerations() {
        let message = BackupFailure.generationConflict(local: 4, cloud: 7).message
        #expect(message.contains("generation 4"))
        #expect(message.contains("generation 7"))
    }

    @Test(arguments: failures)
    func everyFailureSurvivesBeingRecordedInTheBackupState(_ failure: BackupFailure) async throws {
        // A failure recorded by one coordinator is what another reads back as its status.
        let world = try await BackupWorld()
        let store = InMemoryAccountStore(vault: try SampleVaultsForFailures.vault())
        let backup = world.coordinator(store: store)
        _ = try await backup.enableBackup(recoveryAccount: BackupWorld.user, password: BackupWorld.password, cloudIdentity: nil)
        try await store.modifyVault { vault in
            var state = try #require(vault.backupState)
            state.lastFailure = failure
            if case .generationConflict = failure { state.lastUploadedGeneration = 4 }
            try vault.setBackupState(state)
        }
        #expect(await world.coordinator(store: store).status() == .failed(failure))
    }

    /// Every backup error with the name scripts match: renaming a case must fail here.
    static let errorCaseNames: [(BackupError, String)] = [
        (.wrongCredentials, "wrongCredentials"),
        (.cloudIdentityRequired, "cloudIdentityRequired"),
        (.notEnabled, "notEnabled"),
        (.differentRecoveryAccount(expected: "alice"), "differentRecoveryAccount"),
        (.backupNotFound, "backupNotFound"),
        (.failure(.verificationFailed), "failure"),
        (.tooManyAttempts(retryAfter: 30), "tooManyAttempts"),
    ]

    @Test func everyBackupErrorHasAMessageAndItsPinnedName() {
        for (error, name) in Self.errorCaseNames {
            #expect(!error.message.isEmpty)
            #expect(error.caseName == name)
        }
        #expect(Set(Self.errorCaseNames.map(\.1)).count == Self.errorCaseNames.count)
        #expect(BackupError.failure(.emptyVault).message == BackupFailure.emptyVault.message)
    }
}

/// A small vault for the failure round trips.
enum SampleVaultsForFailures {
    static func vault() throws -> Vault {
        var vault = Vault(platform: .android)
        try vault.add(try SampleVaults.thirdPartyAccount(userName: "one"))
        return vault
    }
}
