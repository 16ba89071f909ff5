import Foundation
import Logging

// Verifying the cloud's backup without restoring it, and the backup's health.
extension BackupCoordinator {
    /// Downloads the cloud's latest backup, opens it with the recovery account's escrow key and
    /// compares it, account by account, with the vault — without restoring anything.
    ///
    /// Never changes the accounts, the settings or the cloud; on success it records the time
    /// as `BackupState/lastVerified`. A backup that is gone (``BackupVerificationFailure/notFound(lastSeen:)``),
    /// older than the one this device or the recovery-account service's record verified
    /// (``BackupVerificationFailure/rolledBack(cloud:device:)``)
    /// or of another chain (``BackupVerificationFailure/replaced(cloud:)``) is reported as such.
    /// A change not uploaded yet shows as a difference.
    public func verifyBackup() async -> BackupVerification {
        await exclusivelyVerifying()
    }

    /// The status with the backup's health: when the cloud's backup was last verified and,
    /// when backup is failing, since when and why. Without network access.
    public func health() async -> BackupHealth {
        let status = await status()
        let state = try? await backupState()
        return BackupHealth(
            status: status, lastVerified: state?.lastVerified, failingSince: state?.failingSince,
            failure: state?.lastFailure)
    }

    func performVerify() async -> BackupVerification {
        let outcome = await compareWithCloud()
        switch outcome {
        case let .verified(generation, count):
            logger.info("backup verified", metadata: ["generation": "\(generation)", "accounts": "\(count)"])
            let now = clock.now()
            _ = try? await saveState { vault throws(AccountModelError) in
                guard var state = vault.backupState else { return }
                state.lastVerified = now
                try vault.setBackupState(state)
            }
        case let .differs(generation, differences):
            logger.warning("backup differs from the vault", metadata: [
                "generation": "\(generation)", "differences": "\(differences.count)",
            ])
        case let .failed(failure):
            logger.warning("backup could not be verified", metadata: ["error": "\(failure.caseName)"])
        }
        return outcome
    }

    private func compareWithCloud() async -> BackupVerification {
        let vault: Vault?
        do {
            vault = try await store.load()
        } catch {
            return .failed(.failure(.storeFailure(error.message)))
        }
        guard let vault, let state = vault.backupState, vault.settings.backupEnabled else { return .failed(.notEnabled) }
        guard let session = state.session, !session.isExpired(at: clock.now()) else { return .failed(.needsSignIn) }
        let escrowKey: EscrowKey
        do {
            escrowKey = try await recoveryAccounts.escrowKey(for: session)
        } catch {
            switch error {
            case .sessionExpired, .sessionRevoked: return .failed(.needsSignIn)
            case .unreachable: return .failed(.unreachable)
            default: return .failed(.failure(Self.failure(for: error)))
            }
        }
        let downloaded: CloudBackup
        do {
            downloaded = try await cloud.downloadLatestBackup(for: state.backupIdentity)
        } catch {
            switch error {
            case .notFound: return .failed(.notFound(lastSeen: state.unverifiedGeneration ?? state.lastUploadedGeneration))
            case .unreachable, .busy: return .failed(.unreachable)
            default: return .failed(.failure(Self.failure(for: error)))
            }
        }
        let backup: SealedBackup
        do {
            backup = try SealedBackup(bytes: downloaded.bytes)
        } catch {
            return .failed(.damaged)
        }
        let generation = backup.header.generation
        guard backup.header.backupID == state.backupID else { return .failed(.replaced(cloud: generation)) }
        if let device = state.lastUploadedGeneration, generation < device {
            return .failed(.rolledBack(cloud: generation, device: device))
        }
        // The recovery-account service's record of the last verified backup decides too (it
        // also knows what other devices of the chain verified).
        let location = BackupLocation(kind: cloud.locationKind, cloudIdentity: state.backupIdentity)
        if let recorded = try? await recoveryAccounts.verifiedBackup(at: location, for: session),
           generation < recorded.generation
            || (generation == recorded.generation && !recorded.matches(backupBytes: downloaded.bytes)) {
            return .failed(.rolledBack(cloud: generation, device: recorded.generation))
        }
        let keyIDs = backup.header.keySlots.compactMap { slot -> String? in
            if case let .escrowKey(keyID) = slot { return keyID }
            return nil
        }
        guard keyIDs.contains(where: { EscrowKeyIdentifier(hex: $0) == escrowKey.identifier }) else {
            return .failed(.wrongRecoveryAccount)
        }
        let opened: BackupPayload
        do {
            opened = try backup.open(using: .escrowKey(escrowKey.key))
        } catch {
            if case .noMatchingKeySlot = error { return .failed(.wrongRecoveryAccount) }
            return .failed(.damaged)
        }
        let differences = Self.differences(between: BackupPayload(vault: vault), and: opened, vault: vault)
        guard differences.isEmpty else { return .differs(generation: generation, differences: differences) }
        return .verified(generation: generation, accountCount: opened.accounts.count)
    }

    /// How `backup` differs from `expected` (the vault's payload): the vault's accounts
    /// missing or changed, in its order, then the backup's extra ones, then the settings.
    static func differences(between expected: BackupPayload, and backup: BackupPayload, vault: Vault) -> [BackupDifference] {
        var inBackup: [AccountID: BackupAccount] = [:]
        for account in backup.accounts { inBackup[account.id] = account }
        var result: [BackupDifference] = []
        var seen: Set<AccountID> = []
        for account in expected.accounts {
            seen.insert(account.id)
            let label = Self.label(issuer: account.issuer, userName: account.userName)
            guard let other = inBackup[account.id] else {
                result.append(.missing(account.id, label: label))
                continue
            }
            if other != account { result.append(.changed(account.id, label: label)) }
        }
        for account in backup.accounts where !seen.contains(account.id) {
            result.append(.extra(account.id, label: Self.label(issuer: account.issuer, userName: account.userName)))
        }
        if expected.settings != backup.settings { result.append(.settingsChanged) }
        return result
    }

    private static func label(issuer: String, userName: String) -> String {
        issuer.isEmpty ? userName : "\(issuer) (\(userName))"
    }
}
