import Foundation
import Logging

/// A restore of the user's cloud backup onto this device: a value-type state machine the
/// app drives one step at a time.
///
/// ```swift
/// var restore = RestoreSession(store: store, cloud: cloud, recoveryAccounts: service, accountProvider: provider)
/// try await restore.startRecovery()                       // the "Start recovery" link
/// try await restore.signIn(recoveryAccount: "alice", password: password, cloudIdentity: "alice@icloud.com")
/// //  or: try await restore.signIn(with: .externalToken(.idToken(idToken)), cloudIdentity: "alice@icloud.com")
/// let plan = try await restore.plan()                    // show it to the user
/// let report = try await restore.commit()
/// ```
///
/// - ``startRecovery()`` comes first — signing in first, or any step out of order, is
///   ``RestoreError/outOfOrder(attempted:current:)`` — and checks the device before anything
///   is fetched: under `ExistingAccountsPolicy/refuseIfNotEmpty` a device holding accounts is refused
///   with `BackupUnavailableReason/existingAccounts(_:)` naming them.
/// - ``plan()`` finds the backup (the platform and cloud identity it lives in, as the
///   recovery-account service recorded them), downloads it, opens it with the recovery
///   account's escrow key and plans the restore (`RestorePlanner`). Every reason it cannot
///   is a `BackupUnavailableReason`.
/// - ``commit()`` writes the whole planned vault atomically — compare-and-swap on the
///   revision seen at start — or nothing; then mints the new credential of each account its
///   `AccountProvider` said may be minted at once (when planning, from its own records and
///   the recovery sign-in's `RecoverySession/identityAssertion`: the recovery account's own
///   personal account without push approvals), with the provider's grant. The device continues the
///   backup chain from the restored generation.
/// - When the recovery-account session expires or is revoked at any step after sign-in, the
///   step throws `BackupUnavailableReason/backupStale` and keeps its place: sign in again
///   and repeat the step.
///
/// Every refusal leaves the device's vault and the cloud copy exactly as they were.
///
/// Given a `Logger`, the session logs each step's outcome: sign-in at `notice`, the plan at
/// `info` (generation, account count), the commit at `notice` (generation, accounts written
/// and enrolled), refusals at `warning` or `error` (the error's and the reason's case names).
/// It never logs a secret or a user name.
public struct RestoreSession: Sendable {
    let store: any AccountStore
    let cloud: any CloudBackupProvider
    let recoveryAccounts: any RecoveryAccountService
    let accountProvider: (any AccountProvider)?
    /// What the restore may do to a device that already holds accounts.
    public let policy: ExistingAccountsPolicy
    let clock: any TimeSource
    let random: any RandomSource
    let logger: Logger

    /// The step reached.
    public internal(set) var step: RestoreStep = .notStarted
    /// The plan made by ``plan()``, until the restore is committed (and after).
    public internal(set) var currentPlan: RestorePlan?
    /// Whether the recovery-account session expired or was revoked: sign in again to go on.
    public internal(set) var needsSignIn = false

    /// The device's vault when recovery started (`nil`: none yet).
    var startingVault: Vault?
    /// The recovery-account session.
    var session: RecoverySession?
    /// The cloud identity given at sign-in (iOS).
    var cloudIdentity: CloudIdentity?
    /// The providers' grants for the accounts the plan mints at once, used at commit.
    var enrolmentGrants: [AccountID: EnrolmentGrant] = [:]

    /// A restore onto the vault in `store`, from `cloud`, with the escrow keys of
    /// `recoveryAccounts`.
    ///
    /// - Parameters:
    ///   - store: where the device's vault is kept.
    ///   - cloud: where the backup is.
    ///   - recoveryAccounts: the service holding the recovery accounts' escrow keys.
    ///   - accountProvider: the provider of personal and work or school accounts; when
    ///     given, it is asked what the restore may do with each, and the accounts it lets the
    ///     device mint at once get their new credential at commit. Without one, every such
    ///     account waits for verification.
    ///   - policy: refuse while the device holds accounts (the default), or merge.
    ///   - clock: decides session expiry and dates the new credential.
    ///   - random: draws the new credential's keys.
    ///   - logger: where to log each step's outcome; `nil` (the default) logs nothing. The
    ///     session never touches the global logging system.
    public init(
        store: any AccountStore,
        cloud: any CloudBackupProvider,
        recoveryAccounts: any RecoveryAccountService,
        accountProvider: (any AccountProvider)? = nil,
        policy: ExistingAccountsPolicy = .refuseIfNotEmpty,
        clock: any TimeSource = SystemTimeSource(),
        random: any RandomSource = SystemRandom(),
        logger: Logger? = nil
    ) {
        self.logger = logger ?? .silent(label: "AuthenticatorKit.RestoreSession")
        self.store = store
        self.cloud = cloud
        self.recoveryAccounts = recoveryAccounts
        self.accountProvider = accountProvider
        self.policy = policy
        self.clock = clock
        self.random = random
    }

    /// Starts recovery: checks the device before anything is fetched.
    ///
    /// - Throws: ``RestoreError/outOfOrder(attempted:current:)`` unless this is the first
    ///   step; ``RestoreError/unavailable(_:)`` with
    ///   `BackupUnavailableReason/existingAccounts(_:)` under `ExistingAccountsPolicy/refuseIfNotEmpty`
    ///   while the device holds accounts (the step stays `RestoreStep/notStarted`: remove
    ///   them and start again); ``RestoreError/storeFailure(_:)``.
    public mutating func startRecovery() async throws(RestoreError) {
        guard step == .notStarted else {
            throw logged(.outOfOrder(attempted: .started, current: step), refusing: "starting recovery")
        }
        let vault: Vault?
        do {
            vault = try await loadVault()
        } catch {
            throw logged(error, refusing: "starting recovery")
        }
        if policy == .refuseIfNotEmpty, let vault, !vault.accounts.isEmpty {
            logger.warning("starting recovery was refused", metadata: [
                "error": "unavailable", "reason": "existingAccounts", "accounts": "\(vault.accounts.count)",
            ])
            throw .unavailable(.existingAccounts(vault.accounts.map(ExistingAccountSummary.init)))
        }
        startingVault = vault
        step = .started
    }

    /// Signs in to the recovery account with `credential`: a user name and password, or a
    /// token from the app's own sign-in with the identity provider. The account restored is
    /// the one the service's session names.
    ///
    /// After ``startRecovery()`` this moves to `RestoreStep/signedIn`. Later (after
    /// `BackupUnavailableReason/backupStale`) it renews the session and keeps the step, so
    /// the app repeats the step that stopped; signing in as another account goes back to
    /// `RestoreStep/signedIn` and drops the plan.
    ///
    /// - Parameters:
    ///   - credential: the recovery account's password, or a token from the identity provider.
    ///   - cloudIdentity: on `ios`, the Apple ID the device is signed in to iCloud with
    ///     (`nil`: ask the cloud provider). Ignored on `android`, where the backup lives under
    ///     the recovery account.
    /// - Throws: ``RestoreError/outOfOrder(attempted:current:)`` before ``startRecovery()``
    ///   or after commit; ``RestoreError/wrongCredentials``;
    ///   ``RestoreError/unavailable(_:)`` with `BackupUnavailableReason/networkUnavailable`;
    ///   ``RestoreError/serviceFailure(_:)``.
    public mutating func signIn(
        with credential: RecoveryCredential, cloudIdentity: CloudIdentity?
    ) async throws(RestoreError) {
        guard step != .notStarted, step != .committed else {
            throw logged(.outOfOrder(attempted: .signedIn, current: step), refusing: "signing in")
        }
        let newSession: RecoverySession
        do {
            newSession = try await recoveryAccounts.signIn(with: credential)
        } catch {
            throw logged(Self.restoreError(for: error), refusing: "signing in", credential: credential)
        }
        if let previous = session, !previous.userName.isSameAccount(as: newSession.userName) {
            currentPlan = nil
            step = .signedIn
        }
        session = newSession
        self.cloudIdentity = cloudIdentity
        needsSignIn = false
        if step == .started { step = .signedIn }
        logger.notice("signed in for restore", metadata: [
            "credential": "\(credential.kind.rawValue)", "step": "\(step.rawValue)",
        ])
    }

    /// Signs in with the recovery account `userName` and its password:
    /// ``signIn(with:cloudIdentity:)`` with `RecoveryCredential/password(userName:password:)`.
    public mutating func signIn(
        recoveryAccount userName: RecoveryAccountName, password: SecureBytes, cloudIdentity: CloudIdentity?
    ) async throws(RestoreError) {
        try await signIn(with: .password(userName: userName, password: password), cloudIdentity: cloudIdentity)
    }

    /// Logs `error` as the refusal of `operation` and returns it.
    func logged(_ error: RestoreError, refusing operation: String, credential: RecoveryCredential? = nil) -> RestoreError {
        var metadata: Logger.Metadata = ["error": "\(error.caseName)"]
        if let reason = error.unavailableReason { metadata["reason"] = "\(reason.caseName)" }
        if let credential { metadata["credential"] = "\(credential.kind.rawValue)" }
        let level: Logger.Level
        switch error {
        case .storeFailure, .serviceFailure, .unavailable(.damaged): level = .error
        default: level = .warning
        }
        logger.log(level: level, "\(operation) was refused", metadata: metadata)
        return error
    }
}
