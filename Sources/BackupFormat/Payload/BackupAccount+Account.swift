import AccountModel
import Foundation

extension BackupAccount {
    /// What a backup carries of `account`: a third-party account in full (its token's
    /// secret and parameters), a personal or work-or-school account as metadata (provider
    /// reference and whether push approvals are on) — never its device state: no device
    /// credential, no secret scanned onto this device, no restore state.
    public init(_ account: borrowing Account) {
        // Straight into the record the backup encodes (the token shares the generator's
        // secure memory), with no intermediate `Content` or `BackupToken`.
        // The issuer and user name from the one switch (what `Account.issuer` and `userName`
        // read), so that no getter is handed the whole account, which copies it.
        let content: EncodedAccount.Content
        let issuer: String
        let userName: String
        switch account.content {
        case let .thirdParty(token):
            content = .thirdParty(TokenRecord(token.generator))
            (issuer, userName) = (token.issuer, token.account)
        case let .provider(details):
            content = .provider(details.kind, reference: details.reference, pushApprovalsEnabled: details.pushApprovalsEnabled)
            (issuer, userName) = (details.issuer, details.userName)
        }
        self.init(record: EncodedAccount(
            id: account.id, issuer: issuer, userName: userName, displayName: account.displayName,
            iconReference: account.iconReference,
            createdAt: Date(millisecondsSince1970: account.createdAt.millisecondsSince1970), content: content))
    }
}
