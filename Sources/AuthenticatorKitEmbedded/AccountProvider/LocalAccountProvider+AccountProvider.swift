import OTP
import SodiumBridge
import VerificationFlow
import AccountModel
import Foundation

extension LocalAccountProvider: AccountProvider {
    /// Registers `credential` for `account` when `grant` is one this provider issued for
    /// that account, unexpired and unused (it is then used up). The same credential
    /// identifier may not be enrolled twice for one account, nor a revoked one again; other
    /// accounts are not consulted. A credential with push approvals marks the account's
    /// push approvals on, for good.
    public func enrol(
        _ credential: CredentialEnrolment, for account: ProviderAccountReference, grant: EnrolmentGrant
    ) async throws(VerificationError) {
        try Self.validate(credential)
        try await transactForService { state, now -> Result<Void, VerificationError> in
            guard var stored = state.accounts[account.rawValue] else { return .failure(.unknownAccount) }
            let grantKey: String
            switch checkGrant(grant, for: account.rawValue, in: state, now: now) {
            case let .success(key): grantKey = key
            case let .failure(error): return .failure(error)
            }
            guard !stored.credentials.contains(where: { $0.id == credential.credentialID }),
                  !(stored.revokedCredentialIDs ?? []).contains(credential.credentialID)
            else {
                return .failure(.credentialAlreadyEnrolled)
            }
            stored.credentials.append(StoredCredential(
                id: credential.credentialID,
                publicKey: Data(credential.publicKey),
                seed: Data(credential.otpSeed.copyBytes()),
                algorithm: credential.algorithm,
                digits: credential.digits,
                period: credential.period,
                enrolledAt: now,
                pushApprovals: credential.pushApprovals
            ))
            if credential.pushApprovals { stored.pushApprovals = true }
            state.accounts[account.rawValue] = stored
            useGrant(grantKey, in: &state)
            return .success(())
        }
    }

    /// `account`'s credentials, in enrolment order (revoked ones are gone).
    public func credentials(for account: ProviderAccountReference) async throws(VerificationError) -> [ProviderCredential] {
        guard let stored = try loadForService().accounts[account.rawValue] else { throw .unknownAccount }
        return stored.credentials.map { ProviderCredential(id: $0.id, enrolledAt: $0.enrolledAt) }
    }

    /// Revokes `credentialID` of `account` with a grant from a password sign-in
    /// (``signIn(userName:password:)``), which it uses up. The credential's codes and
    /// approvals are refused from then on and its identifier is never enrolled again.
    public func revokeCredential(
        _ credentialID: String, for account: ProviderAccountReference, grant: EnrolmentGrant
    ) async throws(VerificationError) {
        try await transactForService { state, now -> Result<Void, VerificationError> in
            guard var stored = state.accounts[account.rawValue] else { return .failure(.unknownAccount) }
            let grantKey: String
            switch checkGrant(grant, for: account.rawValue, purposes: [.passwordSignIn], in: state, now: now) {
            case let .success(key): grantKey = key
            case let .failure(error): return .failure(error)
            }
            guard let index = stored.credentials.firstIndex(where: { $0.id == credentialID }) else {
                return .failure(.unknownCredential)
            }
            stored.credentials.remove(at: index)
            stored.revokedCredentialIDs = (stored.revokedCredentialIDs ?? []) + [credentialID]
            state.accounts[account.rawValue] = stored
            useGrant(grantKey, in: &state)
            return .success(())
        }
    }

    /// Whether `code` is, at the provider's clock, the code of the current time step or one
    /// either side (`CodeCheckWindow/default`) for any of `account`'s credentials, of a time
    /// step after the last one accepted from that credential. The step is remembered, so the
    /// same code (or an older one) is refused next time. Every credential is checked, each
    /// candidate compared in constant time.
    public func acceptsCode(_ code: String, for account: ProviderAccountReference) async throws(VerificationError) -> Bool {
        try await transactForService { state, now -> Result<Bool, VerificationError> in
            guard var stored = state.accounts[account.rawValue] else { return .failure(.unknownAccount) }
            let accepted = accept(code, from: &stored, at: now)
            if accepted { state.accounts[account.rawValue] = stored }
            return .success(accepted)
        }
    }

    /// Whether `approval`'s signature verifies with the public key of any of `account`'s
    /// credentials.
    public func acceptsApproval(_ approval: PushApproval, for account: ProviderAccountReference) async throws(VerificationError) -> Bool {
        guard let stored = try loadForService().accounts[account.rawValue] else { throw .unknownAccount }
        return stored.credentials.contains { credential in
            Ed25519.isValidSignature(approval.signature, of: approval.challenge, publicKey: Array(credential.publicKey))
        }
    }

    /// Whether `code` is, at `now`, a code of the current time step or one either side for
    /// any credential of `account`, after that credential's last accepted step; the matching
    /// credential remembers the step. Every credential is checked.
    func accept(_ code: String, from account: inout StoredAccount, at now: Date) -> Bool {
        guard !code.isEmpty, code.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        var accepted = false
        for index in account.credentials.indices where code.count == account.credentials[index].digits {
            let credential = account.credentials[index]
            guard let generator = try? Generator(
                factor: .timer(period: credential.period),
                secret: SecureBytes(copying: credential.seed),
                algorithm: credential.algorithm,
                format: .decimal(digits: credential.digits)
            ) else { continue }
            let result = try? generator.check(code, at: now, window: .default, lastAcceptedCounter: credential.lastAcceptedStep)
            if let match = result?.acceptedMatch, !accepted {
                account.credentials[index].lastAcceptedStep = match.counter
                accepted = true
            }
        }
        return accepted
    }

    private static func validate(_ credential: CredentialEnrolment) throws(VerificationError) {
        guard !credential.credentialID.isEmpty, credential.credentialID.count <= 128 else {
            throw .invalidCredential(reason: "the identifier must have 1 to 128 characters")
        }
        guard credential.publicKey.count == Ed25519.publicKeyLength else {
            throw .invalidCredential(reason: "the public key must be \(Ed25519.publicKeyLength) bytes")
        }
        guard credential.otpSeed.count >= 16 else {
            throw .invalidCredential(reason: "the OTP seed must be at least 16 bytes")
        }
        guard (6...10).contains(credential.digits) else {
            throw .invalidCredential(reason: "codes must have 6 to 10 digits")
        }
        guard credential.period >= 1 else {
            throw .invalidCredential(reason: "the time step must be at least one second")
        }
    }
}
