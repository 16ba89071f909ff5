import OTP
import SodiumBridge
import VerificationFlow
import AccountModel
import DurableStorage
import Foundation

/// The embedded `AccountProvider` and `VerificationService`, for demos and tests: a
/// directory on disk holds accounts (personal, or work or school with their organisation),
/// Argon2id password verifiers, alternate contacts, registered credentials, verifications in
/// progress, an outbox where "sent" codes can be read, and the key that signs QR enrolment
/// payloads.
///
/// Every change is one atomic write of `accounts.json` under an exclusive file lock, so
/// several instances (and processes) can share a directory. The directory is created on
/// first write; a missing one reads as empty. User names are unique (ignoring case) across
/// the whole provider.
///
/// The provider's own clock decides code windows, expiries and waits; inject a
/// `TimeSource` in tests.
///
/// It is the server side: every enrolment needs an `EnrolmentGrant` it issued (a password
/// sign-in, a right code, a valid QR payload, its own restore decision, or an administrator's
/// ``issueTemporaryAccessPass(for:)``), kept only as a hash, bound to one account, expiring
/// after ``VerificationLimits/grantLifetime`` and used once. What a restore may mint it
/// decides from its records — push approvals (recorded at enrolment), kind, and the owning
/// recovery identity — and the recovery sign-ins of ``recoveryIdentityTrust``. Wrong passwords
/// and codes make attempts wait (``VerificationLimits``), unknown user names are answered as
/// wrong passwords, each credential's accepted time steps are remembered (no replay), and a
/// revoked credential is refused.
///
/// The protocol operations (`AccountProvider`, `VerificationService`) throw
/// `VerificationError` like any provider's, reporting a store that cannot be read or written
/// as `providerUnavailable(reason:)`. The administration calls a provider's console would
/// make (``createAccount(userName:kind:organisation:password:alternateContacts:)``,
/// ``account(named:)``, ``qrPayload(for:lifetime:)``, ``lastCode(sentTo:)``…) throw
/// ``LocalAccountProviderError``.
public struct LocalAccountProvider: Sendable {
    /// The directory holding the provider's files.
    public let directory: URL
    /// Attempts, lock and lifetimes.
    public let limits: VerificationLimits
    /// The Argon2id cost of new password verifiers.
    public let passwordHashing: PasswordHashingCost
    /// The issuer a sign-in reports for personal accounts (`ProviderSignIn/issuer`): the
    /// provider's own name. Work or school accounts report their organisation.
    public let personalAccountIssuer: String
    /// Whose recovery sign-ins may stand for an account at a restore
    /// (``restoreRequirement(for:recoverySignIn:)``).
    public let recoveryIdentityTrust: RecoveryIdentityTrust

    /// The default ``personalAccountIssuer``.
    public static let defaultPersonalAccountIssuer = "AuthenticatorKit ID"

    let clock: any TimeSource
    let random: any RandomSource
    /// How long an operation waits for another process's lock on the store before it throws
    /// (`providerUnavailable` / `storageFailure`; tests set zero).
    package var lockTimeout = FileLock.defaultTimeout

    /// A provider stored in `directory`.
    /// - Parameters:
    ///   - directory: where the provider's files live (created on first write).
    ///   - clock: decides code windows, expiries and locks.
    ///   - random: draws references, tickets, codes, salts and the payload key.
    ///   - limits: attempts, lock and lifetimes.
    ///   - passwordHashing: the Argon2id cost of new verifiers (tests may pass
    ///     `PasswordHashingCost/minimum`).
    ///   - personalAccountIssuer: the provider's name, the issuer of its personal accounts.
    ///   - recoveryIdentityTrust: the recovery-account services whose sign-ins the provider
    ///     believes; by default none, so every restored account waits for verification.
    public init(
        directory: URL,
        clock: some TimeSource = SystemTimeSource(),
        random: some RandomSource = SystemRandom(),
        limits: VerificationLimits = .standard,
        passwordHashing: PasswordHashingCost = .interactive,
        personalAccountIssuer: String = LocalAccountProvider.defaultPersonalAccountIssuer,
        recoveryIdentityTrust: RecoveryIdentityTrust = .none
    ) {
        self.recoveryIdentityTrust = recoveryIdentityTrust
        self.personalAccountIssuer = personalAccountIssuer
        self.directory = directory
        self.clock = clock
        self.random = random
        self.limits = limits
        self.passwordHashing = passwordHashing
    }

    var storeURL: URL { directory.appendingPathComponent("accounts.json") }
    var lockURL: URL { directory.appendingPathComponent("accounts.lock") }

    // MARK: Store

    /// The stored state, or an empty one when there is none yet.
    func load() throws(LocalAccountProviderError) -> ProviderState {
        let bytes: [UInt8]?
        do { bytes = try AtomicFile.read(storeURL, limit: EmbeddedStorageLimits.providerStoreSize) } catch { throw .storageFailure(error.message) }
        guard let bytes else { return ProviderState() }
        guard let state = try? JSONDecoder().decode(ProviderState.self, from: Data(bytes)),
              state.version == ProviderState.currentVersion
        else { throw .storageDamaged(path: storeURL.path) }
        return state
    }

    /// ``load()`` for a protocol operation: a storage problem is
    /// `VerificationError.providerUnavailable(reason:)`.
    func loadForService() throws(VerificationError) -> ProviderState {
        do { return try load() } catch { throw error.unavailable }
    }

    /// Runs `body` on the stored state under the file lock and writes the state back when
    /// `body` changed it, whether its outcome is a value or an error (so that failed attempts
    /// are counted). Storage problems are reported as `storage` makes them.
    func transact<Value, Failure: Error>(
        storage: (LocalAccountProviderError) -> Failure,
        _ body: (inout ProviderState, Date) -> Result<Value, Failure>
    ) async throws(Failure) -> Value {
        let outcome: Result<Value, Failure>
        do {
            outcome = try await transactStored(body)
        } catch {
            throw storage(error)
        }
        return try outcome.get()
    }

    /// ``transact(storage:_:)`` for the administration API.
    func transact<Value>(
        _ body: (inout ProviderState, Date) -> Result<Value, LocalAccountProviderError>
    ) async throws(LocalAccountProviderError) -> Value {
        try await transact(storage: { $0 }, body)
    }

    /// ``transact(storage:_:)`` for a protocol operation: a storage problem is
    /// `VerificationError.providerUnavailable(reason:)`.
    func transactForService<Value>(
        _ body: (inout ProviderState, Date) -> Result<Value, VerificationError>
    ) async throws(VerificationError) -> Value {
        try await transact(storage: { $0.unavailable }, body)
    }

    /// The locked read-modify-write; `body`'s outcome is returned as it is.
    private func transactStored<Value, Failure: Error>(
        _ body: (inout ProviderState, Date) -> Result<Value, Failure>
    ) async throws(LocalAccountProviderError) -> Result<Value, Failure> {
        do { try AtomicFile.createDirectory(directory) } catch { throw .storageFailure(error.message) }
        return try await FileLock.withExclusiveLock(
            on: lockURL, timeout: lockTimeout, lockFailure: { LocalAccountProviderError.storageFailure($0.message) }
        ) { () throws(LocalAccountProviderError) -> Result<Value, Failure> in
            var state = try load()
            let before = state
            let result = body(&state, clock.now())
            if state != before {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                let data: Data
                do { data = try encoder.encode(state) } catch {
                    throw .storageFailure("cannot encode the provider store")
                }
                do throws(StorageError) { try AtomicFile.write(Array(data), to: storeURL) } catch { throw .storageFailure(error.message) }
            }
            return result
        }
    }

    /// `count` random bytes as lower-case hex.
    func randomHex(_ count: Int) -> String {
        Hex.encode(random.bytes(count))
    }
}
