/// What a committed restore did.
public struct RestoreReport: Sendable {
    /// Why the recovery account's own personal account did not get its new credential (it
    /// then waits for verification like any other personal account).
    public enum EnrolmentFailure: Sendable, Hashable {
        /// The provider or the enrolment step refused.
        case verification(VerificationError)
        /// The vault could not be saved with the new credential.
        case store(AccountModelError)
    }

    /// The plan that was written.
    public let plan: RestorePlan
    /// The accounts that got a new device credential right after the restore (the recovery
    /// account's own personal account, when an account provider was given).
    public let enrolledAccounts: [AccountID]
    /// Accounts planned for a new credential that did not get one, and why.
    public let enrolmentFailures: [AccountID: EnrolmentFailure]
    /// The generation restored; the device continues the backup chain from it.
    public let generation: UInt64

    /// A report from its parts.
    public init(
        plan: RestorePlan, enrolledAccounts: [AccountID], enrolmentFailures: [AccountID: EnrolmentFailure] = [:],
        generation: UInt64
    ) {
        self.plan = plan
        self.enrolledAccounts = enrolledAccounts
        self.enrolmentFailures = enrolmentFailures
        self.generation = generation
    }
}
