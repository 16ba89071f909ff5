import AuthenticatorKit

extension DeviceContext {
    /// The backup coordinator of this device, its cloud seen as signed in to `identity` (on
    /// `ios` the Apple ID, on `android` the recovery account).
    func backupCoordinator(platform: Platform, signedInAs identity: CloudIdentity?) -> BackupCoordinator {
        BackupCoordinator(
            store: store, cloud: cloud(platform: platform, signedInAs: identity), recoveryAccounts: recoveryAccounts,
            appVersion: AppInfo.version, clock: clock
        )
    }

    /// The backup coordinator for `vault`, its cloud signed in as the identity its backup
    /// state names (the Apple ID on `ios`, the recovery account on `android`).
    func backupCoordinator(for vault: Vault) -> BackupCoordinator {
        backupCoordinator(platform: vault.settings.platform, signedInAs: Self.cloudIdentity(of: vault))
    }

    /// The identity the device's backup lives under, from its backup state.
    static func cloudIdentity(of vault: Vault) -> CloudIdentity? {
        vault.backupState.map { $0.cloudIdentity ?? CloudIdentity($0.recoveryAccount.rawValue) }
    }

    /// After a change to the vault: when backup is on, uploads the change. Standard output
    /// stays the command's own; a failed or stale backup is one note on standard error.
    func backUpAfterChange(_ vault: Vault) async {
        guard vault.settings.backupEnabled, vault.backupState != nil else { return }
        let status = await backupCoordinator(for: vault).backUpNow()
        guard let report = BackupStatusReport(status: status, state: nil).problem else { return }
        Output.writeErrorLine("note: the change was saved but not backed up: \(report.caseName): \(report.line)")
    }
}
