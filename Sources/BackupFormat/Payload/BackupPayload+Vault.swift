import AccountModel

extension BackupPayload {
    /// Everything a backup carries of `vault`: every account, in order — third-party
    /// accounts in full, personal and work-or-school accounts as metadata — and the settings.
    ///
    /// No account is ever left out: every `Account` can be carried (a third-party account
    /// always has its token).
    public init(vault: Vault) {
        self.init(accounts: vault.accounts.map(BackupAccount.init), settings: vault.settings)
    }
}
