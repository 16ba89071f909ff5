import AccountModel
import Foundation

extension VerificationProof {
    /// The proof that the user just signed in to the provider account of `account` with its
    /// password (`signIn`), to add that account to this device (the app's "add your work or
    /// personal account" screen). ``DeviceEnrolment`` then mints and enrols the device's
    /// first credential for it with ``ProviderSignIn/grant``.
    ///
    /// The account must be a personal or work-or-school account whose provider reference is
    /// the one signed in to; enrolment further requires it to be active and without a device
    /// credential.
    /// - Throws: ``VerificationError/verificationNotNeeded`` for a third-party account,
    ///   ``VerificationError/missingProviderAccount`` when it has no provider reference,
    ///   ``VerificationError/proofForAnotherAccount`` when it is not the account signed in to.
    public static func providerSignIn(
        _ signIn: ProviderSignIn, for account: Account, at date: Date
    ) throws(VerificationError) -> VerificationProof {
        guard account.kind != .thirdParty else { throw .verificationNotNeeded }
        guard let reference = account.providerAccountReference, !reference.rawValue.isEmpty else {
            throw .missingProviderAccount
        }
        guard reference == signIn.reference else { throw .proofForAnotherAccount }
        return VerificationProof(
            accountID: account.id, providerAccount: reference, evidence: .providerSignIn, verifiedAt: date,
            grant: signIn.grant)
    }
}
