/// Where a device keeps its ``Vault``: load it, and save it only over the revision the
/// caller read (compare-and-swap), so a writer with a stale view cannot erase another
/// writer's change.
///
/// The SDK embeds ``InMemoryAccountStore`` (tests, previews) and ``FileAccountStore`` (an
/// encrypted file in a directory). Apps may plug in their own (a database, an app-group
/// container); run `AccountStoreConformance` from `AuthenticatorKitTestSupport` against it.
///
/// ## Implementation requirements
/// - **Atomic.** ``save(_:replacingRevision:)`` stores the whole vault or nothing: after a
///   failure, a crash or a power cut, ``load()`` returns either the previous vault or the new
///   one, never a mix and never a damaged one made by the save.
/// - **Compare-and-swap.** ``save(_:replacingRevision:)`` checks the stored revision and
///   writes as one step that no other writer (task, thread or process sharing the store) can
///   interleave with.
/// - **Never lose data.** A stored vault that cannot be read is reported, not replaced:
///   ``load()`` throws, and every save throws too until the user repairs or removes it.
/// - **Faithful.** ``load()`` returns exactly what was saved, device credentials included,
///   and keeps secrets out of any log or error text.
/// - Errors are ``AccountModelError`` cases: ``AccountModelError/revisionConflict(expected:found:)``
///   and ``AccountModelError/revisionNotAdvanced(revision:replacing:)`` for a refused save,
///   ``AccountModelError/storeDamaged(reason:)``, ``AccountModelError/unsupportedStoreVersion(_:)``
///   or ``AccountModelError/keyMismatch`` for a stored vault that cannot be read,
///   ``AccountModelError/storeLocked``, ``AccountModelError/storeUnavailable(reason:)`` or
///   ``AccountModelError/keyUnavailable(reason:)`` when the store cannot be used right now.
public protocol AccountStore: Sendable {
    /// The stored vault, or `nil` when none has been saved yet.
    ///
    /// - Throws: ``AccountModelError/storeDamaged(reason:)``,
    ///   ``AccountModelError/unsupportedStoreVersion(_:)`` or ``AccountModelError/keyMismatch``
    ///   when a stored vault exists but cannot be read; ``AccountModelError/storeUnavailable(reason:)``
    ///   or ``AccountModelError/keyUnavailable(reason:)`` when the store cannot be reached.
    func load() async throws(AccountModelError) -> Vault?

    /// Stores `vault` if the stored revision is still `expectedRevision`, the revision the
    /// caller loaded; `nil` means "no vault is stored yet" (creating the first vault).
    ///
    /// - Throws: ``AccountModelError/revisionConflict(expected:found:)`` when the stored
    ///   revision is another (another writer saved in between, or a vault already exists);
    ///   ``AccountModelError/revisionNotAdvanced(revision:replacing:)`` when `vault.revision`
    ///   is not greater than `expectedRevision`; any error of ``load()`` when the stored vault
    ///   cannot be read (it is never overwritten); ``AccountModelError/storeLocked`` or
    ///   ``AccountModelError/storeUnavailable(reason:)``. Nothing is stored when it throws.
    func save(_ vault: Vault, replacingRevision expectedRevision: UInt64?) async throws(AccountModelError)
}

extension AccountStore {
    /// Loads the vault, applies `change` to it, and saves it over the revision it loaded;
    /// when another writer saved in between, starts again from the fresh vault, up to
    /// `attempts` times in all. Returns the vault as saved.
    ///
    /// `change` may run more than once, so it must only change the vault it is given. When it
    /// throws, nothing is saved and its error is thrown as it is.
    ///
    /// - Throws: ``AccountModelError/vaultNotFound`` when no vault is stored;
    ///   ``AccountModelError/revisionConflict(expected:found:)`` when every attempt lost the
    ///   race; whatever ``load()`` or ``save(_:replacingRevision:)`` throws (all
    ///   ``AccountModelError``); whatever `change` throws.
    @discardableResult
    public func modifyVault(attempts: Int = 3, _ change: (inout Vault) throws -> Void) async throws -> Vault {
        var attempt = 1
        while true {
            guard var vault = try await load() else { throw AccountModelError.vaultNotFound }
            let read = vault.revision
            try change(&vault)
            do throws(AccountModelError) {
                try await save(vault, replacingRevision: read)
                return vault
            } catch {
                guard case .revisionConflict = error, attempt < attempts else { throw error }
                attempt += 1
            }
        }
    }
}
