import SodiumBridge

/// The identity provider's recovery account: the account a user signs in to on a new device
/// to get their backup back.
///
/// It holds two things for the backup, and releases them only to a valid session: the
/// account's escrow key (which unlocks the backup's recovery-account key slot; the cloud holding
/// the backup never holds it) and the backup's location (which platform's cloud and which
/// identity hold it, so a device looking in the wrong place is told where the backup is rather
/// than "not found").
///
/// ## Implementation requirements
/// - ``signIn(with:)`` throws ``RecoveryAccountError/wrongCredentials`` for an unknown user
///   name and for a wrong password alike, after the same work: for an unknown user name, a
///   decoy password hash at the cost the service stores real verifiers with.
/// - **Guessing is bounded.** Password sign-ins are throttled per user name (compared without
///   regard to case), whether or not the account exists: after 5 failures within 15 minutes,
///   every attempt — the right password included — throws
///   ``RecoveryAccountError/tooManyAttempts(retryAfter:)`` until the wait is over, and each
///   further failure makes the next wait longer (the embedded service: 30 seconds, doubling,
///   at most 15 minutes). Only delays: a stranger who knows a user name can slow its owner
///   down but never lock the account for good, and a successful sign-in clears the count.
///   An unknown user name gets the same sequence of errors as a real one, and the memory of
///   failures is bounded (a fixed number of names, oldest forgotten first).
/// - For ``RecoveryCredential/externalToken(_:)`` the service verifies the token itself —
///   signature, issuer, audience, expiry, nonce or PKCE, single use where the provider's
///   protocol asks for it — and decides which account it proves; the session it returns
///   names that account. A token that does not verify (forged, expired, already used, for
///   another audience or an unknown subject) throws ``RecoveryAccountError/wrongCredentials``.
/// - A kind of credential the service does not accept at all throws
///   ``RecoveryAccountError/unsupportedCredential(_:)``, before any check.
/// - Every operation that takes a session checks it first: expired →
///   ``RecoveryAccountError/sessionExpired``; ended, revoked or unknown →
///   ``RecoveryAccountError/sessionRevoked``.
/// - The escrow key is 32 random bytes created on the first request by a valid session —
///   which the backup coordinator makes when it writes the account's first backup — and the
///   same key and identifier are returned to every later session of the account.
/// - Compare secrets (password verifiers, tokens) in constant time, store only what verifies
///   them, and never put a password, token or key in an error or a description.
/// - **Verified backups only move forward.** ``recordVerifiedBackup(_:at:for:)`` keeps, per
///   `BackupLocation`, the generation and digest of the last verified backup, and refuses a
///   lower generation — or the recorded generation with another digest — with
///   ``RecoveryAccountError/backupRecordRegressed(recorded:)`` (the same record again is
///   accepted). The record is kept when the backup is deleted or its location forgotten, so
///   that a new backup chain at that location starts above it. Only a valid session of the
///   account records or reads it. A restore refuses a cloud backup older than the record;
///   the cloud cannot change the record.
/// - Network and availability failures are ``RecoveryAccountError/unreachable``.
///
/// The SDK ships `LocalRecoveryAccountService` (accounts in a folder, for demos, tests and the
/// reference app). Apps plug in their identity provider's API.
public protocol RecoveryAccountService: Sendable {
    /// Checks `credential` and opens a session of the account it proves: the password's
    /// user, or the account the service maps an external token's subject to.
    func signIn(with credential: RecoveryCredential) async throws(RecoveryAccountError) -> RecoverySession

    /// A new session for the same account with a later expiry, for a session that is still
    /// valid. Use the returned session from then on; `session` may no longer be accepted.
    func refresh(_ session: RecoverySession) async throws(RecoveryAccountError) -> RecoverySession

    /// The account's escrow key, created on the first request (the account's first backup).
    func escrowKey(for session: RecoverySession) async throws(RecoveryAccountError) -> EscrowKey

    /// Remembers where the account's backup lives, replacing what was remembered; `nil`
    /// forgets it.
    func recordBackupLocation(
        _ location: BackupLocation?, for session: RecoverySession
    ) async throws(RecoveryAccountError)

    /// Where the account's backup lives, or `nil` when none was recorded.
    func backupLocation(for session: RecoverySession) async throws(RecoveryAccountError) -> BackupLocation?

    /// Records that the backup at `location` was uploaded and verified as `record`
    /// (generation and digest), replacing the location's previous record.
    ///
    /// - Throws: ``RecoveryAccountError/backupRecordRegressed(recorded:)`` when the location's
    ///   record has a higher generation, or the same generation with another digest; the
    ///   session errors. The record is unchanged when it throws.
    func recordVerifiedBackup(
        _ record: BackupFingerprint, at location: BackupLocation, for session: RecoverySession
    ) async throws(RecoveryAccountError)

    /// The last verified backup recorded at `location`, or `nil` when none was.
    func verifiedBackup(
        at location: BackupLocation, for session: RecoverySession
    ) async throws(RecoveryAccountError) -> BackupFingerprint?
}

extension RecoveryAccountService {
    /// Checks `password` for `userName` and opens a session: ``signIn(with:)`` with
    /// ``RecoveryCredential/password(userName:password:)``.
    public func signIn(
        userName: RecoveryAccountName, password: SecureBytes
    ) async throws(RecoveryAccountError) -> RecoverySession {
        try await signIn(with: .password(userName: userName, password: password))
    }
}
