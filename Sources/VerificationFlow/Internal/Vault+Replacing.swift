import AccountModel

// Stopgap until AccountModel offers vault operations: the lead will switch this to them.
extension Vault {
    /// This vault with the account of the same identifier replaced by `account`, in the
    /// same position, and the revision increased by one.
    func replacing(_ account: Account) -> Vault {
        let accounts = self.accounts.map { $0.id == account.id ? account : $0 }
        return Vault(accounts: accounts, settings: settings, revision: revision + 1)
    }
}
