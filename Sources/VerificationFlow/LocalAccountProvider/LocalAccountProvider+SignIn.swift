import AccountModel
import Foundation

extension LocalAccountProvider {
    /// Signs in to the account named `userName` (ignoring case and surrounding white space)
    /// with its password, as the provider's sign-in screen does when the user adds the
    /// account to a device. Follow it with ``VerificationProof/providerSignIn(for:at:)`` and
    /// ``DeviceEnrolment``.
    ///
    /// Wrong passwords count against the same limit as a verification's, and the last allowed
    /// one locks the account; a right one resets the count. No verification is started.
    /// - Returns: the account; its ``ProviderAccount/reference`` goes in
    ///   ``Account/providerAccountReference``.
    /// - Throws: ``VerificationError/emptyPassword``, ``VerificationError/unknownAccount``,
    ///   ``VerificationError/wrongPassword(attemptsRemaining:)``,
    ///   ``VerificationError/locked(until:)``, storage errors.
    public func signIn(userName: String, password: SecureBytes) async throws(VerificationError) -> ProviderAccount {
        guard !password.isEmpty else { throw .emptyPassword }
        guard let account = try await account(named: userName) else { throw .unknownAccount }
        let reference = account.reference
        return try await transact { state, now -> Result<ProviderAccount, VerificationError> in
            guard var stored = state.accounts[reference] else { return .failure(.unknownAccount) }
            if let error = Self.lockError(&stored, now: now) {
                state.accounts[reference] = stored
                return .failure(error)
            }
            let verifier = stored.password
            guard let hash = try? Argon2id.deriveKey(
                password: password, salt: Array(verifier.salt), outputLength: verifier.hash.count,
                operations: verifier.operations, memoryBytes: verifier.memoryBytes
            ) else { return .failure(.storageDamaged(path: storeURL.path)) }
            guard hash == SecureBytes(copying: verifier.hash) else {
                stored.failedPasswordAttempts += 1
                let remaining = limits.passwordAttempts - stored.failedPasswordAttempts
                let outcome = remaining > 0
                    ? VerificationError.wrongPassword(attemptsRemaining: remaining)
                    : lock(&stored, in: &state, now: now)
                state.accounts[reference] = stored
                return .failure(outcome)
            }
            stored.failedPasswordAttempts = 0
            state.accounts[reference] = stored
            return .success(stored.summary)
        }
    }
}
