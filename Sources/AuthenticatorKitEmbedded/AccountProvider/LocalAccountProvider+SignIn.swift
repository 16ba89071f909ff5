import SodiumBridge
import VerificationFlow
import AccountModel
import Foundation

extension LocalAccountProvider {
    /// Signs in to the account named `userName` (ignoring case and surrounding white space)
    /// with its password, as the provider's sign-in screen does when the user adds the
    /// account to a device.
    ///
    /// Wrong passwords count against the same limit as a verification's, and from the limit
    /// on every attempt waits; a right one resets the count. An unknown user name is answered
    /// exactly as a wrong password (the same error, counted the same way, after a decoy
    /// Argon2id at ``passwordHashing``). No verification is started.
    /// - Returns: the account, with ``personalAccountIssuer`` as the issuer of a personal
    ///   account and its organisation as that of a work or school account, and a grant
    ///   (``VerificationLimits/grantLifetime``, single use) to enrol one credential or
    ///   revoke one.
    /// - Throws: `VerificationError.emptyPassword`, `.wrongPassword(attemptsRemaining:)`,
    ///   `.tooManyAttempts(retryAfter:)`, and `.providerUnavailable(reason:)` when the
    ///   provider's directory cannot be read or written.
    public func signIn(userName: String, password: SecureBytes) async throws(VerificationError) -> ProviderSignIn {
        guard !password.isEmpty else { throw .emptyPassword }
        let personalIssuer = personalAccountIssuer
        let grantValue = randomHex(32)
        return try await transactForService { state, now -> Result<ProviderSignIn, VerificationError> in
            let stored: StoredAccount
            switch checkPassword(password, ofUserNamed: userName, in: &state, now: now) {
            case let .success(found): stored = found
            case let .failure(error): return .failure(error)
            }
            let grant = issueGrant(grantValue, for: stored.reference, purpose: .passwordSignIn, in: &state, now: now)
            return .success(ProviderSignIn(
                reference: ProviderAccountReference(stored.reference),
                kind: stored.kind,
                issuer: stored.organisation ?? personalIssuer,
                userName: stored.userName,
                grant: grant
            ))
        }
    }
}
