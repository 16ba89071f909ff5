import Foundation

/// A concrete `RandomSource` around an existential one, for APIs that take `some RandomSource`.
struct RandomSourceBox: RandomSource {
    let base: any RandomSource

    func fill(_ buffer: UnsafeMutableRawBufferPointer) {
        base.fill(buffer)
    }
}

/// A concrete `TimeSource` around an existential one, for APIs that take `some TimeSource`.
struct TimeSourceBox: TimeSource {
    let base: any TimeSource

    func now() -> Date {
        base.now()
    }
}

/// A concrete `AccountProvider` around an existential one, for APIs that take `some AccountProvider`.
struct AccountProviderBox: AccountProvider {
    let base: any AccountProvider

    func enrol(_ credential: CredentialEnrolment, for account: ProviderAccountReference, grant: EnrolmentGrant) async throws(VerificationError) {
        try await base.enrol(credential, for: account, grant: grant)
    }

    func restoreRequirement(
        for account: ProviderAccountReference, recoverySignIn: RecoveryIdentityAssertion?
    ) async throws(VerificationError) -> RestoreRequirement {
        try await base.restoreRequirement(for: account, recoverySignIn: recoverySignIn)
    }

    func credentials(for account: ProviderAccountReference) async throws(VerificationError) -> [ProviderCredential] {
        try await base.credentials(for: account)
    }

    func revokeCredential(_ credentialID: String, for account: ProviderAccountReference, grant: EnrolmentGrant) async throws(VerificationError) {
        try await base.revokeCredential(credentialID, for: account, grant: grant)
    }

    func acceptsCode(_ code: String, for account: ProviderAccountReference) async throws(VerificationError) -> Bool {
        try await base.acceptsCode(code, for: account)
    }

    func acceptsApproval(_ approval: PushApproval, for account: ProviderAccountReference) async throws(VerificationError) -> Bool {
        try await base.acceptsApproval(approval, for: account)
    }
}
