import Foundation
import BackupServices
import SodiumBridge
import SodiumBridge

/// A backup in a claimed state of the chain.
struct StoredBackup: Sendable {
    var metadata: CloudBackupMetadata
    var url: URL
}

/// What a complete state of the chain holds.
enum SlotContent: Sendable {
    case backup(StoredBackup)
    case deleted
}

/// The folder as one listing saw it: the states of the chain (`s<k>/`), the latest complete
/// one, and the temporary uploads.
struct ChainState: Sendable {
    var folderExists: Bool
    var slots: [UInt64: ListedResource] = [:]
    var temporaries: [ListedResource] = []
    var latest: (index: UInt64, content: SlotContent)?
    var serverDate: Date?
    var abandonedClaimAge: TimeInterval
    /// When (on this device's monotonic clock) the listing was asked for.
    var readAt: ContinuousClock.Instant

    /// The generation of the latest backup; `nil` when there is none (never made, or deleted).
    var currentGeneration: UInt64? {
        guard case let .backup(backup)? = latest?.content else { return nil }
        return backup.metadata.generation
    }

    /// Whether `resource` was last changed longer than ``abandonedClaimAge`` ago, by the
    /// server's own clock (its `Date` header against the listed `getlastmodified`).
    func isAbandoned(_ resource: ListedResource) -> Bool {
        guard let modified = resource.lastModified, let now = serverDate else { return false }
        return now.timeIntervalSince(modified) > abandonedClaimAge
    }

    /// The state to claim next: the one after the latest, past unfinished claims abandoned
    /// long ago (a device that died between its MKCOL and its MOVE).
    var nextIndex: UInt64 {
        var index = (latest?.index ?? 0) + 1
        while let slot = slots[index], isAbandoned(slot) { index += 1 }
        return index
    }

}

/// The states this provider created with MKCOL but could not fill because its MOVE failed
/// (the connection broke): one later upload through this provider may move into such a state
/// instead of creating it again, for a while. Each entry is taken by one upload only, so
/// concurrent uploads through one provider never share a claim.
final class ClaimRegistry: @unchecked Sendable {
    private let lock = Lock()
    private var interrupted: [String: ContinuousClock.Instant] = [:]

    /// Records that this provider's MKCOL created `slot` and its MOVE failed.
    func recordInterrupted(_ slot: URL) {
        lock.withLock { interrupted[slot.absoluteString] = ContinuousClock.now }
    }

    /// Takes `slot` if this provider recorded it less than `age` seconds ago; `true` then.
    func take(_ slot: URL, within age: TimeInterval) -> Bool {
        lock.withLock {
            guard let when = interrupted.removeValue(forKey: slot.absoluteString) else { return false }
            return when.duration(to: .now) < .seconds(age)
        }
    }
}

/// What a claim puts in place.
enum ClaimContent {
    case backup([UInt8], generation: UInt64)
    case deletion
}

// Reading the chain, claiming its next state, pruning old ones.
extension WebDAVCloudProvider {
    static let maximumSlotsExamined = 32
    static let readAttempts = 4

    func slotURL(_ index: UInt64) -> URL {
        FolderLayout.url(configuration.folder, [FolderLayout.slotName(index)], lastIsFolder: true)
    }

    func claimURL(_ index: UInt64) -> URL {
        FolderLayout.url(configuration.folder, [FolderLayout.slotName(index), FolderLayout.claimName], lastIsFolder: true)
    }

    /// The chain as the server has it now. A state that vanishes while it is read (pruned by
    /// another device) makes the whole read start again.
    func readChain() async throws(CloudBackupError) -> ChainState {
        for _ in 0..<Self.readAttempts {
            if let chain = try await readChainOnce() { return chain }
        }
        throw .storageFailure(reason: "the backup folder \(configuration.folder.path) kept changing while it was read")
    }

    private func readChainOnce() async throws(CloudBackupError) -> ChainState? {
        let readAt = ContinuousClock.now
        guard let listing = try await list(configuration.folder) else {
            return ChainState(folderExists: false, abandonedClaimAge: configuration.abandonedClaimAge, readAt: readAt)
        }
        var chain = ChainState(
            folderExists: true, serverDate: listing.serverDate,
            abandonedClaimAge: configuration.abandonedClaimAge, readAt: readAt)
        for child in listing.children where child.isCollection {
            if let index = FolderLayout.slotIndex(child.name) {
                chain.slots[index] = child
            } else if FolderLayout.isTemporary(child.name) {
                chain.temporaries.append(child)
            }
        }
        // The latest state is the highest complete one; unfinished claims above it are skipped.
        let indices = chain.slots.keys.sorted(by: >)
        for (position, index) in indices.enumerated() {
            guard position < Self.maximumSlotsExamined else {
                // Never guess "no backup" past unread states.
                throw .storageFailure(reason: "the backup folder \(configuration.folder.path) holds more than "
                    + "\(Self.maximumSlotsExamined) unfinished uploads")
            }
            switch try await content(ofSlot: index) {
            case let .complete(content):
                chain.latest = (index, content)
                return chain
            case .unfinished:
                continue
            case .vanished:
                return nil
            }
        }
        return chain
    }

    enum SlotReading { case complete(SlotContent), unfinished, vanished }

    /// What state `index` holds: its claim folder's backup, "deleted" (a claim with no
    /// backup), unfinished (a slot without a claim), or vanished (no slot any more).
    func content(ofSlot index: UInt64) async throws(CloudBackupError) -> SlotReading {
        let claim = claimURL(index)
        guard let listing = try await list(claim) else {
            return try await list(slotURL(index)) == nil ? .vanished : .unfinished
        }
        let backups = listing.children.compactMap { child -> (UInt64, ListedResource)? in
            guard !child.isCollection, let generation = FolderLayout.backupGeneration(child.name) else { return nil }
            return (generation, child)
        }
        guard let (generation, file) = backups.max(by: { $0.0 < $1.0 }) else { return .complete(.deleted) }
        guard let byteCount = file.contentLength, byteCount >= 0 else {
            throw .storageFailure(reason: "the WebDAV server does not list the size of \(file.path)")
        }
        let metadata = CloudBackupMetadata(
            generation: generation, byteCount: byteCount, modified: file.lastModified ?? Date(timeIntervalSince1970: 0))
        let url = FolderLayout.url(claim, [FolderLayout.backupName(generation)], lastIsFolder: false)
        return .complete(.backup(StoredBackup(metadata: metadata, url: url)))
    }

    /// The backup in state `index`, if it holds one.
    func storedBackup(inSlot index: UInt64) async throws(CloudBackupError) -> StoredBackup? {
        guard case let .complete(.backup(backup)) = try await content(ofSlot: index) else { return nil }
        return backup
    }

    /// Runs `body` on the latest backup; `body` answers `nil` when the file vanished (pruned
    /// after newer uploads), and the chain is read again.
    func readingLatest<Result>(
        _ body: (StoredBackup) async throws(CloudBackupError) -> Result?
    ) async throws(CloudBackupError) -> Result {
        for _ in 0..<Self.readAttempts {
            let chain = try await readChain()
            guard case let .backup(backup)? = chain.latest?.content else { throw .notFound }
            if let result = try await body(backup) { return result }
        }
        throw .storageFailure(reason: "the backup in \(configuration.folder.path) kept being replaced while it was read")
    }

    /// Uploads what the claim will move into place, into a new `tmp-<uuid>/` folder (creating
    /// the backup folder first when it is missing). Nothing a reader looks at changes.
    func prepare(_ content: ClaimContent, in chain: ChainState) async throws(CloudBackupError) -> URL {
        if !chain.folderExists { _ = try await makeFolder(configuration.folder) }
        let temporary = FolderLayout.url(configuration.folder, [FolderLayout.newTemporaryName()], lastIsFolder: true)
        guard try await makeFolder(temporary) else {
            throw .storageFailure(reason: "a new temporary folder already exists on the WebDAV server")
        }
        if case let .backup(bytes, generation) = content {
            do {
                try await put(bytes, to: FolderLayout.url(temporary, [FolderLayout.backupName(generation)], lastIsFolder: false))
            } catch {
                await discard(temporary)
                throw error
            }
        }
        return temporary
    }

    /// Claims the next state of the chain for the prepared `temporary` folder: this device
    /// wins only if its `MKCOL s<k>/` created the state's folder **and** its
    /// `MOVE tmp-<uuid>/ → s<k>/c/` with `Overwrite: F` put the claim in place. A loser removes
    /// only its own temporary folder and reports the generation that won.
    /// - Returns: the claimed index.
    func claim(
        _ temporary: URL, after readChain: ChainState, expected: UInt64?
    ) async throws(CloudBackupError) -> UInt64 {
        var chain = readChain
        // A claim must follow its read closely (see abandonedClaimAge); a slow upload reads again.
        if chain.readAt.duration(to: .now) > .seconds(configuration.abandonedClaimAge / 4) {
            do {
                chain = try await self.readChain()
            } catch {
                await discard(temporary)
                throw error
            }
            guard chain.currentGeneration == expected else {
                await discard(temporary)
                throw .generationConflict(expected: expected, found: chain.currentGeneration)
            }
        }
        let index = chain.nextIndex
        let slot = slotURL(index)
        if !claims.take(slot, within: configuration.abandonedClaimAge / 4) {
            let created: Bool
            do {
                created = try await makeFolder(slot)
            } catch {
                await discard(temporary)
                throw error
            }
            guard created else {
                await discard(temporary)
                throw await lostRace(expected: expected)
            }
        }
        let outcome: MoveOutcome
        do {
            outcome = try await moveWithoutOverwriting(temporary, to: claimURL(index))
        } catch {
            // The MOVE may or may not have happened: a retry may move into this state.
            claims.recordInterrupted(slot)
            await discard(temporary)
            throw error
        }
        switch outcome {
        case .moved:
            return index
        case .destinationTaken:
            await discard(temporary)
            throw await lostRace(expected: expected)
        case .sourceMissing:
            claims.recordInterrupted(slot)
            throw .storageFailure(reason: "the prepared upload vanished from the WebDAV server before it was moved into place")
        }
    }

    /// The conflict to report after losing a claim: the winner's generation, read again
    /// (bounded) until its MOVE has landed.
    func lostRace(expected: UInt64?) async -> CloudBackupError {
        for attempt in 0..<Self.lostRaceReads {
            do {
                let chain = try await readChain()
                if chain.currentGeneration != expected {
                    return .generationConflict(expected: expected, found: chain.currentGeneration)
                }
            } catch {
                return error
            }
            try? await Task.sleep(for: .milliseconds(5 << attempt))
        }
        return .storageFailure(reason: "another device has claimed the next backup in \(configuration.folder.path) "
            + "but not finished it; try again later (an unfinished claim is skipped after "
            + "\(Int(configuration.abandonedClaimAge)) seconds)")
    }

    static let lostRaceReads = 10

    /// Best-effort removal of this device's own temporary folder.
    func discard(_ temporary: URL) async {
        _ = try? await delete(temporary)
    }

    /// Best-effort pruning after a successful claim; readers never depend on it.
    ///
    /// `floor` is the state that stays with the new one: on upload the replaced state (so the
    /// new backup and the one before it remain), on deletion the new "deleted" state. States
    /// below it lose their backup files now — all of them on deletion, the last
    /// ``prunedWindow`` on upload (older ones were emptied by earlier uploads) — but keep their
    /// folders, so that a device that read the chain long ago cannot claim those names again.
    /// Their folders go once the `floor` state itself is older than `abandonedClaimAge`: any
    /// device that could still aim at them read the chain before that and is past its time.
    /// Temporary folders that old go too (never this device's own: it has moved or removed it).
    func prune(below floor: UInt64, removingAllData: Bool, chain: ChainState) async {
        let floorIsOld = chain.slots[floor].map(chain.isAbandoned) ?? false
        for index in chain.slots.keys.sorted() where index < floor {
            if floorIsOld {
                _ = try? await delete(slotURL(index))
            } else if removingAllData || index + Self.prunedWindow >= floor {
                await removeBackupFiles(inSlot: index)
            }
        }
        for temporary in chain.temporaries where chain.isAbandoned(temporary) {
            _ = try? await delete(FolderLayout.url(configuration.folder, [temporary.name], lastIsFolder: true))
        }
    }

    /// States just below the floor whose files are removed on each upload (older ones were
    /// emptied by earlier uploads).
    static let prunedWindow: UInt64 = 2

    /// Removes the backup files of state `index`, keeping its folders.
    func removeBackupFiles(inSlot index: UInt64) async {
        let claim = claimURL(index)
        guard let listing = try? await list(claim) else { return }
        for child in listing.children where !child.isCollection {
            _ = try? await delete(FolderLayout.url(claim, [child.name], lastIsFolder: false))
        }
    }
}
