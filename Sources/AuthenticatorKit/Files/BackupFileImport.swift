/// A sealed backup file (from ``BackupFileExport`` or any writer of the format) restored into
/// this device's vault: what an app's "Import a backup file" does.
///
/// Like a cloud restore under `ExistingAccountsPolicy/refuseIfNotEmpty`, it needs an empty
/// vault: while the vault holds any account it is refused with
/// `BackupUnavailableReason/existingAccounts(_:)` naming them, before the file is read or a
/// key derived. Third-party accounts come back in full; personal and work or school accounts
/// come back as metadata waiting for verification. The whole vault is saved in one
/// compare-and-swap step, or nothing.
public struct BackupFileImport: Sendable {
    let store: any AccountStore

    /// An import into the vault in `store`.
    public init(store: any AccountStore) {
        self.store = store
    }

    /// Restores the file `readFile` returns, opened with the key `key` returns. Both are asked
    /// for only once the vault is known to be empty.
    ///
    /// - Returns: the plan that was saved: every account's outcome and the vault as saved.
    /// - Throws: `BackupUnavailableReason/existingAccounts(_:)`; a `BackupFormatError` for a
    ///   file that is damaged, of an unknown version, or that `key` does not open; an
    ///   `AccountModelError` of the store (e.g. another writer saved first); whatever
    ///   `readFile` or `key` throw. The vault is unchanged when it throws.
    public func restore(
        readingFile readFile: () throws -> [UInt8], key: () throws -> BackupKey
    ) async throws -> RestorePlan {
        let stored = try await store.load()
        let vault = stored ?? Vault(platform: .ios)
        // The policy first: nothing is read or derived while accounts are in the way.
        if !vault.accounts.isEmpty {
            throw BackupUnavailableReason.existingAccounts(vault.accounts.map(ExistingAccountSummary.init))
        }
        let key = try key()
        let backup = try SealedBackup(bytes: try readFile())
        let payload = try backup.open(using: key)
        let onto = stored ?? Vault(platform: backup.header.platform)
        let plan = try RestorePlanner.plan(
            payload, header: backup.header, onto: onto, policy: .refuseIfNotEmpty)
        try await store.save(plan.vault, replacingRevision: stored?.revision)
        return plan
    }
}
