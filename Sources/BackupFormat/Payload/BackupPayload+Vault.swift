import AccountModel

extension BackupPayload {
    /// Everything a backup carries of `vault`: every account, in order — third-party
    /// accounts in full, personal and work-or-school accounts as metadata — and the settings.
    ///
    /// No account is skipped: one that cannot be carried (a third-party account without an
    /// OTP token) is reported as ``BackupFormatError/missingSecret(account:)``.
    public init(vault: Vault) throws(BackupFormatError) {
        var accounts: [BackupAccount] = []
        accounts.reserveCapacity(vault.accounts.count)
        for account in vault.accounts {
            accounts.append(try BackupAccount(account))
        }
        self.init(accounts: accounts, settings: vault.settings)
    }
}
