import AccountModel
import Foundation

/// Evidence that the user proved who they are for one account: what
/// ``DeviceEnrolment`` needs before it mints and enrols a new device credential.
///
/// Flows make one when they reach `verified`; ``recoverySignIn(for:signedInAs:at:)`` makes
/// one for the recovery account's own personal account right after the recovery sign-in, and
/// ``providerSignIn(for:at:)`` one for an account just added after signing in to it.
/// It guards the SDK's own steps against mistakes; the provider stays the authority on who
/// may enrol (a real provider authenticates the enrolment request with its own session).
public struct VerificationProof: Sendable, Hashable, Codable {
    /// How the user proved who they are.
    public enum Evidence: String, Sendable, Hashable, Codable, CaseIterable {
        /// The account password and a code sent to an alternate contact.
        case passwordAndCode = "password-and-code"
        /// A QR enrolment payload issued by the organisation's provider.
        case qrCode = "qr-code"
        /// The recovery-account sign-in that started the restore.
        case recoverySignIn = "recovery-sign-in"
        /// The provider account's own password sign-in, when the user adds the account to
        /// this device (see ``providerSignIn(for:at:)``).
        case providerSignIn = "provider-sign-in"
    }

    /// The vault account verified.
    public let accountID: AccountID
    /// The provider's reference of that account.
    public let providerAccount: ProviderAccountReference
    /// How.
    public let evidence: Evidence
    /// When.
    public let verifiedAt: Date

    init(accountID: AccountID, providerAccount: ProviderAccountReference, evidence: Evidence, verifiedAt: Date) {
        self.accountID = accountID
        self.providerAccount = providerAccount
        self.evidence = evidence
        self.verifiedAt = verifiedAt
    }

    /// The proof the recovery sign-in gives for the recovery account's own personal account.
    ///
    /// Call it only right after the user signed in to their recovery account as
    /// `recoveryUserName` (the restore coordinator does). The account must be personal,
    /// without push approvals, and have that user name (compared without regard to case).
    /// - Throws: ``VerificationError/notTheRecoveryAccount`` otherwise, and
    ///   ``VerificationError/missingProviderAccount`` when it has no provider reference.
    public static func recoverySignIn(
        for account: Account, signedInAs recoveryUserName: String, at date: Date
    ) throws(VerificationError) -> VerificationProof {
        guard account.kind == .personal, !account.pushApprovalsEnabled,
              account.userName.lowercased() == recoveryUserName.lowercased()
        else { throw .notTheRecoveryAccount }
        guard let reference = account.providerAccountReference, !reference.rawValue.isEmpty else {
            throw .missingProviderAccount
        }
        return VerificationProof(
            accountID: account.id, providerAccount: reference, evidence: .recoverySignIn, verifiedAt: date
        )
    }
}
