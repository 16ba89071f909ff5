/// An account of the vault that backups leave out because a field a backup carries exceeds
/// ``VaultLimits`` (possible only in a vault written by an earlier version). Backups carry
/// every other account; apps show these by name and ask the user to shorten the field or
/// remove the account.
///
/// Never holds a secret: the account's identifier and labels, and which limits it exceeds.
public struct AccountLeftOut: Sendable, Hashable {
    /// The account's identifier.
    public let id: AccountID
    /// The issuer, as the vault holds it (it may be the field that is too long).
    public let issuer: String
    /// The user name, as the vault holds it.
    public let userName: String
    /// The display name, if any.
    public let displayName: String?
    /// The limits it exceeds: ``AccountModelError/fieldTooLong(field:limit:)`` and
    /// ``AccountModelError/secretTooLong(limit:)``.
    public let violations: [AccountModelError]

    /// The account `account`, left out for `violations`.
    public init(_ account: Account, violations: [AccountModelError]) {
        self.id = account.id
        self.issuer = account.issuer
        self.userName = account.userName
        self.displayName = account.displayName
        self.violations = violations
    }

    /// The name an app shows: the display name, else `issuer (user name)`, each cut to 64
    /// characters.
    public var name: String {
        if let displayName, !displayName.isEmpty { return Self.clipped(displayName) }
        return "\(Self.clipped(issuer)) (\(Self.clipped(userName)))"
    }

    private static func clipped(_ text: String) -> String {
        text.count > 64 ? String(text.prefix(63)) + "…" : text
    }
}
