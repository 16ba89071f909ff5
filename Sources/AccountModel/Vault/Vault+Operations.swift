import Foundation

extension Vault {
    /// Appends `account` at the end of the vault.
    ///
    /// - Throws: ``AccountModelError/duplicateAccount(existing:)`` naming the account already
    ///   there when `account` has the same identifier, or the same issuer, user name and
    ///   secret (see ``duplicate(of:)``); the first of ``Account/limitViolations``
    ///   (``AccountModelError/fieldTooLong(field:limit:)``,
    ///   ``AccountModelError/secretTooLong(limit:)``) when a backup could not carry it;
    ///   ``AccountModelError/tooManyAccounts(limit:)`` when the vault already holds
    ///   ``VaultLimits/maximumAccounts``. Nothing is added.
    public mutating func add(_ account: Account) throws(AccountModelError) {
        if let violation = account.limitViolations.first { throw violation }
        guard accounts.count < VaultLimits.maximumAccounts else {
            throw .tooManyAccounts(limit: VaultLimits.maximumAccounts)
        }
        if let existing = duplicate(of: account) {
            throw .duplicateAccount(existing: existing.id)
        }
        let next = try nextRevision()
        accounts.append(account)
        revision = next
    }

    /// Appends `newAccounts` at the end of the vault, in their order, as one operation: all of
    /// them or none, and ``revision`` bumped once. The same checks as ``add(_:)`` for each
    /// account, against the vault and the accounts before it in `newAccounts`, in time
    /// linear in the vault's size (duplicates are looked up in an index, not by comparing
    /// every pair), so that an import of thousands of accounts stays fast.
    ///
    /// - Throws: what ``add(_:)`` throws for the first account that cannot be added
    ///   (``AccountModelError/tooManyAccounts(limit:)`` when the vault would hold more than
    ///   ``VaultLimits/maximumAccounts``); ``AccountModelError/revisionOverflow``. Nothing is
    ///   added.
    public mutating func add(contentsOf newAccounts: [Account]) throws(AccountModelError) {
        guard !newAccounts.isEmpty else { return }
        var combined = accounts
        combined.reserveCapacity(accounts.count + newAccounts.count)
        var index = VaultDuplicateIndex(accounts)
        for account in newAccounts {
            if let violation = account.limitViolations.first { throw violation }
            guard combined.count < VaultLimits.maximumAccounts else {
                throw .tooManyAccounts(limit: VaultLimits.maximumAccounts)
            }
            if let existing = index.duplicate(of: account, in: combined) {
                throw .duplicateAccount(existing: combined[existing].id)
            }
            index.insert(account, at: combined.count)
            combined.append(account)
        }
        let next = try nextRevision()
        accounts = combined
        revision = next
    }

    /// Removes the account with identifier `id` and returns it.
    ///
    /// - Throws: ``AccountModelError/accountNotFound(_:)``.
    @discardableResult
    public mutating func removeAccount(withID id: AccountID) throws(AccountModelError) -> Account {
        let index = try requireIndex(of: id)
        let next = try nextRevision()
        let removed = accounts.remove(at: index)
        revision = next
        return removed
    }

    /// Gives the account with identifier `id` a new issuer, user name and display name
    /// (`nil` clears it) and sets its `modifiedAt` to `date`. The issuer and user name are
    /// stated once (a third-party account's token label, or a provider account's details),
    /// so there is nothing else to relabel.
    ///
    /// - Throws: ``AccountModelError/accountNotFound(_:)``;
    ///   ``AccountModelError/duplicateAccount(existing:)`` when the new names would make it
    ///   a duplicate of another account; ``AccountModelError/fieldTooLong(field:limit:)`` for a
    ///   name longer than ``VaultLimits/maximumTextLength`` (nothing changes).
    public mutating func renameAccount(
        withID id: AccountID, issuer: String, userName: String, displayName: String?, at date: Date = Date()
    ) throws(AccountModelError) {
        try updateAccount(withID: id, at: date) { account in
            account.issuer = issuer
            account.userName = userName
            account.displayName = displayName
        }
    }

    /// Moves the account with identifier `id` so that it ends up at position `index`
    /// (`0` is first, `accounts.count - 1` last); the others keep their relative order.
    ///
    /// - Throws: ``AccountModelError/accountNotFound(_:)``;
    ///   ``AccountModelError/indexOutOfRange(index:count:)`` unless `0 <= index < accounts.count`.
    public mutating func moveAccount(withID id: AccountID, to index: Int) throws(AccountModelError) {
        let from = try requireIndex(of: id)
        guard accounts.indices.contains(index) else {
            throw .indexOutOfRange(index: index, count: accounts.count)
        }
        let next = try nextRevision()
        let account = accounts.remove(at: from)
        accounts.insert(account, at: index)
        revision = next
    }

    /// Changes the account with identifier `id` through `change`, then sets its `modifiedAt`
    /// to `date` (for example to attach a new device credential or finish a verification).
    ///
    /// The change applies only if `change` returns, the result duplicates no other account,
    /// and it exceeds no limit of ``VaultLimits`` the account did not already exceed (an
    /// account an earlier version let in keeps working and can be shortened); otherwise the
    /// vault stays as it was.
    ///
    /// - Throws: ``AccountModelError/accountNotFound(_:)``,
    ///   ``AccountModelError/duplicateAccount(existing:)``,
    ///   ``AccountModelError/fieldTooLong(field:limit:)``,
    ///   ``AccountModelError/secretTooLong(limit:)``, or what `change` throws.
    public mutating func updateAccount(
        withID id: AccountID, at date: Date = Date(), _ change: (inout Account) throws(AccountModelError) -> Void
    ) throws(AccountModelError) {
        let index = try requireIndex(of: id)
        var account = accounts[index]
        try change(&account)
        try Self.refuseNewViolations(account.limitViolations, comparedWith: accounts[index].limitViolations)
        account.modifiedAt = date
        if let existing = duplicate(of: account, ignoring: id) {
            throw .duplicateAccount(existing: existing.id)
        }
        let next = try nextRevision()
        accounts[index] = account
        revision = next
    }

    /// Replaces the settings.
    ///
    /// - Throws: ``AccountModelError/tooManyCustomSettings(limit:)`` or
    ///   ``AccountModelError/fieldTooLong(field:limit:)`` (a custom key or value) when
    ///   `settings` exceed a limit of ``VaultLimits`` the current settings do not;
    ///   ``AccountModelError/revisionOverflow``. Nothing changes when it throws.
    public mutating func updateSettings(_ settings: Settings) throws(AccountModelError) {
        try Self.refuseNewViolations(settings.limitViolations, comparedWith: self.settings.limitViolations)
        let next = try nextRevision()
        self.settings = settings
        revision = next
    }

    /// Sets one setting by its string key (see ``Settings/setValue(_:forKey:)``).
    ///
    /// - Throws: ``AccountModelError/invalidSettingKey(_:)``,
    ///   ``AccountModelError/invalidSettingValue(key:value:expected:)``, or a limit of
    ///   ``VaultLimits`` (see ``updateSettings(_:)``); nothing changes.
    public mutating func setSetting(_ value: String, forKey key: String) throws(AccountModelError) {
        var changed = settings
        try changed.setValue(value, forKey: key)
        try updateSettings(changed)
    }

    /// Replaces the device-local backup state (`nil` forgets it).
    ///
    /// Like every operation it bumps ``revision`` (stores only save a newer revision), but it
    /// does not change what a backup would hold. So that a vault whose contents are backed up
    /// does not look changed, a ``BackupState/backedUpRevision`` equal to the revision before
    /// the call is moved to the new revision.
    ///
    /// - Throws: ``AccountModelError/revisionOverflow``; nothing changes.
    public mutating func setBackupState(_ state: BackupState?) throws(AccountModelError) {
        let next = try nextRevision()
        var state = state
        if state?.backedUpRevision == revision { state?.backedUpRevision = next }
        backupState = state
        revision = next
    }

    private func requireIndex(of id: AccountID) throws(AccountModelError) -> Int {
        guard let index = index(ofAccountWithID: id) else { throw .accountNotFound(id) }
        return index
    }

    private func nextRevision() throws(AccountModelError) -> UInt64 {
        guard revision < .max else { throw .revisionOverflow }
        return revision + 1
    }
}
