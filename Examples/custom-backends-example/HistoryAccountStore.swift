import AuthenticatorKit

/// A custom ``AccountStore``: keeps every saved revision, as a database table might.
///
/// The SDK asks two things of a store: load the latest vault, and save a new one only over the
/// revision the caller read (compare-and-swap), all or nothing.
actor HistoryAccountStore: AccountStore {
    private var history: [Vault] = []

    func load() -> Vault? {
        history.last
    }

    func save(_ vault: Vault, replacingRevision expectedRevision: UInt64?) throws(AccountModelError) {
        let stored = history.last?.revision
        guard stored == expectedRevision else { throw .revisionConflict(expected: expectedRevision, found: stored) }
        if let expectedRevision, vault.revision <= expectedRevision {
            throw .revisionNotAdvanced(revision: vault.revision, replacing: expectedRevision)
        }
        history.append(vault)
    }

    /// The revisions saved so far, oldest first.
    var savedRevisions: [UInt64] { history.map(\.revision) }
}
