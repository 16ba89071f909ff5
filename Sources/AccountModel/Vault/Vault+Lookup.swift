extension Vault {
    /// The account with identifier `id`, or `nil` if the vault has none.
    public func account(withID id: AccountID) -> Account? {
        accounts.first { $0.id == id }
    }

    /// The position of the account with identifier `id`, or `nil` if the vault has none.
    public func index(ofAccountWithID id: AccountID) -> Int? {
        accounts.firstIndex { $0.id == id }
    }

    /// The account already in the vault that `account` would duplicate, or `nil`.
    ///
    /// A duplicate has the same identifier, or the same issuer, user name and OTP secret
    /// (the secrets compared in constant time; two accounts without a token have equal
    /// secrets). Issuer and user name are compared exactly, as the user typed or scanned them.
    public func duplicate(of account: Account) -> Account? {
        accounts.first { $0.id == account.id || $0.isDuplicate(of: account) }
    }

    /// The first account other than the one with identifier `id` that `account` duplicates.
    func duplicate(of account: Account, ignoring id: AccountID) -> Account? {
        accounts.first { $0.id != id && $0.isDuplicate(of: account) }
    }
}

extension Account {
    /// Same issuer, same user name and same secret (constant-time comparison).
    package func isDuplicate(of other: Account) -> Bool {
        guard issuer == other.issuer, userName == other.userName else { return false }
        switch (token?.generator.secret, other.token?.generator.secret) {
        case (nil, nil): return true
        case let (mine?, theirs?): return mine == theirs  // SecureBytes ==: sodium_memcmp
        default: return false
        }
    }
}
