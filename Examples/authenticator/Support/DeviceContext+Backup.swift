import AuthenticatorKit

extension DeviceContext {
    /// The backup coordinator of this device, its cloud seen as signed in to `identity` (see
    /// ``cloud(platform:signedInAs:)``).
    func backupCoordinator(platform: Platform, signedInAs identity: CloudIdentity?) throws -> BackupCoordinator {
        BackupCoordinator(
            store: store, cloud: try cloud(platform: platform, signedInAs: identity), recoveryAccounts: recoveryAccounts,
            appVersion: AppInfo.version, clock: clock
        )
    }

    /// The backup coordinator for `vault`, its cloud signed in as the identity its backup
    /// state names (`BackupState.backupIdentity`).
    func backupCoordinator(for vault: Vault) throws -> BackupCoordinator {
        try backupCoordinator(platform: vault.settings.platform, signedInAs: vault.backupState?.backupIdentity)
    }

    /// The identity a device of `platform` signs in to its cloud as, by the SDK's rule
    /// (`CloudIdentityRule`): the Apple ID named on `ios`, the recovery account on `android`,
    /// none for WebDAV (the provider knows its own).
    func cloudIdentity(platform: Platform, recoveryAccount: String, named: String?) -> CloudIdentity? {
        cloudIdentityRule(platform: platform).identity(
            recoveryAccount: RecoveryAccountName(recoveryAccount), named: named.map(CloudIdentity.init(_:)))
    }

    /// After a change to the vault: when backup is on, uploads the change. Standard output
    /// stays the command's own; a failed or stale backup is one note on standard error.
    func backUpAfterChange(_ vault: Vault) async {
        guard vault.settings.backupEnabled, vault.backupState != nil else { return }
        let coordinator: BackupCoordinator
        do {
            coordinator = try backupCoordinator(for: vault)
        } catch {
            let report = ErrorReport(error)
            Output.writeErrorLine("note: the change was saved but not backed up: \(report?.caseName ?? "error"): \(report?.line ?? "")")
            return
        }
        let status = await coordinator.backUpNow()
        guard let report = BackupStatusReport(status: status, state: nil).problem else { return }
        Output.writeErrorLine("note: the change was saved but not backed up: \(report.caseName): \(report.line)")
    }
}
