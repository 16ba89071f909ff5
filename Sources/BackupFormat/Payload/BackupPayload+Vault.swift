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
        var leftOut: [AccountLeftOut] = []
        self.init(vault: vault, leavingOut: &leftOut)
    }

    /// ``init(vault:)``, adding to `leftOut` the accounts it leaves out, in vault order, as
    /// `Vault.accountsLeftOutOfBackups` lists them: from the same pass, so that an export
    /// reads each account once.
    package init(vault: Vault, leavingOut leftOut: inout [AccountLeftOut]) {
        // One pass, no filtered copy of the accounts array first; through the buffer, whose
        // elements are read in place (an array's subscript copies the whole account).
        var carried: [BackupAccount] = []
        carried.reserveCapacity(vault.accounts.count)
        vault.accounts.withUnsafeBufferPointer { accounts in
            for index in accounts.indices {
                if accounts[index].exceedsBackupLimits {
                    leftOut.append(AccountLeftOut(accounts[index], violations: accounts[index].backupLimitViolations))
                } else {
                    carried.append(BackupAccount(accounts[index]))
                }
            }
        }
        self.init(accounts: carried, settings: vault.settings)
    }
}
