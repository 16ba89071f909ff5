import Logging

// Accounts a backup cannot carry: left out, never silently.
extension BackupCoordinator {
    /// The accounts of the vault that backups leave out, in vault order: each field a backup
    /// carries exceeds `VaultLimits` (`AccountLeftOut/violations` names the fields and
    /// limits). Only a vault written by an earlier version, which did not check the limits,
    /// can hold one; this version refuses them on the way in.
    ///
    /// Every backup carries all the other accounts; the app should show these by name (as a
    /// reason for its backup red dot) and let the user shorten the field or remove the account.
    /// Empty when there is no vault.
    ///
    /// - Throws: ``BackupError/failure(_:)`` with `BackupFailure/storeFailure(_:)`.
    public func accountsLeftOut() async throws(BackupError) -> [AccountLeftOut] {
        do throws(AccountModelError) {
            return try await store.load()?.accountsLeftOutOfBackups ?? []
        } catch {
            throw .failure(.storeFailure(error.message))
        }
    }

    /// Logs, at `warning`, each account of `vault` a backup leaves out: its identifier, issuer
    /// (cut to 64 characters) and the limits it exceeds; never a secret or a user name.
    func logAccountsLeftOut(of vault: Vault) {
        for account in vault.accountsLeftOutOfBackups {
            logger.warning("account left out of the backup: beyond the backup format's limits", metadata: [
                "account": "\(account.id.rawValue)",
                "issuer": "\(account.issuer.count > 64 ? String(account.issuer.prefix(63)) + "…" : account.issuer)",
                "limits": "\(account.violations.map(\.limitDescription).joined(separator: ", "))",
            ])
        }
    }
}

extension AccountModelError {
    /// `secret > 128 bytes`, `issuer > 1024 bytes`…: which limit, for logs and reports.
    var limitDescription: String {
        switch self {
        case let .fieldTooLong(field, limit): return "\(field.rawValue) > \(limit) bytes"
        case let .secretTooLong(limit): return "secret > \(limit) bytes"
        case let .tooManyAccounts(limit): return "accounts > \(limit)"
        case let .tooManyCustomSettings(limit): return "custom settings > \(limit)"
        default: return caseName
        }
    }
}
