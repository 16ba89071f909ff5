import Foundation

/// One device credential of a provider account, as ``AccountVerificationCoordinator/devices(of:)``
/// lists it: the provider's record, and whether this device holds it.
public struct ProviderDevice: Sendable, Hashable, Identifiable {
    /// The credential's identifier.
    public let id: String
    /// When the provider enrolled it.
    public let enrolledAt: Date
    /// Whether this device's vault holds this credential.
    public let isThisDevice: Bool

    /// A listed device.
    public init(id: String, enrolledAt: Date, isThisDevice: Bool) {
        self.id = id
        self.enrolledAt = enrolledAt
        self.isThisDevice = isThisDevice
    }
}

// Cutting off a lost device.
extension AccountVerificationCoordinator {
    /// The device credentials the provider holds for the account `reference`
    /// (`AccountProvider/credentials(for:)`), oldest first, each marked when this device's
    /// vault holds it.
    /// - Throws: the provider's errors (`VerificationError/unknownAccount`,
    ///   `VerificationError/providerUnavailable(reason:)`), and
    ///   `VerificationError/vaultFailure(_:)` when the vault cannot be read (a missing vault
    ///   marks nothing).
    public func devices(of reference: ProviderAccountReference) async throws(VerificationError) -> [ProviderDevice] {
        let credentials = try await provider.credentials(for: reference)
        let vault = try await loadVault()
        let held = Set((vault?.accounts ?? []).compactMap { account -> String? in
            guard account.providerAccountReference == reference else { return nil }
            return account.deviceCredential?.id
        })
        return credentials.map { ProviderDevice(id: $0.id, enrolledAt: $0.enrolledAt, isThisDevice: held.contains($0.id)) }
    }

    /// Revokes the device credential `credentialID` of the provider account `userName`: signs
    /// in with its `password` (`VerificationService/signIn(userName:password:)`) and passes
    /// the sign-in's grant to `AccountProvider/revokeCredential(_:for:grant:)`. The
    /// revoked device's codes and push approvals are refused from then on; the others keep
    /// working. The vault is not changed (a device that revokes its own credential keeps an
    /// account whose codes the provider refuses: verify it again).
    /// - Returns: the account signed in to.
    /// - Throws: the sign-in's errors (`VerificationError/wrongPassword(attemptsRemaining:)`,
    ///   `VerificationError/tooManyAttempts(retryAfter:)`…), `VerificationError/unknownCredential`,
    ///   and the provider's grant errors.
    @discardableResult
    public func revokeDevice(
        _ credentialID: String, userName: String, password: SecureBytes
    ) async throws(VerificationError) -> ProviderSignIn {
        let signedIn = try await verificationService.signIn(userName: userName, password: password)
        try await provider.revokeCredential(credentialID, for: signedIn.reference, grant: signedIn.grant)
        logger.notice("device credential revoked", metadata: ["kind": "\(signedIn.kind.rawValue)"])
        return signedIn
    }
}
