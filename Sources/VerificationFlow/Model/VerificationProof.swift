import AccountModel
import Foundation

/// Evidence that the user proved who they are for one account: what
/// ``DeviceEnrolment`` needs before it mints and enrols a new device credential.
///
/// Flows make one when they reach `verified`, carrying the ``EnrolmentGrant`` the
/// verification service returned; ``providerSignIn(_:for:at:)`` makes one for an account
/// just added after signing in to it, with the sign-in's grant. The proof guards the SDK's
/// own steps against mistakes (wrong account, wrong state); the **provider** decides, by the
/// grant it issued: a proof whose grant it did not issue, for another account, expired or
/// used, enrols nothing.
public struct VerificationProof: Sendable, Hashable, Codable {
    /// How the user proved who they are.
    public enum Evidence: String, Sendable, Hashable, Codable, CaseIterable {
        /// The account password and a code sent to an alternate contact.
        case passwordAndCode = "password-and-code"
        /// A QR enrolment payload issued by the organisation's provider.
        case qrCode = "qr-code"
        /// The recovery-account sign-in that started the restore, when the provider said
        /// it stands for the account (`RestoreRequirement.enrolNow`).
        case recoverySignIn = "recovery-sign-in"
        /// The provider account's own password sign-in, when the user adds the account to
        /// this device (see ``providerSignIn(_:for:at:)``).
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
    /// The provider's grant to enrol one credential for ``providerAccount``.
    public let grant: EnrolmentGrant

    init(
        accountID: AccountID, providerAccount: ProviderAccountReference, evidence: Evidence, verifiedAt: Date,
        grant: EnrolmentGrant
    ) {
        self.accountID = accountID
        self.providerAccount = providerAccount
        self.evidence = evidence
        self.verifiedAt = verifiedAt
        self.grant = grant
    }
}
