import AccountModel

/// What an account provider says a restore may do with one of its accounts
/// (``AccountProvider/restoreRequirement(for:recoverySignIn:)``), decided from its own
/// records: whether push approvals are on, the account's kind, and which recovery identity
/// owns it — never from what the backup or the vault say.
public enum RestoreRequirement: Sendable, Hashable {
    /// The recovery sign-in proves the account's owner and the account allows it (a personal
    /// account without push approvals, owned by the identity the sign-in proved): the device
    /// may mint its credential at once, with this grant.
    case enrolNow(EnrolmentGrant)
    /// The user must verify with this method first.
    case verify(VerificationMethod)
}
