import AccountModel

/// What a backup carries: the accounts, in the order the user sees them, and the settings.
///
/// Build one from the vault with ``init(vault:)``, seal it with ``BackupSealer``, and get it
/// back from ``SealedBackup/open(using:)``. A payload never holds a device credential: no
/// type in it has a field that could carry one.
public struct BackupPayload: Sendable, Equatable {
    /// The accounts, in order.
    public var accounts: [BackupAccount]
    /// The app settings.
    public var settings: Settings

    /// A payload with the given contents.
    public init(accounts: [BackupAccount], settings: Settings) {
        self.accounts = accounts
        self.settings = settings
    }
}
