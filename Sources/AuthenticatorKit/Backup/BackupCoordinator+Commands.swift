import Foundation
import Logging

// Turning backup on and off, signing in again, deleting the cloud copy.
extension BackupCoordinator {
    func performEnable(
        credential: RecoveryCredential, cloudIdentity: CloudIdentity?
    ) async -> Result<BackupStatus, BackupError> {
        let platform = cloud.platform
        let rule = cloud.identityRule
        let identity: CloudIdentity
        do throws(BackupError) {
            let session: RecoverySession
            switch rule {
            case .namedByApp:
                guard let cloudIdentity else { throw .cloudIdentityRequired }
                identity = cloudIdentity
                try await requireSignedIn(as: identity)
                session = try await openSession(with: credential)
            case .recoveryAccount:
                // The backup lives under the recovery account: the one the session names.
                let asserted = credential.assertedUserName.map { CloudIdentity($0.rawValue) }
                if let asserted { try await requireSignedIn(as: asserted) }
                session = try await openSession(with: credential)
                identity = CloudIdentity(session.userName.rawValue)
                if identity != asserted { try await requireSignedIn(as: identity) }
            case .provider:
                // A portable location: the provider's own identity, whatever the app names.
                identity = try await providerIdentity()
                session = try await openSession(with: credential)
            }
            let userName = session.userName
            do throws(RecoveryAccountError) {
                _ = try await recoveryAccounts.escrowKey(for: session)
                try await recoveryAccounts.recordBackupLocation(
                    BackupLocation(kind: cloud.locationKind, cloudIdentity: identity), for: session)
            } catch {
                throw .failure(Self.failure(for: error))
            }
            let storedIdentity = Self.storedIdentity(identity, rule: rule)
            try await saveState(creatingVaultFor: platform) { vault throws(AccountModelError) in
                var state: BackupState
                // Turning backup on again continues the chain, unless the cloud lost it: the user
                // has been told, and turning backup on again is their consent to a new chain.
                if let existing = vault.backupState, existing.recoveryAccount.isSameAccount(as: userName),
                   existing.cloudIdentity == storedIdentity, existing.lastFailure?.recordedName != "backupMissing" {
                    state = existing
                } else {
                    state = BackupState(recoveryAccount: userName, cloudIdentity: storedIdentity)
                }
                state.session = session
                state.lastFailure = nil
                if !vault.settings.backupEnabled {
                    var settings = vault.settings
                    settings.backupEnabled = true
                    try vault.updateSettings(settings)
                }
                try vault.setBackupState(state)
            }
        } catch {
            log(refused: "enabling backup", error, credential: credential)
            return .failure(error)
        }
        logger.notice("backup turned on", metadata: [
            "platform": "\(platform.rawValue)", "location": "\(Self.kindName(cloud.locationKind))", "credential": "\(credential.kind.rawValue)",
        ])
        return .success(await performBackup())
    }

    func performDisable() async -> Result<BackupStatus, BackupError> {
        do throws(BackupError) {
            try await saveState { vault throws(AccountModelError) in
                guard var state = vault.backupState else { return }
                state.session = nil
                if vault.settings.backupEnabled {
                    var settings = vault.settings
                    settings.backupEnabled = false
                    try vault.updateSettings(settings)
                }
                try vault.setBackupState(state)
            }
        } catch {
            logger.log(level: error.failure?.logLevel ?? .warning, "turning backup off was refused", metadata: [
                "error": "\(error.caseName)",
            ])
            return .failure(error)
        }
        logger.notice("backup turned off")
        return .success(.off)
    }

    func performSignIn(credential: RecoveryCredential) async -> Result<BackupStatus, BackupError> {
        do throws(BackupError) {
            let vault = try await loadVault()
            guard let state = vault?.backupState, vault?.settings.backupEnabled == true else { throw .notEnabled }
            if let asserted = credential.assertedUserName, !state.recoveryAccount.isSameAccount(as: asserted) {
                throw .differentRecoveryAccount(expected: state.recoveryAccount)
            }
            let session = try await openSession(with: credential)
            // For an external token only the session says who signed in.
            guard state.recoveryAccount.isSameAccount(as: session.userName) else {
                throw .differentRecoveryAccount(expected: state.recoveryAccount)
            }
            try await saveState { vault throws(AccountModelError) in
                guard var state = vault.backupState else { return }
                state.session = session
                try vault.setBackupState(state)
            }
        } catch {
            log(refused: "signing in for backup", error, credential: credential)
            return .failure(error)
        }
        logger.notice("signed in for backup", metadata: ["credential": "\(credential.kind.rawValue)"])
        return .success(await performBackup())
    }

    func performDelete() async -> Result<Void, BackupError> {
        do throws(BackupError) {
            guard let state = try await loadVault()?.backupState else { throw .notEnabled }
            let identity = cloudIdentity(of: state)
            do throws(CloudBackupError) {
                // Compare-and-swap: delete only the generation this device last knew of.
                if let known = state.unverifiedGeneration ?? state.lastUploadedGeneration {
                    try await cloud.deleteBackup(generation: known, for: identity)
                } else {
                    let found = try await cloud.readLatestBackupHeader(for: identity, maximumLength: 0).metadata.generation
                    throw CloudBackupError.generationConflict(expected: nil, found: found)
                }
            } catch {
                if error == .notFound { throw .backupNotFound }
                throw .failure(Self.failure(for: error))
            }
            if let stored = state.session, !stored.isExpired(at: clock.now()) {
                // Best effort: a restore then reports "not found" rather than a location.
                try? await recoveryAccounts.recordBackupLocation(nil, for: stored)
            }
            try await saveState { vault throws(AccountModelError) in
                guard let old = vault.backupState else { return }
                if vault.settings.backupEnabled {
                    var settings = vault.settings
                    settings.backupEnabled = false
                    try vault.updateSettings(settings)
                }
                try vault.setBackupState(BackupState(recoveryAccount: old.recoveryAccount, cloudIdentity: old.cloudIdentity))
            }
        } catch {
            var metadata: Logger.Metadata = ["error": "\(error.caseName)"]
            if let failure = error.failure { metadata.merge(failure.logMetadata) { current, _ in current } }
            logger.log(level: error.failure?.logLevel ?? .warning, "deleting the cloud backup was refused", metadata: metadata)
            return .failure(error)
        }
        logger.notice("cloud backup deleted; backup turned off")
        return .success(())
    }

    // MARK: Helpers

    /// Signs in, mapping the service's errors.
    func openSession(with credential: RecoveryCredential) async throws(BackupError) -> RecoverySession {
        do {
            return try await recoveryAccounts.signIn(with: credential)
        } catch {
            if error == .wrongCredentials { throw .wrongCredentials }
            if case let .tooManyAttempts(retryAfter) = error { throw .tooManyAttempts(retryAfter: retryAfter) }
            throw .failure(Self.failure(for: error))
        }
    }

    /// The identity a portable provider is signed in as.
    func providerIdentity() async throws(BackupError) -> CloudIdentity {
        let signedIn: CloudIdentity?
        do {
            signedIn = try await cloud.signedInIdentity()
        } catch {
            throw .failure(Self.failure(for: error))
        }
        guard let signedIn else { throw .failure(.notSignedIn) }
        return signedIn
    }

    /// What `BackupState/cloudIdentity` holds for `identity`: `nil` when it is the recovery
    /// account (`CloudIdentityRule/recoveryAccount`), else the identity.
    static func storedIdentity(_ identity: CloudIdentity, rule: CloudIdentityRule) -> CloudIdentity? {
        rule == .recoveryAccount ? nil : identity
    }

    /// `ios`, `android` or the portable service's name, for the log.
    static func kindName(_ kind: BackupLocationKind) -> String {
        switch kind {
        case let .platformCloud(platform): return platform.rawValue
        case let .portable(service): return service
        }
    }

    /// Throws unless the device is signed in to its cloud as `identity`.
    func requireSignedIn(as identity: CloudIdentity) async throws(BackupError) {
        let signedIn: CloudIdentity?
        do {
            signedIn = try await cloud.signedInIdentity()
        } catch {
            throw .failure(Self.failure(for: error))
        }
        guard let signedIn else { throw .failure(.notSignedIn) }
        guard signedIn == identity else { throw .failure(.cloudIdentityMismatch) }
    }

    /// The stored vault, or `nil`.
    func loadVault() async throws(BackupError) -> Vault? {
        do {
            return try await store.load()
        } catch {
            throw .failure(.storeFailure(error.message))
        }
    }

    /// Loads the vault, applies `change`, and saves it over the revision loaded, starting
    /// again from the fresh vault when another writer saved in between. With
    /// `creatingVaultFor`, a missing vault is created empty for that platform; otherwise a
    /// missing vault leaves nothing to change. A `change` that leaves the revision as it was
    /// saves nothing.
    @discardableResult
    func saveState(
        creatingVaultFor platform: Platform? = nil, _ change: (inout Vault) throws(AccountModelError) -> Void
    ) async throws(BackupError) -> Vault? {
        var attempt = 0
        while true {
            attempt += 1
            do throws(AccountModelError) {
                let loaded = try await store.load()
                guard var vault = loaded ?? platform.map({ Vault(platform: $0) }) else { return nil }
                let before = vault.revision
                try change(&vault)
                guard vault.revision != before || loaded == nil else { return vault }
                try await store.save(vault, replacingRevision: loaded?.revision)
                return vault
            } catch {
                if case .revisionConflict = error, attempt < 5 { continue }
                throw .failure(.storeFailure(error.message))
            }
        }
    }

    /// Where `state`'s backup lives in the cloud (`BackupState/backupIdentity`).
    func cloudIdentity(of state: BackupState) -> CloudIdentity {
        state.backupIdentity
    }

    /// The failure a recovery-account error means (session errors are handled by callers).
    static func failure(for error: RecoveryAccountError) -> BackupFailure {
        switch error {
        case .unreachable: return .networkUnavailable
        default: return .serviceFailure(error.message)
        }
    }

    /// The failure a cloud error means.
    static func failure(for error: CloudBackupError) -> BackupFailure {
        switch error {
        case .unreachable, .busy: return .networkUnavailable
        case .notSignedIn: return .notSignedIn
        case .signedInAsAnotherIdentity: return .cloudIdentityMismatch
        case let .generationConflict(expected, found): return .generationConflict(local: expected, cloud: found)
        default: return .cloudFailure(error.message)
        }
    }
}
