import AuthenticatorKitEmbedded
import AuthenticatorKit
import AuthenticatorKitTestSupport
import Foundation

/// One user's world for backup and restore tests: a clock, a recovery-account service with
/// the account `alice@contoso.example`, and a cloud (the old device's view of it).
final class BackupWorld: Sendable {
    static let user: RecoveryAccountName = "alice@contoso.example"
    static let password = SecureBytes(copying: Array("correct horse battery".utf8))
    static let appleID: CloudIdentity = "alice@icloud.example"
    /// The start of the clock: 2023-11-14T22:13:20Z.
    static let start = Date(timeIntervalSince1970: 1_700_000_000)

    let platform: Platform
    let clock: AdjustableTimeSource
    let service: LocalRecoveryAccountService
    /// The old device's view of the cloud.
    let cloud: InMemoryCloudProvider
    private let folders: [URL]

    /// The identity whose backup the old device writes: the Apple ID on `ios`, the recovery
    /// account on `android`.
    var identity: CloudIdentity { platform == .ios ? Self.appleID : CloudIdentity(Self.user.rawValue) }

    init(platform: Platform = .android, sessionLifetime: TimeInterval = 3600) async throws {
        self.platform = platform
        clock = AdjustableTimeSource(Self.start)
        service = try .inTemporaryDirectory(clock: clock, sessionLifetime: sessionLifetime)
        try await service.createAccount(userName: Self.user, password: Self.password)
        cloud = InMemoryCloudProvider(
            platform: platform, signedInIdentity: platform == .ios ? Self.appleID : CloudIdentity(Self.user.rawValue), clock: clock)
        folders = [service.directory]
    }

    deinit {
        for folder in folders { try? FileManager.default.removeItem(at: folder) }
    }

    /// A coordinator for `store` backing up to `cloud` (the old device's view by default).
    func coordinator(store: any AccountStore, cloud: (any CloudBackupProvider)? = nil) -> BackupCoordinator {
        BackupCoordinator(
            store: store, cloud: cloud ?? self.cloud, recoveryAccounts: service, appVersion: "tests 1.0", clock: clock)
    }

    /// The old device: `vault` in memory, backup turned on (first upload made).
    func oldDevice(_ vault: Vault) async throws -> (store: InMemoryAccountStore, backup: BackupCoordinator, status: BackupStatus) {
        let store = InMemoryAccountStore(vault: vault)
        let backup = coordinator(store: store)
        let status = try await backup.enableBackup(
            recoveryAccount: Self.user, password: Self.password, cloudIdentity: platform == .ios ? Self.appleID : nil)
        return (store, backup, status)
    }

    /// A new device on `platform` (the world's by default) over the same cloud, signed in as
    /// `identity` (the world's identity by default) or signed out, with an empty encrypted
    /// store on disk.
    func newDevice(platform: Platform? = nil, signedInAs identity: CloudIdentity? = nil, signedOut: Bool = false) throws -> NewDevice {
        let signedIn: CloudIdentity? = signedOut ? nil : (identity ?? self.identity)
        return try NewDevice(cloud: cloud.anotherDevice(platform: platform, signedInAs: signedIn))
    }

    /// A restore session on `device`.
    func restore(
        on device: NewDevice, policy: ExistingAccountsPolicy = .refuseIfNotEmpty, provider: (any AccountProvider)? = nil,
        store: (any AccountStore)? = nil, service: (any RecoveryAccountService)? = nil
    ) -> RestoreSession {
        RestoreSession(
            store: store ?? device.store, cloud: device.cloud, recoveryAccounts: service ?? self.service,
            accountProvider: provider, policy: policy, clock: clock)
    }

    /// The backup the cloud stores for the world's identity (read directly).
    var storedBackup: CloudBackup? { cloud.storedBackup(for: identity) }

    /// The payload of the stored backup, opened with the account's escrow key.
    func storedPayload() async throws -> BackupPayload? {
        guard let stored = storedBackup else { return nil }
        let session = try await service.signIn(userName: Self.user, password: Self.password)
        let key = try await service.escrowKey(for: session)
        return try SealedBackup(bytes: stored.bytes).open(using: .escrowKey(key.key))
    }
}

/// A new device: its view of the cloud and an encrypted vault store in a temporary folder.
final class NewDevice: Sendable {
    let cloud: InMemoryCloudProvider
    let directory: URL
    let store: FileAccountStore

    init(cloud: InMemoryCloudProvider) throws {
        self.cloud = cloud
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("authenticatorkit-device-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = FileAccountStore(
            directory: directory.appendingPathComponent("vault"),
            keyProvider: FileKeyProvider(file: directory.appendingPathComponent("keys/vault.key")))
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    /// The vault file's bytes, or `nil` when there is none.
    var vaultFile: Data? {
        try? Data(contentsOf: directory.appendingPathComponent("vault").appendingPathComponent(FileAccountStore.vaultFileName))
    }
}

/// What a refusal must leave exactly as it was: the device's vault file and the cloud copy,
/// byte for byte.
struct Untouched {
    let vaultFile: Data?
    let cloudCopy: CloudBackup?

    init(_ device: NewDevice, _ world: BackupWorld) {
        vaultFile = device.vaultFile
        cloudCopy = world.storedBackup
    }

    /// Whether both are as they were.
    func isUnchanged(_ device: NewDevice, _ world: BackupWorld) -> Bool {
        device.vaultFile == vaultFile && world.storedBackup == cloudCopy
    }
}

/// A fixed clock.
struct FixedClock: TimeSource {
    let date: Date
    func now() -> Date { date }
}
