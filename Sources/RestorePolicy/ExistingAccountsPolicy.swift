/// What a restore may do to a device that already holds accounts. Either way, a restore
/// never overwrites or deletes an account that is already on the device.
public enum ExistingAccountsPolicy: Sendable, Hashable, CaseIterable {
    /// The default: refuse while any account exists, naming them
    /// (``BackupUnavailableReason/existingAccounts(_:)``), so nothing is overwritten or deleted
    /// by mistake.
    case refuseIfNotEmpty
    /// Opt-in: restore only the accounts that are not already on the device, leave every
    /// existing account and the device's settings as they are, and report the duplicates
    /// that were skipped.
    case mergeKeepingExisting
}
