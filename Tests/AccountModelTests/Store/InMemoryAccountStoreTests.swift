import AccountModel
import AuthenticatorKitTestSupport
import Testing

@Suite("InMemoryAccountStore")
struct InMemoryAccountStoreTests {
    @Test func startsWithTheVaultItWasGiven() async throws {
        let vault = try SampleVaults.everyShape(revision: 4)
        let store = InMemoryAccountStore(vault: vault)
        let loaded = try #require(await store.load())
        #expect(VaultComparison.differences(vault, loaded) == [])
    }
}

@Suite("modifyVault")
struct ModifyVaultTests {
    @Test func appliesTheChangeAndReturnsTheSavedVault() async throws {
        let store = InMemoryAccountStore(vault: Vault(platform: .ios))
        let saved = try await store.modifyVault { vault in
            try vault.setSetting("true", forKey: "backupEnabled")
        }
        #expect(saved.revision == 1)
        #expect(await store.load()?.settings.backupEnabled == true)
    }

    @Test func withoutAVaultThrowsVaultNotFound() async {
        await #expect(throws: AccountModelError.vaultNotFound) {
            try await InMemoryAccountStore().modifyVault { _ in }
        }
    }

    @Test func retriesFromTheFreshVaultAfterAConflict() async throws {
        let store = ScriptedAccountStore(vault: Vault(platform: .ios))
        await store.failSaves(with: .revisionConflict(expected: 0, found: 1), .revisionConflict(expected: 0, found: 2))
        let saved = try await store.modifyVault(attempts: 3) { vault in
            try vault.setSetting("x", forKey: "k")
        }
        #expect(saved.settings.custom["k"] == "x")
        #expect(await store.loadCount == 3)
        #expect(await store.saveCount == 3)
    }

    @Test func givesUpWithTheConflictAfterTheLastAttempt() async throws {
        let store = ScriptedAccountStore(vault: Vault(platform: .ios))
        await store.failSaves(with: .revisionConflict(expected: 0, found: 1), .revisionConflict(expected: 0, found: 2))
        await #expect(throws: AccountModelError.revisionConflict(expected: 0, found: 2)) {
            try await store.modifyVault(attempts: 2) { vault in
                try vault.setSetting("x", forKey: "k")
            }
        }
        #expect(try await store.load()?.revision == 0)
    }

    @Test func doesNotRetryOtherErrors() async throws {
        let store = ScriptedAccountStore(vault: Vault(platform: .ios))
        await store.failSaves(with: .storeLocked)
        await #expect(throws: AccountModelError.storeLocked) {
            try await store.modifyVault(attempts: 5) { vault in
                try vault.setSetting("x", forKey: "k")
            }
        }
        #expect(await store.saveCount == 1)
    }

    @Test func aChangeThatThrowsSavesNothing() async throws {
        let store = ScriptedAccountStore(vault: Vault(platform: .ios))
        await #expect(throws: AccountModelError.invalidSettingKey("")) {
            try await store.modifyVault { vault in
                try vault.setSetting("x", forKey: "")
            }
        }
        #expect(await store.saveCount == 0)
    }
}

@Suite("ScriptedAccountStore")
struct ScriptedAccountStoreTests {
    @Test func scriptedLoadFailuresComeInOrderThenTheStoreWorks() async throws {
        let store = ScriptedAccountStore(vault: Vault(platform: .android))
        await store.failLoads(with: .storeDamaged(reason: "test"), .keyMismatch)
        await #expect(throws: AccountModelError.storeDamaged(reason: "test")) { try await store.load() }
        await #expect(throws: AccountModelError.keyMismatch) { try await store.load() }
        #expect(try await store.load()?.settings.platform == .android)
    }

    @Test func aScriptedSaveFailureStoresNothing() async throws {
        let store = ScriptedAccountStore()
        await store.failSaves(with: .storeUnavailable(reason: "disk full"))
        await #expect(throws: AccountModelError.storeUnavailable(reason: "disk full")) {
            try await store.save(Vault(platform: .ios), replacingRevision: nil)
        }
        #expect(try await store.load() == nil)
    }
}
