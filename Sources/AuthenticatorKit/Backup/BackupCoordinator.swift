import Foundation
import Logging

/// Keeps this device's encrypted backup in the user's cloud up to date.
///
/// ```swift
/// let backup = BackupCoordinator(store: store, cloud: cloud, recoveryAccounts: service, appVersion: "1.0")
/// _ = try await backup.enableBackup(recoveryAccount: "alice", password: password, cloudIdentity: "alice@icloud.com")
/// // or with the token of the app's own sign-in with the identity provider:
/// _ = try await backup.enableBackup(with: .externalToken(.idToken(idToken)), cloudIdentity: "alice@icloud.com")
/// // after every change to the vault:
/// let status = await backup.backUpNow()
/// badge.isHidden = !status.needsAttention
/// ```
///
/// - Turning backup on needs a recovery-account sign-in (and on `ios` the cloud identity; see
///   ``cloudIdentityRule``: on `android` the backup lives under the recovery account, in a
///   portable location such as a WebDAV folder under the provider's own identity).
///   The coordinator gets the account's escrow key, records where the backup lives with the
///   recovery-account service, and keeps its state (`BackupState`) in the vault through
///   the store.
/// - Each upload seals the whole vault for the escrow key, uploads it with the generation
///   one above the last (compare-and-swap on that generation, so a stale device never
///   overwrites a newer backup), then **verifies** it before it counts: downloads it,
///   parses it, opens it with the escrow key and compares it with what was sealed.
/// - Each verified upload is recorded with the recovery-account service
///   (`RecoveryAccountService/recordVerifiedBackup(_:at:for:)`: the generation and the digest
///   of the file's bytes), which only lets that record move forward; a restore refuses a
///   backup older than it. A new chain starts above the record.
/// - Before each upload the device saves an upload intent (`BackupState/uploadIntent`), so
///   that a device stopped after the cloud took the upload but before saving the outcome
///   recognises its own upload by its digest and goes on, instead of a generation conflict.
/// - A generation conflict is reported with both generations and never resolved by
///   overwriting; a cloud that went back to an earlier generation than this device verified
///   is `BackupFailure/backupRolledBack(found:recorded:)`. An empty or partial backup is never
///   uploaded — except that an account beyond the format's limits (`VaultLimits`), which only
///   a vault written by an earlier version can hold, is left out of every backup and reported
///   by ``accountsLeftOut()`` and in the log; every other account is carried.
/// - When the session expires or is revoked, the status is ``BackupStatus/needsSignIn`` (the
///   app's red dot) until ``signIn(with:)``, which uploads the pending change.
/// - Sign-in takes a `RecoveryCredential`: a user name and password, or a token from the
///   app's own sign-in with the identity provider (the service decides which recovery account
///   it proves; the session names it).
/// - Given a `Logger`, the coordinator logs each outcome: turning backup on or off and signing
///   in at `notice`, each verified upload at `info` (generation, account count), refusals and
///   failed attempts at `warning` or `error` (the error's or failure's case name). It never
///   logs a secret or a user name.
///
/// Operations run one at a time, in the order called, so two quick calls never race each
/// other for a generation. The state is saved with compare-and-swap on the vault revision:
/// a change the app saves meanwhile is never lost, it just stays pending.
public actor BackupCoordinator {
    let store: any AccountStore
    let cloud: any CloudBackupProvider
    let recoveryAccounts: any RecoveryAccountService
    let appVersion: String
    let clock: any TimeSource
    let random: any RandomSource
    let logger: Logger
    private var tail: Task<Void, Never>?

    /// A coordinator for the vault in `store`, backing up to `cloud` with escrow keys from
    /// `recoveryAccounts`.
    ///
    /// - Parameters:
    ///   - store: where the vault is kept.
    ///   - cloud: where the backups go.
    ///   - recoveryAccounts: the service holding the recovery accounts' escrow keys.
    ///   - appVersion: written into each backup's header (0–64 bytes of UTF-8), for support.
    ///   - clock: decides session expiry and dates backups.
    ///   - random: draws the backups' keys and nonces.
    ///   - logger: where to log the outcomes of backups and commands; `nil` (the default) logs
    ///     nothing. The coordinator never touches the global logging system.
    public init(
        store: any AccountStore,
        cloud: any CloudBackupProvider,
        recoveryAccounts: any RecoveryAccountService,
        appVersion: String,
        clock: any TimeSource = SystemTimeSource(),
        random: any RandomSource = SystemRandom(),
        logger: Logger? = nil
    ) {
        self.logger = logger ?? .silent(label: "AuthenticatorKit.BackupCoordinator")
        self.store = store
        self.cloud = cloud
        self.recoveryAccounts = recoveryAccounts
        self.appVersion = appVersion
        self.clock = clock
        self.random = random
    }

    /// Turns backup on: signs in to the recovery account with `credential`, gets its escrow
    /// key, records where the backup lives, saves the backup state, and makes the first upload.
    ///
    /// The recovery account is the one the service's session names: the password's user, or
    /// the account the service maps an external token to. Which identity the backup lives
    /// under is the cloud's ``cloudIdentityRule``: on `ios` (`CloudIdentityRule/namedByApp`),
    /// `cloudIdentity` is the Apple ID whose iCloud holds the backup, and the device must be
    /// signed in to its cloud as that identity; on `android` (`CloudIdentityRule/recoveryAccount`)
    /// the backup lives under the recovery account itself; in a portable location such as a
    /// WebDAV folder (`CloudIdentityRule/provider`) under the provider's signed-in identity,
    /// whatever the platform. In the last two `cloudIdentity` is ignored. Turning backup on again with the same account and identity
    /// continues the same backup chain; with another, it starts a new one. When there is no
    /// vault yet, an empty one is created.
    ///
    /// A cloud that already holds a backup of another chain is not overwritten: the first
    /// upload then reports `BackupFailure/generationConflict(local:cloud:)`.
    ///
    /// - Returns: the status after the first upload attempt.
    /// - Throws: ``BackupError/cloudIdentityRequired``, ``BackupError/wrongCredentials``, or
    ///   ``BackupError/failure(_:)`` (`BackupFailure/notSignedIn`,
    ///   `BackupFailure/cloudIdentityMismatch`, `BackupFailure/networkUnavailable`,
    ///   `BackupFailure/serviceFailure(_:)`, `BackupFailure/storeFailure(_:)`). Nothing is
    ///   saved when it throws.
    public func enableBackup(
        with credential: RecoveryCredential, cloudIdentity: CloudIdentity?
    ) async throws(BackupError) -> BackupStatus {
        try await exclusively { coordinator in
            await coordinator.performEnable(credential: credential, cloudIdentity: cloudIdentity)
        }.get()
    }

    /// Which identity this coordinator's cloud addresses backups by — whether
    /// ``enableBackup(with:cloudIdentity:)`` needs a `cloudIdentity`
    /// (`CloudIdentityRule/needsNamedIdentity`), and which identity a device's cloud is
    /// signed in as (`CloudIdentityRule/identity(recoveryAccount:named:)`).
    public nonisolated var cloudIdentityRule: CloudIdentityRule { cloud.identityRule }

    /// Turns backup on with the recovery account `userName` and its password:
    /// ``enableBackup(with:cloudIdentity:)`` with `RecoveryCredential/password(userName:password:)`.
    public func enableBackup(
        recoveryAccount userName: RecoveryAccountName, password: SecureBytes, cloudIdentity: CloudIdentity?
    ) async throws(BackupError) -> BackupStatus {
        try await enableBackup(with: .password(userName: userName, password: password), cloudIdentity: cloudIdentity)
    }

    /// Turns backup off on this device: forgets the session and stops uploading. The cloud
    /// copy stays (delete it with ``deleteCloudBackup()``); turning backup on again with the
    /// same recovery account continues the chain.
    ///
    /// - Returns: ``BackupStatus/off``.
    /// - Throws: ``BackupError/failure(_:)`` with `BackupFailure/storeFailure(_:)`.
    public func disableBackup() async throws(BackupError) -> BackupStatus {
        try await exclusively { coordinator in await coordinator.performDisable() }.get()
    }

    /// Uploads the vault if it changed since the last verified upload, and returns the
    /// status. Call it after each change to the vault (or on a schedule); it never throws.
    public func backUpNow() async -> BackupStatus {
        await exclusively { coordinator in await coordinator.performBackup() }
    }

    /// The status from what the device knows, without network access: ``BackupStatus/off``,
    /// ``BackupStatus/needsSignIn`` (no session, or it expired), the last failure,
    /// ``BackupStatus/pending`` or ``BackupStatus/upToDate(generation:date:)``.
    public func status() async -> BackupStatus {
        await exclusively { coordinator in
            do throws(AccountModelError) {
                return coordinator.status(of: try await coordinator.store.load())
            } catch {
                return .failed(.storeFailure(error.message))
            }
        }
    }

    /// The device's backup state as stored (generation, dates, last failure), or `nil` when
    /// backup was never turned on here.
    ///
    /// - Throws: ``BackupError/failure(_:)`` with `BackupFailure/storeFailure(_:)`.
    public func backupState() async throws(BackupError) -> BackupState? {
        try await exclusively { coordinator -> Result<BackupState?, BackupError> in
            do throws(AccountModelError) {
                return .success(try await coordinator.store.load()?.backupState)
            } catch {
                return .failure(.failure(.storeFailure(error.message)))
            }
        }.get()
    }

    /// Signs in to the recovery account again (after ``BackupStatus/needsSignIn``), keeps the
    /// new session, and uploads the pending change.
    ///
    /// The session must be of the recovery account backup was turned on with (compared
    /// without regard to case); a password for another account is refused before signing in,
    /// an external token that proves another account after.
    ///
    /// - Returns: the status after that upload attempt.
    /// - Throws: ``BackupError/notEnabled``, ``BackupError/differentRecoveryAccount(expected:)``,
    ///   ``BackupError/wrongCredentials``, or ``BackupError/failure(_:)``.
    public func signIn(with credential: RecoveryCredential) async throws(BackupError) -> BackupStatus {
        try await exclusively { coordinator in
            await coordinator.performSignIn(credential: credential)
        }.get()
    }

    /// Signs in again with the recovery account `userName` and its password:
    /// ``signIn(with:)`` with `RecoveryCredential/password(userName:password:)`.
    public func signIn(recoveryAccount userName: RecoveryAccountName, password: SecureBytes) async throws(BackupError) -> BackupStatus {
        try await signIn(with: .password(userName: userName, password: password))
    }

    /// Deletes the cloud copy, as a user can from the cloud's storage settings, and turns
    /// backup off on this device (otherwise the next change would upload it again). Turning
    /// backup on afterwards starts a new chain.
    ///
    /// It deletes only the generation this device last uploaded (compare-and-swap,
    /// `CloudBackupProvider.deleteBackup(generation:for:)`): when another device has uploaded
    /// a newer one since, or this device never uploaded, nothing is deleted and it throws
    /// ``BackupError/failure(_:)`` with `BackupFailure.generationConflict(local:cloud:)`.
    ///
    /// - Throws: ``BackupError/notEnabled`` when backup was never turned on here,
    ///   ``BackupError/backupNotFound`` when the cloud holds none, or
    ///   ``BackupError/failure(_:)``. The device's state is unchanged when it throws.
    public func deleteCloudBackup() async throws(BackupError) {
        try await exclusively { coordinator in await coordinator.performDelete() }.get()
    }

    /// ``verifyBackup()``, one at a time with the other operations.
    func exclusivelyVerifying() async -> BackupVerification {
        await exclusively { coordinator in await coordinator.performVerify() }
    }

    // MARK: One at a time

    /// Runs `operation` after every operation called before it has finished.
    private func exclusively<T: Sendable>(
        _ operation: @escaping @Sendable (isolated BackupCoordinator) async -> T
    ) async -> T {
        let previous = tail
        let task = Task { () -> T in
            await previous?.value
            return await operation(self)
        }
        tail = Task { _ = await task.value }
        return await task.value
    }
}
