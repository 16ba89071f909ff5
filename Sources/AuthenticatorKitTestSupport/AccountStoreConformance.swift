import AuthenticatorKit

/// The behaviour every `AccountStore` must show, as checks any backend's tests can run
/// (Swift Testing, XCTest, or a plain program): each check throws a
/// ``ConformanceFailure`` saying what the store did wrong.
///
/// ```swift
/// @Test(arguments: AccountStoreConformance.checks)
/// func keychainStoreConforms(_ check: AccountStoreConformance.Check) async throws {
///     try await check.run { try KeychainAccountStore(service: "test-\(UUID())") }
/// }
/// ```
///
/// Each check asks `makeStore` for a new, empty store and may call it more than once.
public enum AccountStoreConformance {
    /// One named check.
    public struct Check: Sendable, CustomStringConvertible {
        /// What the check verifies, as a sentence.
        public let name: String
        private let body: @Sendable (_ makeStore: @Sendable () async throws -> any AccountStore) async throws -> Void

        init(_ name: String, _ body: @escaping @Sendable (_ makeStore: @Sendable () async throws -> any AccountStore) async throws -> Void) {
            self.name = name
            self.body = body
        }

        /// Runs the check against stores from `makeStore`; throws a ``ConformanceFailure``
        /// (or whatever `makeStore` throws) when the store misbehaves.
        public func run(makeStore: @escaping @Sendable () async throws -> any AccountStore) async throws {
            try await body(makeStore)
        }

        /// ``name``.
        public var description: String { name }
    }

    /// Every check.
    public static let checks: [Check] = [
        Check("load returns nil before the first save", loadReturnsNilBeforeTheFirstSave),
        Check("the first save creates the vault", firstSaveCreatesTheVault),
        Check("a saved vault loads back with every field, secrets and device credentials included", roundTripKeepsEveryField),
        Check("the device's backup state loads back, session token included", roundTripKeepsTheBackupState),
        Check("creating a vault when one exists is a conflict", creatingWhenAVaultExistsIsAConflict),
        Check("saving over the revision read replaces the vault", savingOverTheRevisionReadReplacesTheVault),
        Check("a save from a stale view is a conflict and keeps the other writer's vault", staleSaveIsAConflict),
        Check("saving over a revision when no vault exists is a conflict", savingOverARevisionWhenNoneExistsIsAConflict),
        Check("a save that does not advance the revision is refused", saveNotAdvancingTheRevisionIsRefused),
        Check("concurrent modifications lose no update", concurrentModificationsLoseNoUpdate),
    ]

    /// Runs every check, each with fresh stores from `makeStore`; throws one
    /// ``ConformanceFailure`` listing every check that failed.
    public static func runAll(makeStore: @escaping @Sendable () async throws -> any AccountStore) async throws {
        var failures: [String] = []
        for check in checks {
            do {
                try await check.run(makeStore: makeStore)
            } catch {
                failures.append("\(check.name): \(error)")
            }
        }
        guard failures.isEmpty else { throw ConformanceFailure(requirement: "AccountStore conformance", observed: failures.joined(separator: "\n")) }
    }

    // MARK: Checks

    static func loadReturnsNilBeforeTheFirstSave(_ makeStore: @Sendable () async throws -> any AccountStore) async throws {
        let store = try await makeStore()
        let loaded = try await store.load()
        try require(loaded == nil, "load() returned a vault from an empty store")
    }

    static func firstSaveCreatesTheVault(_ makeStore: @Sendable () async throws -> any AccountStore) async throws {
        let store = try await makeStore()
        var vault = Vault(platform: .ios)
        try vault.add(try SampleVaults.thirdPartyAccount(userName: "first"))
        try await store.save(vault, replacingRevision: nil)
        try await requireStored(vault, in: store)
    }

    static func roundTripKeepsEveryField(_ makeStore: @Sendable () async throws -> any AccountStore) async throws {
        let store = try await makeStore()
        let vault = try SampleVaults.everyShape()
        try await store.save(vault, replacingRevision: nil)
        try await requireStored(vault, in: store)
    }

    static func roundTripKeepsTheBackupState(_ makeStore: @Sendable () async throws -> any AccountStore) async throws {
        let store = try await makeStore()
        let vault = try SampleVaults.withBackupState()
        try await store.save(vault, replacingRevision: nil)
        try await requireStored(vault, in: store)
        let token = try await store.load()?.backupState?.session?.token
        try require(token == vault.backupState?.session?.token, "the session token did not load back")
    }

    static func creatingWhenAVaultExistsIsAConflict(_ makeStore: @Sendable () async throws -> any AccountStore) async throws {
        let store = try await makeStore()
        let first = try SampleVaults.everyShape(revision: 3)
        try await store.save(first, replacingRevision: nil)
        try await requireError(.revisionConflict(expected: nil, found: 3), "creating a second vault") {
            try await store.save(Vault(platform: .ios), replacingRevision: nil)
        }
        try await requireStored(first, in: store)
    }

    static func savingOverTheRevisionReadReplacesTheVault(_ makeStore: @Sendable () async throws -> any AccountStore) async throws {
        let store = try await makeStore()
        try await store.save(Vault(platform: .ios), replacingRevision: nil)
        guard var vault = try await store.load() else { throw ConformanceFailure(requirement: "AccountStore conformance", observed: "load() returned nil after a save") }
        let read = vault.revision
        try vault.add(try SampleVaults.thirdPartyAccount(userName: "second"))
        try vault.setSetting("on", forKey: "custom.flag")
        try await store.save(vault, replacingRevision: read)
        try await requireStored(vault, in: store)
    }

    static func staleSaveIsAConflict(_ makeStore: @Sendable () async throws -> any AccountStore) async throws {
        let store = try await makeStore()
        let base = Vault(platform: .ios)
        try await store.save(base, replacingRevision: nil)
        var winner = base
        try winner.add(try SampleVaults.thirdPartyAccount(userName: "winner"))
        var loser = base
        try loser.add(try SampleVaults.thirdPartyAccount(userName: "loser"))
        try loser.add(try SampleVaults.thirdPartyAccount(userName: "loser-2"))
        try await store.save(winner, replacingRevision: base.revision)
        try await requireError(.revisionConflict(expected: base.revision, found: winner.revision), "a stale save") {
            try await store.save(loser, replacingRevision: base.revision)
        }
        try await requireStored(winner, in: store)
    }

    static func savingOverARevisionWhenNoneExistsIsAConflict(_ makeStore: @Sendable () async throws -> any AccountStore) async throws {
        let store = try await makeStore()
        var vault = Vault(platform: .android)
        try vault.updateSettings(vault.settings)
        try await requireError(.revisionConflict(expected: 0, found: nil), "saving over revision 0 in an empty store") {
            try await store.save(vault, replacingRevision: 0)
        }
        let loaded = try await store.load()
        try require(loaded == nil, "a refused save stored a vault")
    }

    static func saveNotAdvancingTheRevisionIsRefused(_ makeStore: @Sendable () async throws -> any AccountStore) async throws {
        let store = try await makeStore()
        let stored = try SampleVaults.everyShape(revision: 5)
        try await store.save(stored, replacingRevision: nil)
        let sameRevision = Vault(accounts: [], settings: Settings(platform: .ios), revision: 5)
        try await requireError(.revisionNotAdvanced(revision: 5, replacing: 5), "a save keeping the revision") {
            try await store.save(sameRevision, replacingRevision: 5)
        }
        let older = Vault(accounts: [], settings: Settings(platform: .ios), revision: 2)
        try await requireError(.revisionNotAdvanced(revision: 2, replacing: 5), "a save going back in revisions") {
            try await store.save(older, replacingRevision: 5)
        }
        try await requireStored(stored, in: store)
    }

    static func concurrentModificationsLoseNoUpdate(_ makeStore: @Sendable () async throws -> any AccountStore) async throws {
        let store = try await makeStore()
        try await store.save(Vault(platform: .ios), replacingRevision: nil)
        let writers = 8
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<writers {
                group.addTask {
                    let account = try SampleVaults.thirdPartyAccount(userName: "writer-\(writer)")
                    try await store.modifyVault(attempts: 1_000) { vault in
                        try vault.add(account)
                    }
                }
            }
            try await group.waitForAll()
        }
        guard let final = try await store.load() else { throw ConformanceFailure(requirement: "AccountStore conformance", observed: "the vault disappeared") }
        let names = Set(final.accounts.map(\.userName))
        try require(
            names == Set((0..<writers).map { "writer-\($0)" }) && final.accounts.count == writers,
            "after \(writers) concurrent additions the vault holds \(final.accounts.map(\.userName).sorted())"
        )
        try require(final.revision == UInt64(writers), "after \(writers) additions the revision is \(final.revision)")
    }

    // MARK: Helpers

    private static func require(_ condition: Bool, _ message: @autoclosure () -> String) throws {
        if !condition { throw ConformanceFailure(requirement: "AccountStore conformance", observed: message()) }
    }

    private static func requireStored(_ expected: Vault, in store: any AccountStore) async throws {
        guard let loaded = try await store.load() else { throw ConformanceFailure(requirement: "AccountStore conformance", observed: "load() returned nil after a save") }
        let differences = VaultComparison.differences(expected, loaded)
        try require(differences.isEmpty, "the loaded vault differs from the saved one: \(differences.joined(separator: "; "))")
    }

    private static func requireError(
        _ expected: AccountModelError, _ what: String, _ body: () async throws -> Void
    ) async throws {
        do {
            try await body()
        } catch let error as AccountModelError {
            try require(error == expected, "\(what) threw \(error), expected \(expected)")
            return
        }
        throw ConformanceFailure(requirement: "AccountStore conformance", observed: "\(what) succeeded; expected \(expected)")
    }
}
