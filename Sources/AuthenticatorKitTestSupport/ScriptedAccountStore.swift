import AuthenticatorKit

/// An in-memory `AccountStore` that fails on cue, for testing how an app or coordinator
/// copes with a store that is damaged, locked or unavailable.
///
/// Scripted failures are consumed in order, one per call; once none are left the store
/// behaves like `InMemoryAccountStore`. A failed save stores nothing.
public actor ScriptedAccountStore: AccountStore {
    private let backing: InMemoryAccountStore
    private var loadFailures: [AccountModelError] = []
    private var saveFailures: [AccountModelError] = []

    /// How many times ``load()`` was called.
    public private(set) var loadCount = 0
    /// How many times ``save(_:replacingRevision:)`` was called.
    public private(set) var saveCount = 0

    /// A store holding `vault` (`nil`: empty).
    public init(vault: Vault? = nil) {
        self.backing = InMemoryAccountStore(vault: vault)
    }

    /// Makes the next ``load()`` calls throw `errors`, one each.
    public func failLoads(with errors: AccountModelError...) {
        loadFailures += errors
    }

    /// Makes the next ``save(_:replacingRevision:)`` calls throw `errors`, one each.
    public func failSaves(with errors: AccountModelError...) {
        saveFailures += errors
    }

    /// The stored vault, or the next scripted load failure.
    public func load() async throws(AccountModelError) -> Vault? {
        loadCount += 1
        if !loadFailures.isEmpty { throw loadFailures.removeFirst() }
        return await backing.load()
    }

    /// Stores `vault` as `InMemoryAccountStore` does, or throws the next scripted save failure.
    public func save(_ vault: Vault, replacingRevision expectedRevision: UInt64?) async throws(AccountModelError) {
        saveCount += 1
        if !saveFailures.isEmpty { throw saveFailures.removeFirst() }
        try await backing.save(vault, replacingRevision: expectedRevision)
    }
}
