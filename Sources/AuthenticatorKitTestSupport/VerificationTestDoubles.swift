import AuthenticatorKit
import Foundation

/// An `AccountProvider` that answers like `base` but fails every enrolment with `error`
/// (by default as unreachable): for testing that a failed enrolment changes nothing.
public struct FailingEnrolmentProvider<Base: AccountProvider>: AccountProvider {
    /// The provider that answers everything but enrolment.
    public let base: Base
    /// What ``enrol(_:for:grant:)`` throws.
    public let error: VerificationError

    /// A provider like `base` whose enrolments fail with `error`.
    public init(base: Base, error: VerificationError = .providerUnavailable(reason: "simulated outage")) {
        self.base = base
        self.error = error
    }

    /// Throws ``error`` and registers nothing.
    public func enrol(_ credential: CredentialEnrolment, for account: ProviderAccountReference, grant: EnrolmentGrant) async throws(VerificationError) {
        throw error
    }

    /// `base`'s answer.
    public func restoreRequirement(
        for account: ProviderAccountReference, recoverySignIn: RecoveryIdentityAssertion?
    ) async throws(VerificationError) -> RestoreRequirement {
        try await base.restoreRequirement(for: account, recoverySignIn: recoverySignIn)
    }

    /// `base`'s answer.
    public func credentials(for account: ProviderAccountReference) async throws(VerificationError) -> [ProviderCredential] {
        try await base.credentials(for: account)
    }

    /// `base`'s answer.
    public func revokeCredential(_ credentialID: String, for account: ProviderAccountReference, grant: EnrolmentGrant) async throws(VerificationError) {
        try await base.revokeCredential(credentialID, for: account, grant: grant)
    }

    /// `base`'s answer.
    public func acceptsCode(_ code: String, for account: ProviderAccountReference) async throws(VerificationError) -> Bool {
        try await base.acceptsCode(code, for: account)
    }

    /// `base`'s answer.
    public func acceptsApproval(_ approval: PushApproval, for account: ProviderAccountReference) async throws(VerificationError) -> Bool {
        try await base.acceptsApproval(approval, for: account)
    }
}

/// Helpers for verification tests.
public enum VerificationTestSupport {
    /// A fresh temporary directory path (not created) for an embedded provider, removed with
    /// everything in it when the test process exits.
    public static func temporaryDirectory(_ label: String = "provider") -> URL {
        TemporaryFolders.atExit.path(label)
    }

    /// The TOTP code of `credential` at `date`, `offset` time steps away (the step clamped to
    /// 0 before the first one).
    public static func code(of credential: DeviceCredential, at date: Date, offsetSteps offset: Int64 = 0) -> String {
        let step = (try? credential.generator.counter(at: date)).map { Int64(clamping: $0) } ?? 0
        return credential.generator.code(forCounter: UInt64(max(0, step + offset)))
    }

    /// A password as secure bytes.
    public static func password(_ text: String) -> SecureBytes {
        SecureBytes(copying: Array(text.utf8))
    }
}
