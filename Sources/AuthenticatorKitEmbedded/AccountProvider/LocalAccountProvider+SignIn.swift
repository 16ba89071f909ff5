import SodiumBridge
import VerificationFlow
import AccountModel
import Foundation

extension LocalAccountProvider {
    /// Signs in to the account named `userName` (ignoring case and surrounding white space)
    /// with its password, as the provider's sign-in screen does when the user adds the
    /// account to a device.
    ///
    /// Wrong passwords count against the same limit as a verification's, and the last allowed
    /// one locks the account; a right one resets the count. No verification is started.
    /// - Returns: the account, with ``personalAccountIssuer`` as the issuer of a personal
    ///   account and its organisation as that of a work or school account.
    /// - Throws: `VerificationError.emptyPassword`, `.unknownAccount`,
    ///   `.wrongPassword(attemptsRemaining:)`, `.locked(until:)`, and
    ///   `.providerUnavailable(reason:)` when the provider's directory cannot be read or
    ///   written.
    public func signIn(userName: String, password: SecureBytes) async throws(VerificationError) -> ProviderSignIn {
        guard !password.isEmpty else { throw .emptyPassword }
        guard let account = try Self.stored(named: userName, in: loadForService()) else { throw .unknownAccount }
        let reference = account.reference
        let personalIssuer = personalAccountIssuer
        return try await transactForService { state, now -> Result<ProviderSignIn, VerificationError> in
            checkPassword(password, ofAccount: reference, in: &state, now: now).map { stored in
                ProviderSignIn(
                    reference: ProviderAccountReference(stored.reference),
                    kind: stored.kind,
                    issuer: stored.organisation ?? personalIssuer,
                    userName: stored.userName
                )
            }
        }
    }
}
