import Foundation
import Logging

extension RestoreSession {
    /// Finds, downloads, opens and plans the backup. Nothing is written.
    ///
    /// In order: the session (expired or revoked → `BackupUnavailableReason/backupStale`);
    /// where the service says the backup lives — another platform's cloud →
    /// `BackupUnavailableReason/platformMismatch(backup:device:)`, another Apple ID than the
    /// device's → `BackupUnavailableReason/cloudIdentityMismatch`, no cloud sign-in →
    /// `BackupUnavailableReason/notSignedIn`; the download (unreachable →
    /// `BackupUnavailableReason/networkUnavailable`, none →
    /// `BackupUnavailableReason/backupNotFound`); the file (a newer format →
    /// `BackupUnavailableReason/unsupportedVersion(minimumReader:)`, damaged →
    /// `BackupUnavailableReason/damaged`); the recovery-account service's record of the last
    /// verified backup there (older, or the recorded generation with other bytes →
    /// `BackupUnavailableReason/backupRolledBack(found:recorded:)`); the escrow key (sealed for
    /// another recovery account → `BackupUnavailableReason/wrongRecoveryAccount`); then the
    /// account provider is asked about each provider account (it alone decides, from its own
    /// records and the recovery sign-in's identity assertion, which may be minted at once:
    /// anything it does not allow, or cannot be asked about, waits for verification); then the policy
    /// (`RestorePlanner`).
    ///
    /// The plan's vault is what ``commit()`` writes, backup state included: the device
    /// continues the backup chain (the restored generation, the chain identifier, this
    /// session) unless, under the merge policy, it already backs up to another chain.
    ///
    /// May be called again after `RestoreStep/planned` (for example after signing in again)
    /// to plan afresh.
    /// - Throws: ``RestoreError/outOfOrder(attempted:current:)`` before sign-in or after
    ///   commit; ``RestoreError/unavailable(_:)``; ``RestoreError/serviceFailure(_:)``.
    public mutating func plan() async throws(RestoreError) -> RestorePlan {
        let plan: RestorePlan
        do {
            plan = try await makePlan()
        } catch {
            throw logged(error, refusing: "planning the restore")
        }
        logger.info("restore planned", metadata: [
            "generation": "\(plan.header.generation)", "accounts": "\(plan.entries.count)",
            "platform": "\(plan.header.platform.rawValue)",
        ])
        return plan
    }

    /// ``plan()``, without the logging.
    private mutating func makePlan() async throws(RestoreError) -> RestorePlan {
        guard step == .signedIn || step == .planned else { throw .outOfOrder(attempted: .planned, current: step) }
        let session = try checkSession()
        let location = try await confirmSession(session)
        let device = cloud.platform
        if let location {
            switch (location.kind, cloud.locationKind) {
            case let (.platformCloud(backup), .platformCloud(here)) where backup != here:
                throw .unavailable(.platformMismatch(backup: backup, device: here))
            case (.portable, .platformCloud), (.platformCloud, .portable):
                throw .unavailable(.backupElsewhere(location))
            case let (.portable(backup), .portable(here)) where backup != here:
                throw .unavailable(.backupElsewhere(location))
            default:
                break
            }
        }
        let identity = try await backupIdentity(for: session, recordedAt: location)

        let downloaded: CloudBackup
        do {
            downloaded = try await cloud.downloadLatestBackup(for: identity)
        } catch {
            throw Self.restoreError(for: error)
        }
        let backup: SealedBackup
        do {
            backup = try SealedBackup(bytes: downloaded.bytes)
        } catch {
            throw Self.restoreError(for: error)
        }
        try await refuseRollback(to: backup.header.generation, bytes: downloaded.bytes, identity: identity, session: session)
        let keyID = backup.header.keySlots.lazy.compactMap { slot -> String? in
            if case let .escrowKey(keyID) = slot { return keyID }
            return nil
        }.first
        guard let keyID else { throw .unavailable(.wrongRecoveryAccount) }
        let escrowKey: EscrowKey
        do {
            escrowKey = try await recoveryAccounts.escrowKey(for: session)
        } catch {
            throw markingStale(Self.restoreError(for: error))
        }
        guard EscrowKeyIdentifier(hex: keyID) == escrowKey.identifier else { throw .unavailable(.wrongRecoveryAccount) }
        let payload: BackupPayload
        do {
            payload = try backup.open(using: .escrowKey(escrowKey.key))
        } catch {
            throw Self.restoreError(for: error)
        }

        let existing = startingVault ?? Vault(platform: device)
        // The providers decide what may be minted at once; the backup can only ask for more.
        let asked = await providerDecisions(for: payload, session: session)
        let planned: RestorePlan
        do {
            planned = try RestorePlanner.plan(
                payload, header: backup.header, onto: existing, policy: policy, providerDecisions: asked.decisions)
        } catch {
            throw .unavailable(error)
        }
        var grants: [AccountID: EnrolmentGrant] = [:]
        let enrolling = Set(planned.entries.lazy.filter { $0.outcome == .restoredWithNewDeviceCredential }.map(\.accountID))
        for account in payload.accounts where enrolling.contains(account.id) {
            if let reference = Self.providerReference(of: account),
               let grant = asked.grants[reference] {
                grants[account.id] = grant
            }
        }
        enrolmentGrants = grants
        let plan = RestorePlan(
            entries: planned.entries, header: planned.header,
            vault: continuingChain(planned.vault, from: backup.header, identity: identity, session: session))
        currentPlan = plan
        step = .planned
        return plan
    }

    /// `vault` with the backup state that continues the restored chain, unless the device
    /// already backs up to another chain (merge policy), whose state is kept.
    func continuingChain(_ vault: Vault, from header: BackupHeader, identity: CloudIdentity, session: RecoverySession) -> Vault {
        let storedIdentity = BackupCoordinator.storedIdentity(identity, rule: cloud.identityRule)
        if let own = vault.backupState,
           !own.recoveryAccount.isSameAccount(as: session.userName) || own.cloudIdentity != storedIdentity {
            return vault
        }
        let state = BackupState(
            recoveryAccount: session.userName,
            cloudIdentity: storedIdentity,
            session: session,
            lastUploadedGeneration: header.generation,
            lastUploadDate: header.createdAt,
            // Under the refusing policy, on the backup's own platform, the vault holds exactly
            // what the backup holds; otherwise the next upload brings the cloud up to date.
            backedUpRevision: policy == .refuseIfNotEmpty && header.platform == cloud.platform ? vault.revision : nil,
            backupID: header.backupID
        )
        return Vault(accounts: vault.accounts, settings: vault.settings, revision: vault.revision, backupState: state)
    }

    /// The identity whose backup to read (``CloudBackupProvider/identityRule``): on `ios` the
    /// device's Apple ID, which must be the one the backup was recorded under; on `android` the
    /// recovery account; in a portable location the provider's own identity, which must be the
    /// recorded one (else the backup is in another folder:
    /// ``BackupUnavailableReason/backupElsewhere(_:)``).
    private func backupIdentity(
        for session: RecoverySession, recordedAt location: BackupLocation?
    ) async throws(RestoreError) -> CloudIdentity {
        switch cloud.identityRule {
        case .recoveryAccount:
            return location?.cloudIdentity ?? CloudIdentity(session.userName.rawValue)
        case .namedByApp:
            var deviceIdentity = cloudIdentity
            if deviceIdentity == nil {
                do {
                    deviceIdentity = try await cloud.signedInIdentity()
                } catch {
                    throw Self.restoreError(for: error)
                }
            }
            guard let deviceIdentity else { throw .unavailable(.notSignedIn) }
            if let location, location.cloudIdentity != deviceIdentity { throw .unavailable(.cloudIdentityMismatch) }
            return deviceIdentity
        case .provider:
            let signedIn: CloudIdentity?
            do {
                signedIn = try await cloud.signedInIdentity()
            } catch {
                throw Self.restoreError(for: error)
            }
            guard let signedIn else { throw .unavailable(.notSignedIn) }
            if let location, location.cloudIdentity != signedIn { throw .unavailable(.backupElsewhere(location)) }
            return signedIn
        }
    }

    /// The session, unless it has expired by the clock (then the session is marked stale).
    mutating func checkSession() throws(RestoreError) -> RecoverySession {
        guard let session else { throw .outOfOrder(attempted: .planned, current: step) }
        guard !session.isExpired(at: clock.now()) else {
            needsSignIn = true
            throw .unavailable(.backupStale)
        }
        return session
    }

    /// Asks the service whether `session` is still accepted, and where the backup lives.
    mutating func confirmSession(_ session: RecoverySession) async throws(RestoreError) -> BackupLocation? {
        do {
            return try await recoveryAccounts.backupLocation(for: session)
        } catch {
            throw markingStale(Self.restoreError(for: error))
        }
    }

    /// `error`, after noting that the session needs renewing when it says so.
    mutating func markingStale(_ error: RestoreError) -> RestoreError {
        if error == .unavailable(.backupStale) { needsSignIn = true }
        return error
    }

    /// The device's vault, or `nil`.
    func loadVault() async throws(RestoreError) -> Vault? {
        do {
            return try await store.load()
        } catch {
            throw .storeFailure(error.message)
        }
    }

    // MARK: Error mapping

    /// What a recovery-account error means for a restore.
    static func restoreError(for error: RecoveryAccountError) -> RestoreError {
        switch error {
        case .sessionExpired, .sessionRevoked: return .unavailable(.backupStale)
        case .unreachable: return .unavailable(.networkUnavailable)
        case .wrongCredentials: return .wrongCredentials
        case let .tooManyAttempts(retryAfter): return .tooManyAttempts(retryAfter: retryAfter)
        default: return .serviceFailure(error.message)
        }
    }

    /// What a cloud error means for a restore.
    static func restoreError(for error: CloudBackupError) -> RestoreError {
        switch error {
        case .unreachable, .busy: return .unavailable(.networkUnavailable)
        case .notSignedIn: return .unavailable(.notSignedIn)
        case .signedInAsAnotherIdentity: return .unavailable(.cloudIdentityMismatch)
        case .notFound: return .unavailable(.backupNotFound)
        default: return .serviceFailure(error.message)
        }
    }

    /// What a backup-format error means for a restore: a newer format, or damage. (An
    /// escrow key whose identifier matched but that does not open the slot means the slot
    /// was altered.)
    static func restoreError(for error: BackupFormatError) -> RestoreError {
        switch error {
        case let .unsupportedVersion(minimumReader): return .unavailable(.unsupportedVersion(minimumReader: Int(minimumReader)))
        case .noMatchingKeySlot: return .unavailable(.wrongRecoveryAccount)
        case .duplicateAccountIdentifier: return .unavailable(.duplicateAccountIdentifier)
        default: return .unavailable(.damaged)
        }
    }
}
