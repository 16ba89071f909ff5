import SodiumBridge
import VerificationFlow
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
            checkPassword(password, ofAccount: reference, in: &state, now: now).map(\.summary)
        }
    }
}
