import Foundation

// One backup attempt: seal, upload with compare-and-swap, verify, record.
extension BackupCoordinator {
    /// The status `vault` shows, without network access.
    func status(of vault: Vault?) -> BackupStatus {
        guard let vault, let state = vault.backupState, vault.settings.backupEnabled else { return .off }
        guard let session = state.session, !session.isExpired(at: clock.now()) else { return .needsSignIn }
        if let failure = state.lastFailure { return .failed(failure) }
        if Self.isUpToDate(vault, state), let generation = state.lastUploadedGeneration {
            return .upToDate(generation: generation, date: state.lastUploadDate ?? Date(timeIntervalSince1970: 0))
        }
        return .pending
    }

    /// Whether the cloud holds `vault`'s contents, verified.
    static func isUpToDate(_ vault: Vault, _ state: BackupState) -> Bool {
        state.lastUploadedGeneration != nil && state.backedUpRevision == vault.revision
            && state.lastFailure == nil && state.unverifiedGeneration == nil
    }

    func performBackup() async -> BackupStatus {
        let vault: Vault?
        do {
            vault = try await store.load()
        } catch {
            let failure = BackupFailure.storeFailure(error.message)
            log(failed: failure)
            return .failed(failure)
        }
        guard var vault, var state = vault.backupState, vault.settings.backupEnabled else { return .off }
        guard let stored = state.session, !stored.isExpired(at: clock.now()) else {
            logger.debug("backup skipped: needs sign-in")
            return .needsSignIn
        }
        if Self.isUpToDate(vault, state) { return status(of: vault) }
        if state.uploadIntent != nil {
            // A previous attempt stopped before it saw its upload through: settle it first.
            switch await settleUploadIntent(of: state) {
            case let .success(settled):
                guard let settled, let settledState = settled.backupState else { return .off }
                (vault, state) = (settled, settledState)
            case let .failure(refusal):
                return await recordFailure(refusal.failure)
            }
        }

        // Never an empty or partial backup.
        if vault.accounts.isEmpty {
            if state.lastUploadedGeneration == nil, state.unverifiedGeneration == nil { return .pending }
            return await recordFailure(.emptyVault)
        }
        // Every account within the format's limits, in order; the others (only an earlier
        // version let them in) are left out and reported: `accountsLeftOut()`, the log.
        let payload = BackupPayload(vault: vault)
        logAccountsLeftOut(of: vault)

        let session = stored
        let escrowKey: EscrowKey
        do {
            escrowKey = try await recoveryAccounts.escrowKey(for: session)
        } catch {
            switch error {
            case .sessionExpired, .sessionRevoked: return await recordSessionEnded()
            default: return await recordFailure(Self.failure(for: error))
            }
        }

        let identity = cloudIdentity(of: state)
        let location = BackupLocation(kind: cloud.locationKind, cloudIdentity: identity)
        let expected = state.unverifiedGeneration ?? state.lastUploadedGeneration
        var generation = max(expected ?? 0, state.lastUploadedGeneration ?? 0) + 1
        if expected == nil {
            // A new chain starts above the service's record, which only moves forward.
            switch await recordedGeneration(at: location, for: session) {
            case let .success(recorded): generation = max(generation, (recorded ?? 0) + 1)
            case let .failure(refusal): return refusal.status
            }
        }
        let metadata = BackupMetadata(
            generation: generation, platform: cloud.platform, appVersion: appVersion, backupID: state.backupID)
        let sealed: [UInt8]
        do throws(BackupFormatError) {
            sealed = try BackupSealer(random: RandomSourceBox(base: random), clock: TimeSourceBox(base: clock)).seal(
                payload, metadata: metadata,
                keySlots: [.escrowKey(escrowKey.key, keyID: escrowKey.identifier.hex)])
        } catch {
            return await recordFailure(.sealingFailed(error.message))
        }

        // Remembered before uploading, so that a device stopped after the cloud took the upload
        // recognises it as its own (`settleUploadIntent(of:)`).
        // Saving the intent moves the revision on; the sealed contents are those of the saved
        // revision unless the app saved a change in between.
        var sealedRevision = vault.revision
        do throws(BackupError) {
            let loadedRevision = vault.revision
            try await saveState { current throws(AccountModelError) in
                guard var state = current.backupState else { return }
                let unchanged = current.revision == loadedRevision
                state.uploadIntent = BackupFingerprint(generation: generation, backupBytes: sealed)
                try current.setBackupState(state)
                sealedRevision = unchanged ? current.revision : loadedRevision
            }
        } catch {
            let failure = error.failure ?? .storeFailure(error.message)
            log(failed: failure)
            return .failed(failure)
        }

        do throws(UploadRefusal) {
            try await upload(sealed, generation: generation, replacing: expected, for: identity)
        } catch {
            if case let .cloud(.generationConflict(_, found?)) = error, state.unverifiedGeneration == nil,
               let verified = state.lastUploadedGeneration, found < verified {
                // Generations only grow: the cloud went back to an earlier backup.
                return await recordFailure(.backupRolledBack(found: found, recorded: verified))
            }
            return await recordFailure(error.failure)
        }

        guard await verify(sealed, generation: generation, backupID: state.backupID, payload: payload,
                           escrowKey: escrowKey, identity: identity)
        else {
            return await recordFailure(.verificationFailed, unverifiedGeneration: generation)
        }

        try? await recoveryAccounts.recordBackupLocation(location, for: session)
        if let refused = await recordVerified(sealed, generation: generation, at: location, for: session) {
            return refused
        }
        let now = clock.now()
        do throws(BackupError) {
            let saved = try await saveState { current throws(AccountModelError) in
                guard var state = current.backupState else { return }
                state.lastUploadedGeneration = generation
                state.lastUploadDate = now
                state.backedUpRevision = sealedRevision
                state.unverifiedGeneration = nil
                state.uploadIntent = nil
                state.lastFailure = nil
                state.lastVerified = now
                state.failingSince = nil
                try current.setBackupState(state)
            }
            logger.info("backup uploaded and verified", metadata: [
                "generation": "\(generation)", "accounts": "\(payload.accounts.count)",
            ])
            return status(of: saved)
        } catch {
            let failure = error.failure ?? .storeFailure(error.message)
            log(failed: failure)
            return .failed(failure)
        }
    }

    /// Uploads with compare-and-swap on `expected`. When the cloud holds no backup at all
    /// although one was expected (deleted from the cloud's storage settings, or by another
    /// device), nothing is uploaded: ``BackupFailure/backupMissing(generation:)`` says so, and an
    /// older view of the vault never silently takes the lost backup's place.
    func upload(
        _ sealed: [UInt8], generation: UInt64, replacing expected: UInt64?, for identity: CloudIdentity
    ) async throws(UploadRefusal) {
        do {
            _ = try await cloud.uploadBackup(sealed, generation: generation, replacing: expected, for: identity)
        } catch {
            if case .generationConflict(_, nil) = error, let expected { throw .missing(generation: expected) }
            throw .cloud(error)
        }
    }

    /// Why an upload did not happen.
    enum UploadRefusal: Error {
        case cloud(CloudBackupError)
        case missing(generation: UInt64)
        case store(BackupFailure)

        var failure: BackupFailure {
            switch self {
            case let .cloud(error): return BackupCoordinator.failure(for: error)
            case let .missing(generation): return .backupMissing(generation: generation)
            case let .store(failure): return failure
            }
        }
    }

    /// Reads the backup back and checks it is exactly what was sealed: same bytes, same
    /// generation and chain, and it opens with the escrow key to the same payload.
    private func verify(
        _ sealed: [UInt8], generation: UInt64, backupID: UUID, payload: BackupPayload, escrowKey: EscrowKey,
        identity: CloudIdentity
    ) async -> Bool {
        guard let downloaded = try? await cloud.downloadLatestBackup(for: identity),
              downloaded.metadata.generation == generation,
              let backup = try? SealedBackup(bytes: downloaded.bytes),
              backup.header.generation == generation, backup.header.backupID == backupID,
              let opened = try? backup.open(using: .escrowKey(escrowKey.key))
        else { return false }
        return opened == payload && ConstantTime.equals(downloaded.bytes, sealed)
    }

    /// Saves `failure` in the backup state and returns the status that shows it.
    func recordFailure(_ failure: BackupFailure, unverifiedGeneration: UInt64? = nil) async -> BackupStatus {
        log(failed: failure)
        let now = clock.now()
        _ = try? await saveState { vault throws(AccountModelError) in
            guard var state = vault.backupState else { return }
            state.lastFailure = failure
            if state.failingSince == nil { state.failingSince = now }
            if let unverifiedGeneration { state.unverifiedGeneration = unverifiedGeneration }
            try vault.setBackupState(state)
        }
        return .failed(failure)
    }

    /// Forgets a session the service no longer accepts: the backup is stale until sign-in.
    func recordSessionEnded() async -> BackupStatus {
        logger.warning("backup needs sign-in: the recovery-account service ended the session")
        _ = try? await saveState { vault throws(AccountModelError) in
            guard var state = vault.backupState else { return }
            state.session = nil
            try vault.setBackupState(state)
        }
        return .needsSignIn
    }
}

extension BackupError {
    /// The backup failure this error carries, if any.
    var failure: BackupFailure? {
        if case let .failure(failure) = self { return failure }
        return nil
    }
}
