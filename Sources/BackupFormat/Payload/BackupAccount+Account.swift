import AccountModel

extension BackupAccount {
    /// What a backup carries of `account`: a third-party account in full (its token's
    /// secret and parameters), a personal or work-or-school account as metadata (provider
    /// reference and whether push approvals are on) — never its device credential nor a
    /// token bound to its device.
    ///
    /// - Throws: ``BackupFormatError/missingSecret(account:)`` for a third-party account
    ///   without a token.
    public init(_ account: Account) throws(BackupFormatError) {
        let content: Content
        switch account.kind {
        case .thirdParty:
            guard let token = account.token else { throw .missingSecret(account: account.id) }
            content = .thirdParty(BackupToken(token.generator))
        case .personal:
            content = .personal(ProviderMetadata(account))
        case .workOrSchool:
            content = .workOrSchool(ProviderMetadata(account))
        }
        self.init(
            id: account.id,
            issuer: account.issuer,
            userName: account.userName,
            displayName: account.displayName,
            iconReference: account.iconReference,
            createdAt: account.createdAt,
            content: content
        )
    }
}

extension BackupAccount.ProviderMetadata {
    /// The provider reference and push-approval flag of `account`.
    init(_ account: Account) {
        self.init(
            providerAccountReference: account.providerAccountReference,
            pushApprovalsEnabled: account.pushApprovalsEnabled
        )
    }
}
