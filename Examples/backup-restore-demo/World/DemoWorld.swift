import AuthenticatorKitEmbedded
import AuthenticatorKit
import Foundation

/// Everything the story runs on, in one temporary folder: the cloud, the identity provider's
/// services, and the devices' vaults. Removed when the demo ends.
struct DemoWorld {
    /// Alice's recovery account, which is also her personal account at the identity provider.
    static let userName = "alice"
    /// The same user name, as the recovery account's.
    static let recoveryAccount = RecoveryAccountName(userName)
    static let password = "correct horse battery staple"
    /// The alternate e-mail address on file for Alice's personal account.
    static let alternateEmail = "alice.backup@example.com"
    /// Alice's work account and her organisation.
    static let workUserName = "alice@contoso.example"
    static let organisation = "Contoso"
    static let workPassword = "contoso first day"
    /// The Apple ID both iPhones are signed in to.
    static let appleID: CloudIdentity = "alice@icloud.example"
    /// The name under which the identity provider shows personal accounts.
    static let providerName = "Example ID"
    /// The cheapest Argon2id cost libsodium allows: keeps the demo fast. Apps keep the
    /// services' defaults (libsodium's interactive cost).
    static let hashing = PasswordHashingCost.minimum

    /// The temporary folder holding everything.
    let root: URL
    /// The folder that plays the cloud (iCloud for `ios` devices).
    let cloudRoot: URL
    /// The identity provider's recovery-account service.
    let recoveryAccounts: LocalRecoveryAccountService
    /// The identity provider's (and Contoso's) account provider and verification service.
    let provider: LocalAccountProvider

    /// A new world in a fresh temporary folder.
    static func make() throws -> DemoWorld {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("backup-restore-demo-\(UUID().uuidString)", isDirectory: true)
        let cloudRoot = root.appendingPathComponent("cloud", isDirectory: true)
        let services = root.appendingPathComponent("services", isDirectory: true)
        for folder in [root, cloudRoot, services] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        let recoveryAccounts = LocalRecoveryAccountService(directory: services, passwordHashing: hashing)
        return DemoWorld(
            root: root,
            cloudRoot: cloudRoot,
            recoveryAccounts: recoveryAccounts,
            // The provider believes the recovery-account service's sign-ins (it checks their
            // signature), and decides from its own records what a restore may mint.
            provider: LocalAccountProvider(
                directory: services.appendingPathComponent("provider", isDirectory: true), passwordHashing: hashing,
                personalAccountIssuer: providerName, recoveryIdentityTrust: .service(recoveryAccounts)
            )
        )
    }

    /// A device on `platform`, signed in to its cloud as `cloudIdentity`, with an empty vault
    /// in its own folder. `cloudRoot` replaces the shared cloud (e.g. a folder that does not
    /// exist, to play an offline cloud).
    func device(
        named name: String, platform: Platform, cloudIdentity: CloudIdentity?, cloudRoot: URL? = nil
    ) throws -> DemoDevice {
        let folder = root.appendingPathComponent("devices/\(name)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return DemoDevice(
            name: name,
            platform: platform,
            store: FileAccountStore(
                directory: folder, keyProvider: FileKeyProvider(file: folder.appendingPathComponent("vault.key"))
            ),
            cloud: DirectoryCloudProvider(
                root: cloudRoot ?? self.cloudRoot, platform: platform, signedInIdentity: cloudIdentity
            )
        )
    }

    /// A restore session for `device`, with this world's services.
    func restoreSession(on device: DemoDevice) -> RestoreSession {
        RestoreSession(
            store: device.store, cloud: device.cloud, recoveryAccounts: recoveryAccounts, accountProvider: provider
        )
    }

    /// The verification coordinator for `device`'s vault.
    func verificationCoordinator(on device: DemoDevice) -> AccountVerificationCoordinator {
        AccountVerificationCoordinator(store: device.store, provider: provider, verificationService: provider)
    }

    /// Removes every file the demo made.
    func remove() {
        try? FileManager.default.removeItem(at: root)
    }
}

/// One simulated phone: its platform, its vault and its view of the cloud.
struct DemoDevice {
    /// A name for the narration, e.g. "old iPhone".
    let name: String
    /// `ios` or `android`.
    let platform: Platform
    /// Where the device keeps its vault (an encrypted file; the key in a 0600 file beside it,
    /// standing in for the Keychain).
    let store: FileAccountStore
    /// The device's cloud.
    let cloud: DirectoryCloudProvider

    /// The stored vault, or an empty one.
    func vault() async throws -> Vault {
        try await store.load() ?? Vault(platform: platform)
    }

    /// The stored account with `id`.
    func account(withID id: AccountID) async throws -> Account {
        guard let account = try await vault().account(withID: id) else {
            throw DemoFailure("the \(name) has no account \(id)")
        }
        return account
    }
}
