import Foundation

// Recognising this device's own upload after it was stopped before saving the outcome.
extension BackupCoordinator {
    /// Settles the upload `state` says a previous attempt started (`BackupState/uploadIntent`):
    /// when the cloud's latest backup is that generation with exactly those bytes (the digest
    /// matches), the cloud took it — the device adopts it as its last uploaded generation, and
    /// the change stays pending so the next upload follows it; otherwise the upload never
    /// landed (or another device's did) and the intent is dropped. Either way the intent is
    /// cleared and saved.
    ///
    /// - Returns: the vault as saved, or the refusal when the cloud could not be read.
    func settleUploadIntent(of state: BackupState) async -> Result<Vault?, UploadRefusal> {
        guard let intent = state.uploadIntent else { return .success(nil) }
        let downloaded: CloudBackup?
        do {
            downloaded = try await cloud.downloadLatestBackup(for: cloudIdentity(of: state))
        } catch {
            guard error == .notFound else { return .failure(.cloud(error)) }
            downloaded = nil
        }
        let landed = downloaded.map {
            $0.metadata.generation == intent.generation && intent.matches(backupBytes: $0.bytes)
        } ?? false
        do throws(BackupError) {
            let saved = try await saveState { current throws(AccountModelError) in
                guard var state = current.backupState, state.uploadIntent == intent else { return }
                if landed {
                    state.lastUploadedGeneration = max(state.lastUploadedGeneration ?? 0, intent.generation)
                    state.unverifiedGeneration = nil
                    state.lastFailure = nil
                }
                state.uploadIntent = nil
                try current.setBackupState(state)
            }
            if landed {
                logger.notice("adopted this device's own upload from before it stopped", metadata: [
                    "generation": "\(intent.generation)",
                ])
            }
            return .success(saved)
        } catch {
            return .failure(.store(error.failure ?? .storeFailure(error.message)))
        }
    }
}
