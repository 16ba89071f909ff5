import AccountModel
import Foundation

extension VerificationProof {
    /// The proof that the user just signed in to the provider account of `account` with its
    /// password, to add that account to this device (the app's "add your work or personal
    /// account" screen). ``DeviceEnrolment`` then mints and enrols the device's first
    /// credential for it.
    ///
    /// Call it only right after that sign-in succeeded
    /// (``VerificationService/signIn(userName:password:)``). The account must be a personal or
    /// work-or-school account with a provider reference; enrolment further requires it to be
    /// active and without a device credential.
    /// - Throws: ``VerificationError/verificationNotNeeded`` for a third-party account,
    ///   ``VerificationError/missingProviderAccount`` when it has no provider reference.
    public static func providerSignIn(for account: Account, at date: Date) throws(VerificationError) -> VerificationProof {
        guard account.kind != .thirdParty else { throw .verificationNotNeeded }
        guard let reference = account.providerAccountReference, !reference.rawValue.isEmpty else {
            throw .missingProviderAccount
        }
        return VerificationProof(accountID: account.id, providerAccount: reference, evidence: .providerSignIn, verifiedAt: date)
    }
}
