import AccountModel

/// What an account's provider answered when the restore asked what it may do with the
/// account (the SDK asks every provider account of the backup before planning): the only
/// thing that lets ``RestorePlanner`` mint a credential at once.
public enum ProviderDecision: Sendable, Hashable {
    /// The provider, from its own records, lets the recovery sign-in stand for the account
    /// and issued a grant: the device may mint its credential at commit.
    case enrolNow
    /// The provider asks for verification with this method.
    case verify(VerificationMethod)
    /// The provider does not know the account: it waits for verification.
    case unknownAccount
    /// The provider could not be asked (no provider was given, or it was unreachable or
    /// failed; `reason` says which, without secrets): the account waits for verification.
    case unavailable(reason: String)

    /// `enrolNow`, `verify`, `unknownAccount` or `unavailable`: the Swift case name, for
    /// scripts and JSON output.
    public var caseName: String {
        switch self {
        case .enrolNow: return "enrolNow"
        case .verify: return "verify"
        case .unknownAccount: return "unknownAccount"
        case .unavailable: return "unavailable"
        }
    }
}
