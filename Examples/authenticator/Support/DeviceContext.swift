import AuthenticatorKitEmbedded
import AuthenticatorKit
import AuthenticatorKitWebDAV
import Interop
import Foundation

/// The device the commands act on, opened from the global options: its vault (an encrypted
/// `FileAccountStore` in `--home`, keyed by the file `<home>/key`), and the embedded cloud,
/// recovery-account service and account provider it talks to.
struct DeviceContext {
    /// The options it was opened with.
    let options: GlobalOptions
    /// The clock every SDK part is given (`--now`, or the system clock).
    let clock: CommandClock
    /// The device's vault.
    let store: FileAccountStore

    /// Opens the device of `options` (nothing is read or created yet).
    init(_ options: GlobalOptions) {
        self.options = options
        self.clock = options.clock
        let home = options.homeDirectory
        self.store = FileAccountStore(
            directory: home, keyProvider: FileKeyProvider(file: home.appendingPathComponent("key")), lockTimeout: options.lockWait)
    }

    /// The device's directory.
    var home: URL { options.homeDirectory }

    /// The vault.
    /// - Throws: `AccountModelError.vaultNotFound` before `authenticator init`, or why the
    ///   store cannot be read.
    func loadVault() async throws -> Vault {
        guard let vault = try await store.load() else { throw AccountModelError.vaultNotFound }
        return vault
    }

    /// Applies `change` to the vault and saves it (retrying when another process saved in
    /// between); returns the vault as saved.
    @discardableResult
    func modifyVault(_ change: (inout Vault) throws -> Void) async throws -> Vault {
        try await store.modifyVault(change)
    }

    /// The embedded recovery-account service in `--services`.
    var recoveryAccounts: LocalRecoveryAccountService {
        LocalRecoveryAccountService(directory: options.servicesDirectory, clock: clock, passwordHashing: KeyDerivationCost.passwordHashing)
    }

    /// The embedded account provider (and verification service) in `--services`; it
    /// believes the sign-ins of the recovery-account service there.
    var accountProvider: LocalAccountProvider {
        LocalAccountProvider(
            directory: options.servicesDirectory, clock: clock, passwordHashing: KeyDerivationCost.passwordHashing,
            recoveryIdentityTrust: .service(recoveryAccounts))
    }

    /// Verifies restored accounts of this device with the embedded provider.
    var verificationCoordinator: AccountVerificationCoordinator {
        let provider = accountProvider
        return AccountVerificationCoordinator(store: store, provider: provider, verificationService: provider, clock: clock)
    }

    /// The device's cloud: the WebDAV folder of `--cloud-url` when given, else the embedded
    /// cloud in `--cloud`, as a device of `platform` signed in as `identity` sees it
    /// (`identity` is not used for WebDAV, whose identity is the WebDAV user at the folder).
    func cloud(platform: Platform, signedInAs identity: CloudIdentity?) throws -> any CloudBackupProvider {
        if let webDAV = try options.webDAV.provider(platform: platform) { return webDAV }
        return DirectoryCloudProvider(
            root: options.cloudDirectory, platform: platform, signedInIdentity: identity, clock: clock,
            lockTimeout: options.lockWait)
    }

    /// Which identity the device's cloud addresses backups by (the SDK's rule): the provider's
    /// own for WebDAV, else that of `platform`'s cloud.
    func cloudIdentityRule(platform: Platform) -> CloudIdentityRule {
        options.webDAV.isWebDAV ? BackupLocationKind.portable(WebDAVCloudProvider.serviceName).identityRule
            : BackupLocationKind.platformCloud(platform).identityRule
    }

    /// Creates the cloud and services folders when they are missing (`init` and the
    /// services' set-up commands: like signing in to the platform's cloud for the first time).
    func createSharedFolders(cloud: Bool = true) throws {
        var folders = [options.servicesDirectory]
        if cloud { folders.append(options.cloudDirectory) }
        for folder in folders where !FileManager.default.fileExists(atPath: folder.path) {
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            } catch {
                throw CLIError.unwritableFile(path: folder.path, reason: "the folder cannot be created")
            }
        }
    }
}

/// How much work password hashing costs: real costs by default, test costs when the
/// environment variable `AUTHENTICATOR_FAST_KDF` is `1` (tests and demos only: they protect
/// a stolen file hardly at all).
enum KeyDerivationCost {
    /// Whether `AUTHENTICATOR_FAST_KDF=1`.
    static var isFast: Bool { Invocation.environment("AUTHENTICATOR_FAST_KDF") == "1" }

    /// The embedded services' password verifiers: `interactive`, or when fast the package's
    /// test cost below the floor (`PasswordHashingCost.testing`, package API: this example
    /// lives in the package). Services written when fast open only when fast.
    static var passwordHashing: PasswordHashingCost { isFast ? .testing : .interactive }

    /// The password slot of `export`: `moderate`, or the floor `minimum` when fast.
    static var exportParameters: PasswordHashingCost { isFast ? .minimum : .moderate }

    /// The scrypt cost of `export --to aegis --password-file F`: Aegis's own, or when fast the
    /// cheapest the reader accepts (`ScryptCost.testingOnly`).
    static var aegisExport: ScryptCost { isFast ? .testingOnly : .aegis }
}
