import Foundation

// Adding a personal or work-or-school account to this device by signing in to it.
extension AccountVerificationCoordinator {
    /// Adds the provider account `userName` to this device: signs in to it with `password`
    /// (`VerificationService/signIn(userName:password:)`), mints a new device credential,
    /// enrols it with the provider (`DeviceEnrolment`, with the proof
    /// `VerificationProof/providerSignIn(_:for:at:)` carrying the sign-in's grant) and saves the new account, active, in
    /// the stored vault. This is the app's "add your personal or work account" screen.
    ///
    /// The account's kind, issuer (a work or school account's organisation), user name and
    /// provider reference come from the sign-in. It is all or nothing for the vault: when the
    /// sign-in, the enrolment or the save fails, the vault is unchanged. The save is a
    /// compare-and-swap over the revision read, retried on a fresh vault (up to
    /// ``saveAttempts`` times) when another writer saved in between. An account already in
    /// the vault is refused before the provider registers anything.
    /// - Parameters:
    ///   - userName: the provider account's user name, as the user typed it.
    ///   - password: its password.
    ///   - pushApprovalsEnabled: whether push approvals are on for the new account.
    /// - Returns: the account as saved, with its `Account/deviceCredential`.
    /// - Throws: the sign-in's errors (`VerificationError/emptyPassword`,
    ///   `VerificationError/wrongPassword(attemptsRemaining:)` (also for an unknown user name),
    ///   `VerificationError/tooManyAttempts(retryAfter:)`,
    ///   `VerificationError/providerUnavailable(reason:)`),
    ///   `VerificationError/duplicateAccount(existing:)` when the vault already holds the
    ///   account, `VerificationError/verificationNotNeeded` when the service reports a
    ///   third-party account, the provider's enrolment errors, and
    ///   `VerificationError/vaultFailure(_:)` (`AccountModelError/vaultNotFound` when
    ///   there is no vault yet). The stored vault is then unchanged.
    public func addProviderAccount(
        userName: String, password: SecureBytes, pushApprovalsEnabled: Bool = false
    ) async throws(VerificationError) -> Account {
        guard var vault = try await loadVault() else { throw .vaultFailure(.vaultNotFound) }
        let signedIn = try await verificationService.signIn(userName: userName, password: password)
        let now = clock.now()
        guard let kind = Account.ProviderKind(signedIn.kind) else { throw .verificationNotNeeded }
        let account = Account(
            provider: Account.ProviderDetails(
                kind: kind, issuer: signedIn.issuer, userName: signedIn.userName, reference: signedIn.reference,
                pushApprovalsEnabled: pushApprovalsEnabled, device: .awaitingEnrolment),
            createdAt: now
        )
        // Refuse a duplicate before the provider registers a credential for nothing.
        if let existing = vault.duplicate(of: account) { throw .duplicateAccount(existing: existing.id) }
        let proof = try VerificationProof.providerSignIn(signedIn, for: account, at: now)
        let enrolment = DeviceEnrolment(provider: provider, clock: clock, random: random)
        let enrolled = try await enrolment.enrol(account, proof: proof)

        var attempt = 1
        while true {
            var updated = vault
            do throws(AccountModelError) {
                try updated.add(enrolled)
            } catch {
                if case let .duplicateAccount(existing) = error { throw .duplicateAccount(existing: existing) }
                throw .vaultFailure(error)
            }
            do throws(AccountModelError) {
                try await store.save(updated, replacingRevision: vault.revision)
                return enrolled
            } catch {
                guard case .revisionConflict = error, attempt < Self.saveAttempts else { throw .vaultFailure(error) }
                attempt += 1
                guard let fresh = try await loadVault() else { throw .vaultFailure(.vaultNotFound) }
                vault = fresh
            }
        }
    }
}
