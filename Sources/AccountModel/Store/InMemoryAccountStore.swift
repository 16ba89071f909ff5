/// An ``AccountStore`` that keeps the vault in memory: for tests, previews and apps that
/// persist elsewhere. Safe to share between tasks; forgets everything when released.
public actor InMemoryAccountStore: AccountStore {
    private var vault: Vault?

    /// A store holding `vault` (`nil`: empty).
    public init(vault: Vault? = nil) {
        self.vault = vault
    }

    /// The stored vault, or `nil`.
    public func load() -> Vault? {
        vault
    }

    /// Stores `vault` if the stored revision is `expectedRevision` (see
    /// ``AccountStore/save(_:replacingRevision:)``).
    public func save(_ vault: Vault, replacingRevision expectedRevision: UInt64?) throws(AccountModelError) {
        try RevisionCheck.verify(saving: vault, replacing: expectedRevision, stored: self.vault?.revision)
        self.vault = vault
    }
}

/// The compare-and-swap rule every embedded store applies before writing.
enum RevisionCheck {
    /// Throws unless `stored` is `expected` and `vault` advances past it.
    static func verify(saving vault: Vault, replacing expected: UInt64?, stored: UInt64?) throws(AccountModelError) {
        guard stored == expected else { throw .revisionConflict(expected: expected, found: stored) }
        if let expected, vault.revision <= expected {
            throw .revisionNotAdvanced(revision: vault.revision, replacing: expected)
        }
    }
}
