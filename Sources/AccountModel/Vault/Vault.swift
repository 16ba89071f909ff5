import BackupServices

/// Everything the authenticator keeps on the device: the ordered accounts, the settings, and
/// the device-local state of its cloud backup.
///
/// Change a vault only through its operations (``add(_:)``, ``removeAccount(withID:)``,
/// ``renameAccount(withID:issuer:userName:displayName:at:)``, ``moveAccount(withID:to:)``,
/// ``updateAccount(withID:at:_:)``, ``updateSettings(_:)``, ``setSetting(_:forKey:)``,
/// ``setBackupState(_:)``). Each
/// successful operation bumps ``revision`` by one; a failed one leaves the vault exactly as it
/// was. Stores use the revision to refuse a save from a stale view (see ``AccountStore``).
public struct Vault: Sendable {
    /// The accounts, in the order the user sees them.
    public internal(set) var accounts: [Account]
    /// App settings.
    public internal(set) var settings: Settings
    /// Increases by one with every change.
    public internal(set) var revision: UInt64
    /// Where and how far this device backs up (see ``BackupState``), or `nil` when backup was
    /// never turned on here. Device-local: never part of a backup. Change it with
    /// ``setBackupState(_:)``.
    public internal(set) var backupState: BackupState?

    /// An empty vault for a device on `platform`, at revision 0.
    public init(platform: Platform) {
        self.init(accounts: [], settings: Settings(platform: platform), revision: 0)
    }

    /// A vault with the given contents, as they are (stores and restores build vaults this
    /// way). Nothing is checked: to build a vault from untrusted input, start from an empty
    /// vault and ``add(_:)`` each account, which reports duplicates.
    public init(accounts: [Account], settings: Settings, revision: UInt64, backupState: BackupState? = nil) {
        self.accounts = accounts
        self.settings = settings
        self.revision = revision
        self.backupState = backupState
    }
}
