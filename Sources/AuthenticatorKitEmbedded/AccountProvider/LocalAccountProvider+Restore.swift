import BackupServices
import VerificationFlow
import AccountModel
import Foundation

extension LocalAccountProvider {
    /// Which recovery-account services' sign-ins the provider believes
    /// (``restoreRequirement(for:recoverySignIn:)``).
    public enum RecoveryIdentityTrust: Sendable {
        /// None: every restored account waits for verification.
        case none
        /// Assertions signed by one of these keys.
        case keys([RecoveryIdentityVerificationKey])
        /// Assertions signed by this embedded service's key
        /// (`LocalRecoveryAccountService/identityVerificationKey()`, read when needed).
        case service(LocalRecoveryAccountService)
    }

    /// What a restore may do with `account`, from the provider's own records only:
    /// - a work or school account → `.verify(.providerQRCode)`;
    /// - a personal account with push approvals on (or unknown, in an older store) →
    ///   `.verify(.passwordAndAlternateContact)`;
    /// - a personal account without push approvals whose owning recovery identity
    ///   (``setRecoveryAccount(_:forUserNamed:)``; by default its own user name) is the one
    ///   `recoverySignIn` names — signed by a service of ``recoveryIdentityTrust`` and not
    ///   expired at the provider's clock — → `.enrolNow` with a grant
    ///   (``VerificationLimits/grantLifetime``, single use);
    /// - any other personal account, or no, forged, untrusted or expired assertion →
    ///   `.verify(.passwordAndAlternateContact)`.
    /// - Throws: `VerificationError.unknownAccount`, `.providerUnavailable(reason:)`.
    public func restoreRequirement(
        for account: ProviderAccountReference, recoverySignIn: RecoveryIdentityAssertion?
    ) async throws(VerificationError) -> RestoreRequirement {
        var claims: IdentityAssertionClaims?
        if let recoverySignIn {
            claims = IdentityAssertionClaims.verified(recoverySignIn, keys: await trustedRecoveryKeys())
        }
        let grantValue = randomHex(32)
        return try await transactForService { state, now -> Result<RestoreRequirement, VerificationError> in
            guard let stored = state.accounts[account.rawValue] else { return .failure(.unknownAccount) }
            guard stored.kind == .personal else { return .success(.verify(.providerQRCode)) }
            let unixNow = Int64(now.timeIntervalSince1970.rounded(.down))
            guard stored.pushApprovals == false, let owner = stored.recoveryAccount, let claims,
                  claims.issuedAt <= unixNow + 300, unixNow < claims.expiresAt,
                  RecoveryAccountName(owner).isSameAccount(as: RecoveryAccountName(claims.subject))
            else { return .success(.verify(.passwordAndAlternateContact)) }
            return .success(.enrolNow(issueGrant(grantValue, for: account.rawValue, purpose: .recoverySignIn, in: &state, now: now)))
        }
    }

    /// Makes the recovery identity `recoveryAccount` the owner of the account named
    /// `userName` (`nil`: no recovery sign-in stands for it), as the provider's console
    /// would.
    /// - Throws: ``LocalAccountProviderError/unknownAccount``, storage errors.
    public func setRecoveryAccount(
        _ recoveryAccount: RecoveryAccountName?, forUserNamed userName: String
    ) async throws(LocalAccountProviderError) {
        try await transact { state, _ -> Result<Void, LocalAccountProviderError> in
            guard var stored = Self.stored(named: userName, in: state) else { return .failure(.unknownAccount) }
            stored.recoveryAccount = recoveryAccount?.rawValue
            state.accounts[stored.reference] = stored
            return .success(())
        }
    }

    /// The keys of ``recoveryIdentityTrust``; none when the service cannot give its key.
    private func trustedRecoveryKeys() async -> [RecoveryIdentityVerificationKey] {
        switch recoveryIdentityTrust {
        case .none: return []
        case let .keys(keys): return keys
        case let .service(service): return (try? await service.identityVerificationKey()).map { [$0] } ?? []
        }
    }
}
