/// Everything the authenticator keeps on the device: the ordered accounts and the settings.
///
/// Every change bumps ``revision``, which stores use to refuse a save from a stale view.
public struct Vault: Sendable {
    /// The accounts, in the order the user sees them.
    public internal(set) var accounts: [Account]
    /// App settings.
    public internal(set) var settings: Settings
    /// Increases by one with every change.
    public internal(set) var revision: UInt64

    /// An empty vault for a device on `platform`.
    public init(platform: Platform) {
        self.init(accounts: [], settings: Settings(platform: platform), revision: 0)
    }

    /// A vault with the given contents (restores and stores build vaults this way).
    public init(accounts: [Account], settings: Settings, revision: UInt64) {
        self.accounts = accounts
        self.settings = settings
        self.revision = revision
    }
}
