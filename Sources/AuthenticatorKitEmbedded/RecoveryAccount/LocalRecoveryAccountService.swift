import BackupServices
import OTP
import SodiumBridge
import Foundation
import DurableStorage

/// A recovery-account service kept in a folder: the embedded `RecoveryAccountService` for
/// demos, tests and the reference app.
///
/// Each account is one file, `<directory>/recovery-accounts/<user name>.json` (the user name
/// encoded into a safe file name), written atomically under an exclusive lock on
/// `recovery-accounts/.lock`. It holds:
/// - an Argon2id password verifier: a random 16-byte salt, the cost, and 32 bytes of output,
///   compared in constant time;
/// - the escrow key (32 random bytes) and its 16-byte identifier, once created;
/// - sessions, as the BLAKE2b-256 hash of each 32-byte random token (never the token), its
///   expiry and whether it was ended; sessions expired for more than ``sessionRetention`` are
///   dropped, and at most ``maximumSessionsPerAccount`` are kept (the oldest go first);
/// - the recorded backup location, and per backup location the generation and digest of the
///   last verified backup (``recordVerifiedBackup(_:at:for:)``; at most
///   ``maximumRecordedBackupLocations`` locations).
///
/// Failed password sign-ins are remembered in `recovery-accounts/sign-in-failures.index`, per
/// user name (known or not; as the BLAKE2b-256 hash of the lower-cased name, at most
/// ``maximumThrottledUserNames`` names): after ``signInFailureLimit`` failures within
/// ``signInFailureWindow`` the name waits ``firstSignInDelay``, doubling with each further
/// failure up to ``maximumSignInDelay``, by the injected clock.
///
/// Tokens issued by ``issueExternalToken(for:lifetime:)`` (which stand in for an identity
/// provider's sign-in) are kept apart, in `recovery-accounts/external-tokens.index`: the
/// BLAKE2b-256 hash of each, never the token, with its account and expiry.
///
/// The files are mode 0600 and hold the escrow keys in the clear, as the service's own
/// database would: protect the folder as you would that database.
///
/// A missing `directory` is reported as `RecoveryAccountError/unreachable` — like a server
/// that cannot be reached — and is never created; the `recovery-accounts` folder inside it is.
/// The operations do blocking file I/O and Argon2id on the calling task's thread.
public struct LocalRecoveryAccountService: RecoveryAccountService {
    /// The shortest password ``createAccount(userName:password:)`` accepts, in bytes.
    public static let minimumPasswordLength = 8
    /// How long a session lasts by default: 30 days.
    public static let defaultSessionLifetime: TimeInterval = 30 * 24 * 60 * 60
    /// How long an expired session is remembered, so it is still reported as expired rather
    /// than revoked: 30 days.
    public static let sessionRetention: TimeInterval = 30 * 24 * 60 * 60
    /// The most sessions kept per account.
    public static let maximumSessionsPerAccount = 64

    /// The service's folder. It must exist.
    public let directory: URL
    /// How long a session lasts from sign-in or refresh. Zero or less gives sessions that
    /// have already expired.
    public let sessionLifetime: TimeInterval
    /// The Argon2id cost of new password verifiers.
    public let passwordHashing: PasswordHashingCost

    let clock: any TimeSource
    let random: any RandomSource
    /// How long an operation waits for another process's lock on the accounts folder before it
    /// throws `RecoveryAccountError/unreachable` (tests set zero).
    package var lockTimeout = FileLock.defaultTimeout

    /// A service keeping its accounts in `directory`.
    /// - Parameters:
    ///   - directory: the folder holding the accounts.
    ///   - clock: decides session expiry.
    ///   - sessionLifetime: how long a session lasts from sign-in or refresh.
    ///   - random: makes salts, tokens, escrow keys and their identifiers.
    ///   - passwordHashing: the Argon2id cost of new verifiers; `PasswordHashingCost/interactive`
    ///     unless a test asks for `PasswordHashingCost/minimum`, the floor.
    public init(
        directory: URL,
        clock: any TimeSource = SystemTimeSource(),
        sessionLifetime: TimeInterval = LocalRecoveryAccountService.defaultSessionLifetime,
        random: any RandomSource = SystemRandom(),
        passwordHashing: PasswordHashingCost = .interactive
    ) {
        self.directory = directory
        self.clock = clock
        self.sessionLifetime = sessionLifetime
        self.random = random
        self.passwordHashing = passwordHashing
    }

    /// Checks `credential` and opens a session of ``sessionLifetime``.
    ///
    /// - `RecoveryCredential/password(userName:password:)`: the password is checked against
    ///   the account's verifier. An unknown user name costs the same Argon2id work as a wrong
    ///   password (a decoy hash at ``passwordHashing``, the cost of stored verifiers), and both
    ///   throw `RecoveryAccountError/wrongCredentials`. Every attempt counts against the user
    ///   name first: after ``signInFailureLimit`` failures within ``signInFailureWindow``,
    ///   attempts throw `RecoveryAccountError/tooManyAttempts(retryAfter:)` without checking
    ///   the password until the wait is over; a successful sign-in clears the count.
    /// - `RecoveryCredential/externalToken(_:)` with `IdentityProviderToken/accessToken(_:issuer:)`:
    ///   a token from ``issueExternalToken(for:lifetime:)``, unexpired and not used before. It
    ///   is used up by this call, whatever its outcome; the session is of the account the
    ///   token was issued for. Any other token throws `RecoveryAccountError/wrongCredentials`.
    ///   The token's issuer is not checked.
    /// - ID tokens and authorization codes throw
    ///   `RecoveryAccountError/unsupportedCredential(_:)`: this service is its own identity
    ///   provider and issues neither.
    public func signIn(with credential: RecoveryCredential) async throws(RecoveryAccountError) -> RecoverySession {
        switch credential {
        case let .password(userName, password):
            return try await passwordSignIn(userName: userName.rawValue, password: password)
        case let .externalToken(token):
            guard token.kind == .accessToken else { throw .unsupportedCredential(credential.kind) }
            return try await signIn(redeeming: token.value)
        }
    }

    /// The password sign-in.
    private func passwordSignIn(userName: String, password: SecureBytes) async throws(RecoveryAccountError) -> RecoverySession {
        try requireReachable()
        // Every attempt counts before the password is checked, for known and unknown names alike.
        try await chargeSignInAttempt(for: userName)
        guard let file = try? accountFile(for: userName), let record = try readAccount(at: file) else {
            // The decoy costs what a real verifier costs: new verifiers are made at `passwordHashing`.
            _ = try? PasswordVerifier.derive(password, salt: PasswordVerifier.decoySalt, cost: passwordHashing)
            throw .wrongCredentials
        }
        guard try record.verifier.matches(password) else { throw .wrongCredentials }
        try await clearSignInFailures(for: userName)
        return try await updateAccount(at: file) { (account: inout AccountRecord) throws(RecoveryAccountError) in
            openSession(in: &account)
        }
    }

    /// Ends `session` and opens a new one of ``sessionLifetime``.
    public func refresh(_ session: RecoverySession) async throws(RecoveryAccountError) -> RecoverySession {
        try requireReachable()
        return try await updateAccount(of: session) { (account: inout AccountRecord) throws(RecoveryAccountError) in
            let index = try validate(session, in: account)
            account.sessions[index].ended = true
            return openSession(in: &account)
        }
    }

    /// The account's escrow key, created and stored on the first request.
    public func escrowKey(for session: RecoverySession) async throws(RecoveryAccountError) -> EscrowKey {
        try requireReachable()
        return try await updateAccount(of: session) { (account: inout AccountRecord) throws(RecoveryAccountError) in
            _ = try validate(session, in: account)
            if account.escrowKey == nil {
                account.escrowKey = EscrowKeyRecord(
                    identifier: Hex.encode(random.bytes(EscrowKeyIdentifier.standardLength)),
                    key: SecureBytes(count: EscrowKey.keyLength) { random.fill($0) }
                )
            }
            guard let stored = account.escrowKey, let key = stored.escrowKey else {
                throw .serviceFailure(reason: "the escrow key of \(account.userName) is damaged")
            }
            return key
        }
    }

    /// Stores `location` in the account's file.
    public func recordBackupLocation(
        _ location: BackupLocation?, for session: RecoverySession
    ) async throws(RecoveryAccountError) {
        try requireReachable()
        try await updateAccount(of: session) { (account: inout AccountRecord) throws(RecoveryAccountError) in
            _ = try validate(session, in: account)
            account.backupLocation = location
        }
    }

    /// The location stored in the account's file.
    public func backupLocation(for session: RecoverySession) async throws(RecoveryAccountError) -> BackupLocation? {
        try requireReachable()
        guard let file = try? accountFile(for: session.userName.rawValue), let account = try readAccount(at: file) else {
            throw .sessionRevoked
        }
        _ = try validate(session, in: account)
        return account.backupLocation
    }
}
