import AuthenticatorKit
import AuthenticatorKitTestSupport
import Testing

@Suite("Backup failures and errors")
struct BackupFailureTests {
    static let failures: [BackupFailure] = [
        .networkUnavailable, .notSignedIn, .cloudIdentityMismatch, .generationConflict(local: 4, cloud: 7),
        .verificationFailed, .emptyVault,
        .sealingFailed("too large"), .cloudFailure("the cloud storage is full"), .serviceFailure("down"),
        .storeFailure("disk full"),
    ]

    @Test(arguments: failures)
    func everyFailureHasAMessageAnActionAndItsCaseName(_ failure: BackupFailure) {
        #expect(!failure.message.isEmpty)
        #expect(!failure.suggestedAction.isEmpty)
        #expect(String(describing: failure).hasPrefix(failure.caseName))
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

    @Test func everyBackupErrorHasAMessage() {
        let errors: [BackupError] = [
            .wrongCredentials, .cloudIdentityRequired, .notEnabled, .differentRecoveryAccount(expected: "alice"),
            .backupNotFound, .failure(.verificationFailed),
        ]
        for error in errors {
            #expect(!error.message.isEmpty)
        }
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
