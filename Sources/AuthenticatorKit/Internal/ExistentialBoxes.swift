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

    func enrol(_ credential: CredentialEnrolment, for account: ProviderAccountReference) async throws(VerificationError) {
        try await base.enrol(credential, for: account)
    }

    func credentialIDs(for account: ProviderAccountReference) async throws(VerificationError) -> [String] {
        try await base.credentialIDs(for: account)
    }

    func acceptsCode(_ code: String, for account: ProviderAccountReference) async throws(VerificationError) -> Bool {
        try await base.acceptsCode(code, for: account)
    }

    func acceptsApproval(_ approval: PushApproval, for account: ProviderAccountReference) async throws(VerificationError) -> Bool {
        try await base.acceptsApproval(approval, for: account)
    }
}
