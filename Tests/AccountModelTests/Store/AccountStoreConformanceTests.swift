import AccountModel
import AuthenticatorKitTestSupport
import Foundation
import Testing

@Suite("AccountStore conformance")
struct AccountStoreConformanceTests {
    @Test(arguments: AccountStoreConformance.checks)
    func inMemoryStoreConforms(_ check: AccountStoreConformance.Check) async throws {
        try await check.run { InMemoryAccountStore() }
    }

    @Test(arguments: AccountStoreConformance.checks)
    func fileStoreConforms(_ check: AccountStoreConformance.Check) async throws {
        let directory = try TestDirectory()
        try await check.run { directory.store() }
    }

    @Test(arguments: AccountStoreConformance.checks)
    func scriptedStoreWithoutScriptConforms(_ check: AccountStoreConformance.Check) async throws {
        try await check.run { ScriptedAccountStore() }
    }

    /// The suite must be able to fail: a store that forgets every save breaks it.
    @Test func aStoreThatLosesSavesFailsTheSuite() async throws {
        await #expect(throws: ConformanceFailure.self) {
            try await AccountStoreConformance.runAll { ForgetfulStore() }
        }
    }

    /// A store without compare-and-swap breaks it too.
    @Test func aStoreWithoutCompareAndSwapFailsTheSuite() async throws {
        let failure = await #expect(throws: ConformanceFailure.self) {
            try await AccountStoreConformance.runAll { LastWriterWinsStore() }
        }
        #expect(failure?.description.contains("conflict") == true)
        #expect(failure?.description.contains("load returns nil before the first save") == false)
    }
}

/// Saves nothing.
private struct ForgetfulStore: AccountStore {
    func load() async throws(AccountModelError) -> Vault? { nil }
    func save(_ vault: Vault, replacingRevision expectedRevision: UInt64?) async throws(AccountModelError) {}
}

/// Keeps the last vault saved, whatever revision it replaces.
private actor LastWriterWinsStore: AccountStore {
    private var vault: Vault?
    func load() -> Vault? { vault }
    func save(_ vault: Vault, replacingRevision expectedRevision: UInt64?) { self.vault = vault }
}
