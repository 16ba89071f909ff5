import AuthenticatorKit
import Foundation

/// Accounts beyond the backup format's limits (`VaultLimits`), as a vault written by an
/// earlier version of the SDK may hold them — that version's `add` checked nothing — for
/// tests of what this version does with them. Build the vault with `Vault(accounts:…)`,
/// which checks nothing, and save it through a store: the local vault file keeps such an
/// account, as it did then.
public enum OversizedAccounts {
    /// A third-party TOTP account at `issuer` whose secret is `secretLength` bytes long
    /// (129: one byte more than a backup carries).
    public static func thirdParty(
        issuer: String = "Oversized", userName: String = "mallory", secretLength: Int = VaultLimits.maximumSecretLength + 1,
        id: AccountID = AccountID(rawValue: "oversized-secret")
    ) throws -> Account {
        let secret = SecureBytes(copying: (0..<secretLength).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
        let generator = try Generator(factor: .timer(period: 30), secret: secret)
        return Account(id: id, token: Token(issuer: issuer, account: userName, generator: generator), createdAt: SampleVaults.createdAt)
    }

    /// A third-party account whose issuer is `length` characters of ASCII (2,000: a QR code's
    /// issuer nearly twice what a backup carries).
    public static func longIssuer(length: Int = 2000, id: AccountID = AccountID(rawValue: "oversized-issuer")) throws -> Account {
        let account = try SampleVaults.thirdPartyAccount(issuer: String(repeating: "I", count: length), userName: "long")
        return Account(id: id, createdAt: account.createdAt, content: account.content)
    }

    /// A vault an earlier version could have written: the third-party accounts `alice` and
    /// `bob` (within the limits) and ``thirdParty(issuer:userName:secretLength:id:)`` (a
    /// 129-byte secret) between them, with backup settings of `settings`.
    public static func vault(settings: Settings = Settings(platform: .ios), revision: UInt64 = 3) throws -> Vault {
        let accounts = [
            try SampleVaults.thirdPartyAccount(issuer: "GitHub", userName: "alice"),
            try thirdParty(),
            try SampleVaults.thirdPartyAccount(issuer: "GitLab", userName: "bob"),
        ]
        return Vault(accounts: accounts, settings: settings, revision: revision)
    }
}
