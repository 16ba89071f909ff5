import OTP
import SodiumBridge
import VerificationFlow
import AccountModel
import Foundation

extension LocalAccountProvider: AccountProvider {
    /// Registers `credential` for `account`. The same credential identifier may not be
    /// enrolled twice for one account; other accounts are not consulted.
    public func enrol(_ credential: CredentialEnrolment, for account: ProviderAccountReference) async throws(VerificationError) {
        try Self.validate(credential)
        try await transactForService { state, now -> Result<Void, VerificationError> in
            guard var stored = state.accounts[account.rawValue] else { return .failure(.unknownAccount) }
            guard !stored.credentials.contains(where: { $0.id == credential.credentialID }) else {
                return .failure(.credentialAlreadyEnrolled)
            }
            stored.credentials.append(StoredCredential(
                id: credential.credentialID,
                publicKey: Data(credential.publicKey),
                seed: Data(credential.otpSeed.copyBytes()),
                algorithm: credential.algorithm,
                digits: credential.digits,
                period: credential.period,
                enrolledAt: now
            ))
            state.accounts[account.rawValue] = stored
            return .success(())
        }
    }

    /// The identifiers of `account`'s credentials, in enrolment order.
    public func credentialIDs(for account: ProviderAccountReference) async throws(VerificationError) -> [String] {
        guard let stored = try loadForService().accounts[account.rawValue] else { throw .unknownAccount }
        return stored.credentials.map(\.id)
    }

    /// Whether `code` is, at the provider's clock, the code of the current time step or one
    /// either side (`CodeCheckWindow/default`) for any of `account`'s credentials. Every
    /// credential is checked, each candidate compared in constant time.
    public func acceptsCode(_ code: String, for account: ProviderAccountReference) async throws(VerificationError) -> Bool {
        guard let stored = try loadForService().accounts[account.rawValue] else { throw .unknownAccount }
        return accepts(code, from: stored)
    }

    /// Whether `approval`'s signature verifies with the public key of any of `account`'s
    /// credentials.
    public func acceptsApproval(_ approval: PushApproval, for account: ProviderAccountReference) async throws(VerificationError) -> Bool {
        guard let stored = try loadForService().accounts[account.rawValue] else { throw .unknownAccount }
        return stored.credentials.contains { credential in
            Ed25519.isValidSignature(approval.signature, of: approval.challenge, publicKey: Array(credential.publicKey))
        }
    }

    /// Whether `code` is, at the provider's clock, a code of the current time step or one
    /// either side for any credential of `account`. Every credential is checked.
    func accepts(_ code: String, from account: StoredAccount) -> Bool {
        guard !code.isEmpty, code.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        let now = clock.now()
        var accepted = false
        for credential in account.credentials where code.count == credential.digits {
            guard let generator = try? Generator(
                factor: .timer(period: credential.period),
                secret: SecureBytes(copying: credential.seed),
                algorithm: credential.algorithm,
                format: .decimal(digits: credential.digits)
            ) else { continue }
            if (try? generator.check(code, at: now, window: .default))?.acceptedMatch != nil {
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
