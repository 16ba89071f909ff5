import AccountModel

extension BackupAccount {
    /// What a backup carries of `account`: a third-party account in full (its token's
    /// secret and parameters), a personal or work-or-school account as metadata (provider
    /// reference and whether push approvals are on) — never its device state: no device
    /// credential, no secret scanned onto this device, no restore state.
    public init(_ account: Account) {
        let content: Content
        switch account.content {
        case let .thirdParty(token):
            content = .thirdParty(BackupToken(token.generator))
        case let .provider(details):
            let metadata = ProviderMetadata(
                providerAccountReference: details.reference, pushApprovalsEnabled: details.pushApprovalsEnabled)
            switch details.kind {
            case .personal: content = .personal(metadata)
            case .workOrSchool: content = .workOrSchool(metadata)
            }
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
