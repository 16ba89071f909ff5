import SodiumBridge
import VerificationFlow
import AccountModel
import Foundation

// Enrolment grants: random tokens the provider issues on a proof and stores only as a hash.
extension LocalAccountProvider {
    /// Issues a grant of `purpose` for the account `reference`, valid for
    /// ``VerificationLimits/grantLifetime`` from `now`, with the random `value`.
    func issueGrant(
        _ value: String, for reference: String, purpose: GrantPurpose, in state: inout ProviderState, now: Date
    ) -> EnrolmentGrant {
        var grants = (state.grants ?? [:]).filter { now < $0.value.expiresAt.addingTimeInterval(limits.grantLifetime) }
        grants[Self.key(value)] = StoredGrant(
            account: reference, purpose: purpose, expiresAt: now.addingTimeInterval(limits.grantLifetime), used: false)
        state.grants = grants
        return EnrolmentGrant(value: value)
    }

    /// The store key of `grant` when the provider issued it for `reference`, unexpired and
    /// unused, with one of `purposes` (all when `nil`); the typed refusal otherwise. Nothing
    /// is used up: ``useGrant(_:in:)`` does that once the operation succeeds.
    func checkGrant(
        _ grant: EnrolmentGrant, for reference: String, purposes: Set<GrantPurpose>? = nil, in state: ProviderState, now: Date
    ) -> Result<String, VerificationError> {
        guard !grant.value.isEmpty else { return .failure(.missingEnrolmentGrant) }
        let key = Self.key(grant.value)
        guard let stored = state.grants?[key] else { return .failure(.forgedEnrolmentGrant) }
        guard stored.account == reference else { return .failure(.enrolmentGrantForAnotherAccount) }
        guard !stored.used else { return .failure(.enrolmentGrantAlreadyUsed) }
        guard now < stored.expiresAt else { return .failure(.enrolmentGrantExpired) }
        if let purposes, !purposes.contains(stored.purpose) { return .failure(.grantDoesNotAllowRevocation) }
        return .success(key)
    }

    /// Marks the grant stored under `key` used.
    func useGrant(_ key: String, in state: inout ProviderState) {
        state.grants?[key]?.used = true
    }
}

extension LocalAccountProvider {
    /// A temporary access pass for the account `reference`, as an administrator's console
    /// issues one (for a user who lost every device, or for tests): an `EnrolmentGrant` with
    /// the rights of a password sign-in (enrol one credential, or revoke one), valid for
    /// ``VerificationLimits/grantLifetime`` and usable once. This is the provider's own
    /// administration, not something a device can ask for.
    /// - Throws: ``LocalAccountProviderError/unknownAccount``, storage errors.
    public func issueTemporaryAccessPass(for reference: ProviderAccountReference) async throws(LocalAccountProviderError) -> EnrolmentGrant {
        let value = randomHex(32)
        return try await transact { state, now -> Result<EnrolmentGrant, LocalAccountProviderError> in
            guard state.accounts[reference.rawValue] != nil else { return .failure(.unknownAccount) }
            return .success(issueGrant(value, for: reference.rawValue, purpose: .passwordSignIn, in: &state, now: now))
        }
    }
}
