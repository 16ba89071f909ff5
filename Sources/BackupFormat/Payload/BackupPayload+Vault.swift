import AccountModel

extension BackupPayload {
    /// Everything a backup carries of `vault`: every account, in order — third-party
    /// accounts in full, personal and work-or-school accounts as metadata — and the settings.
    ///
    /// Every account a vault accepts can be carried (the vault's limits are the format's). An
    /// account that exceeds them, which only a vault written by an earlier version can hold,
    /// is left out: `Vault.accountsLeftOutOfBackups` lists exactly those, for the app to report
    /// by name; nothing else is ever left out.
    public init(vault: Vault) {
        // One pass by index: no filtered copy of the accounts array first.
        var carried: [BackupAccount] = []
        carried.reserveCapacity(vault.accounts.count)
        for index in vault.accounts.indices where vault.accounts[index].backupLimitViolations.isEmpty {
            carried.append(BackupAccount(vault.accounts[index]))
        }
        self.init(accounts: carried, settings: vault.settings)
    }
}
