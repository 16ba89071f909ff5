import AuthenticatorKitEmbedded
import Foundation
import AuthenticatorKit

/// A `CloudBackupProvider` in memory, for tests of apps and coordinators: a cloud you can
/// take offline, sign out of, sign in to as someone else, make fail once, or damage.
///
/// ``anotherDevice(platform:signedInAs:)`` gives a provider for a second device over the same
/// stored backups, with its own sign-in and reachability, so a test can have two devices race
/// for one backup. Like `DirectoryCloudProvider`, backups are kept per platform and identity.
public final class InMemoryCloudProvider: CloudBackupProvider, @unchecked Sendable {
    /// Operations whose next call a test can make fail with ``failNext(_:with:)``.
    public enum Operation: Sendable, Hashable, CaseIterable {
        /// ``InMemoryCloudProvider/signedInIdentity()``.
        case signedInIdentity
        /// ``InMemoryCloudProvider/readLatestBackupHeader(for:maximumLength:)``.
        case readHeader
        /// ``InMemoryCloudProvider/downloadLatestBackup(for:)``.
        case download
        /// ``InMemoryCloudProvider/uploadBackup(_:generation:replacing:for:)``.
        case upload
        /// ``InMemoryCloudProvider/deleteBackup(generation:for:)``.
        case delete
    }

    /// The platform whose cloud this provider plays.
    public let platform: Platform
    /// The largest backup accepted, in bytes.
    public let maximumBackupSize: Int

    private let cloud: SharedCloud
    private let clock: any TimeSource
    private let lock = Lock()
    private var identity: CloudIdentity?
    private var reachable = true
    private var scriptedFailures: [Operation: CloudBackupError] = [:]

    /// An empty cloud for a device of `platform` signed in as `signedInIdentity` (`nil`: not
    /// signed in). `clock` dates the uploads.
    public convenience init(
        platform: Platform,
        signedInIdentity: CloudIdentity?,
        clock: any TimeSource = SystemTimeSource(),
        maximumBackupSize: Int = DirectoryCloudProvider.defaultMaximumBackupSize
    ) {
        self.init(
            cloud: SharedCloud(), platform: platform, signedInIdentity: signedInIdentity, clock: clock,
            maximumBackupSize: maximumBackupSize)
    }

    private init(
        cloud: SharedCloud, platform: Platform, signedInIdentity: CloudIdentity?, clock: any TimeSource,
        maximumBackupSize: Int
    ) {
        self.cloud = cloud
        self.platform = platform
        self.identity = signedInIdentity
        self.clock = clock
        self.maximumBackupSize = maximumBackupSize
    }

    // MARK: Scripting

    /// A provider for another device using the same stored backups — on `platform` (this
    /// provider's when `nil`), signed in as `identity`, reachable, with no scripted failures.
    public func anotherDevice(platform: Platform? = nil, signedInAs identity: CloudIdentity?) -> InMemoryCloudProvider {
        InMemoryCloudProvider(
            cloud: cloud, platform: platform ?? self.platform, signedInIdentity: identity, clock: clock,
            maximumBackupSize: maximumBackupSize)
    }

    /// Takes this device offline (`false`: every operation but ``signedInIdentity()`` throws
    /// `CloudBackupError/unreachable`) or back online.
    public func setReachable(_ reachable: Bool) {
        lock.withLock { self.reachable = reachable }
    }

    /// Signs this device in as `identity`, or out with `nil`.
    public func setSignedInIdentity(_ identity: CloudIdentity?) {
        lock.withLock { self.identity = identity }
    }

    /// Makes the next call of `operation` throw `error` without doing anything.
    public func failNext(_ operation: Operation, with error: CloudBackupError) {
        lock.withLock { scriptedFailures[operation] = error }
    }

    /// The backup stored for `identity` on `platform` (this provider's when `nil`), read
    /// directly — no sign-in, reachability or scripted failure involved — so a test can check
    /// that nothing was overwritten.
    public func storedBackup(platform: Platform? = nil, for identity: CloudIdentity) -> CloudBackup? {
        cloud.backup(at: Slot(platform: platform ?? self.platform, identity: identity))
    }

    /// Replaces the stored bytes of `identity`'s backup with `transform(bytes)`, keeping its
    /// metadata except the size — a cloud that damaged the file. Returns whether there was a
    /// backup to damage.
    @discardableResult
    public func tamperWithStoredBackup(
        for identity: CloudIdentity, _ transform: @Sendable ([UInt8]) -> [UInt8]
    ) -> Bool {
        cloud.update(at: Slot(platform: platform, identity: identity)) { backup in
            guard var changed = backup else { return false }
            changed.bytes = transform(changed.bytes)
            changed.metadata.byteCount = changed.bytes.count
            backup = changed
            return true
        }
    }

    // MARK: CloudBackupProvider

    /// The identity set at creation or by ``setSignedInIdentity(_:)``; works offline.
    public func signedInIdentity() async throws(CloudBackupError) -> CloudIdentity? {
        let outcome = lock.withLock { () -> Result<CloudIdentity?, CloudBackupError> in
            if let failure = scriptedFailures.removeValue(forKey: .signedInIdentity) { return .failure(failure) }
            return .success(identity)
        }
        return try outcome.get()
    }

    /// The stored backup's metadata and first `maximumLength` bytes.
    public func readLatestBackupHeader(
        for identity: CloudIdentity, maximumLength: Int
    ) async throws(CloudBackupError) -> CloudBackupHeader {
        let slot = try admit(.readHeader, for: identity)
        guard let backup = cloud.backup(at: slot) else { throw .notFound }
        let length = min(max(0, maximumLength), backup.bytes.count)
        return CloudBackupHeader(metadata: backup.metadata, leadingBytes: Array(backup.bytes.prefix(length)))
    }

    /// The stored backup.
    public func downloadLatestBackup(for identity: CloudIdentity) async throws(CloudBackupError) -> CloudBackup {
        let slot = try admit(.download, for: identity)
        guard let backup = cloud.backup(at: slot) else { throw .notFound }
        return backup
    }

    /// Compares and stores in one step under the shared cloud's lock.
    public func uploadBackup(
        _ bytes: [UInt8], generation: UInt64, replacing expectedGeneration: UInt64?, for identity: CloudIdentity
    ) async throws(CloudBackupError) -> CloudBackupMetadata {
        let slot = try admit(.upload, for: identity)
        guard bytes.count <= maximumBackupSize else {
            throw .tooLarge(byteCount: bytes.count, limit: maximumBackupSize)
        }
        let metadata = CloudBackupMetadata(
            generation: generation, byteCount: bytes.count,
            modified: Date(timeIntervalSince1970: (clock.now().timeIntervalSince1970 * 1000).rounded(.down) / 1000))
        return try cloud.update(at: slot) { (stored: inout CloudBackup?) throws(CloudBackupError) in
            let found = stored?.metadata.generation
            guard found == expectedGeneration else {
                throw .generationConflict(expected: expectedGeneration, found: found)
            }
            if let current = found, generation <= current {
                throw .generationMustIncrease(current: current, proposed: generation)
            }
            stored = CloudBackup(metadata: metadata, bytes: bytes)
            return metadata
        }
    }

    /// Removes the stored backup if it is still `generation`, compared and removed in one step
    /// under the shared cloud's lock.
    public func deleteBackup(generation: UInt64, for identity: CloudIdentity) async throws(CloudBackupError) {
        let slot = try admit(.delete, for: identity)
        try cloud.update(at: slot) { (stored: inout CloudBackup?) throws(CloudBackupError) in
            guard let found = stored?.metadata.generation else { throw .notFound }
            guard found == generation else { throw .generationConflict(expected: generation, found: found) }
            stored = nil
        }
    }

    /// Applies a scripted failure, the sign-in check and reachability, in that order.
    private func admit(_ operation: Operation, for expected: CloudIdentity) throws(CloudBackupError) -> Slot {
        let outcome = lock.withLock { () -> Result<Slot, CloudBackupError> in
            if let failure = scriptedFailures.removeValue(forKey: operation) { return .failure(failure) }
            guard let actual = identity else { return .failure(.notSignedIn) }
            guard actual == expected else {
                return .failure(.signedInAsAnotherIdentity(expected: expected, actual: actual))
            }
            guard reachable else { return .failure(.unreachable) }
            return .success(Slot(platform: platform, identity: expected))
        }
        return try outcome.get()
    }
}

/// Where one backup is kept in the shared cloud.
private struct Slot: Hashable {
    let platform: Platform
    let identity: CloudIdentity
}

/// The backups shared by every device of one in-memory cloud.
private final class SharedCloud: @unchecked Sendable {
    private let lock = Lock()
    private var backups: [Slot: CloudBackup] = [:]

    func backup(at slot: Slot) -> CloudBackup? {
        lock.withLock { backups[slot] }
    }

    func update<Result, Failure: Error>(
        at slot: Slot, _ body: (inout CloudBackup?) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        let outcome = lock.withLock { () -> Swift.Result<Result, Failure> in
            Swift.Result { () throws(Failure) -> Result in try body(&backups[slot]) }
        }
        return try outcome.get()
    }
}
