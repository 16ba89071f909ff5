import Foundation
import BackupServices
import SodiumBridge

/// A `CloudBackupProvider` that keeps the backup in a folder of any WebDAV server
/// (RFC 4918): Nextcloud, ownCloud, a NAS, Apache `mod_dav`, `rclone serve webdav`.
///
/// One provider serves one folder with one user: ``signedInIdentity()`` is always
/// ``WebDAVConfiguration/identity`` (`user@host/path`) and is answered without the network;
/// whether the password is right shows on the first request (HTTP 401 is
/// `CloudBackupError.notSignedIn`: wrong WebDAV credentials).
///
/// The compare-and-swap of ``uploadBackup(_:generation:replacing:for:)`` does not use ETags
/// (weak or missing on real servers) or any single "create if absent" request (none is
/// exclusive on every server); it claims each new state of the backup with both an `MKCOL`
/// and a `MOVE … Overwrite: F` — see <doc:CompareAndSwap> for the layout, the proof sketch and
/// the server behaviours it relies on.
///
/// Errors: 401 → `CloudBackupError.notSignedIn`; 403 → `CloudBackupError.storageFailure(reason:)`
/// naming the folder (another user's storage, or read-only); 404 → `CloudBackupError.notFound`;
/// a lost race → `CloudBackupError.generationConflict(expected:found:)`; 413 →
/// `CloudBackupError.tooLarge(byteCount:limit:)`; 507 → `CloudBackupError.quotaExceeded`;
/// connection refused, name not found, timeouts and 5xx → `CloudBackupError.unreachable`.
/// Every request has a deadline and every response a size limit (``WebDAVConfiguration``).
public struct WebDAVCloudProvider: CloudBackupProvider, CustomStringConvertible {
    /// The folder, the user and the limits.
    public let configuration: WebDAVConfiguration

    let client: HTTPClient
    let claims: ClaimRegistry

    /// A provider for `configuration`'s folder. Nothing is sent until the first operation.
    /// - Throws: ``WebDAVConfigurationError/invalidLimit`` when a timeout or limit is out of range.
    public init(configuration: WebDAVConfiguration) throws(WebDAVConfigurationError) {
        try configuration.checkLimits()
        self.configuration = configuration
        self.client = HTTPClient(
            idleTimeout: max(configuration.requestTimeout, configuration.transferTimeout),
            resourceTimeout: max(configuration.requestTimeout, configuration.transferTimeout))
        self.claims = ClaimRegistry()
    }

    /// The platform the provider reports to the SDK — see `contractPlatform(devicePlatform:)`.
    public var platform: Platform { Self.contractPlatform(devicePlatform: configuration.devicePlatform) }

    /// `WebDAVCloudProvider(<folder> as <user>)`; never the password.
    public var description: String { "WebDAVCloudProvider(\(configuration))" }

    /// ``WebDAVConfiguration/identity``: the WebDAV user at the folder's URL.
    public func signedInIdentity() async throws(CloudBackupError) -> CloudIdentity? {
        configuration.identity
    }

    /// Checks that the server answers and accepts the credentials, without changing anything:
    /// a `PROPFIND` of the folder (a missing folder is fine; the first upload creates it).
    /// Throws `CloudBackupError.notSignedIn` for wrong credentials.
    public func checkConnection() async throws(CloudBackupError) {
        _ = try await list(configuration.folder)
    }

    /// The latest backup's metadata from the folder listing and its first bytes through a
    /// `Range` request (or the start of the whole file, when the server ignores `Range`).
    public func readLatestBackupHeader(
        for identity: CloudIdentity, maximumLength: Int
    ) async throws(CloudBackupError) -> CloudBackupHeader {
        try checkIdentity(identity)
        let limit = configuration.maximumBackupSize
        return try await readingLatest { (backup: StoredBackup) throws(CloudBackupError) -> CloudBackupHeader? in
            guard backup.metadata.byteCount <= limit else {
                throw .storageFailure(reason: "the backup on the WebDAV server is \(backup.metadata.byteCount) bytes, "
                    + "more than the \(limit) this app reads")
            }
            let length = min(max(0, maximumLength), backup.metadata.byteCount)
            guard length > 0 else { return CloudBackupHeader(metadata: backup.metadata, leadingBytes: []) }
            guard let bytes = try await get(backup.url, firstBytes: length, limit: length) else { return nil }
            guard bytes.count == length else {
                throw .storageFailure(reason: "\(backup.url.path) is shorter than the WebDAV server lists it")
            }
            return CloudBackupHeader(metadata: backup.metadata, leadingBytes: bytes)
        }
    }

    /// The latest backup, whole, checked against its listed size.
    public func downloadLatestBackup(for identity: CloudIdentity) async throws(CloudBackupError) -> CloudBackup {
        try checkIdentity(identity)
        let limit = configuration.maximumBackupSize
        return try await readingLatest { (backup: StoredBackup) throws(CloudBackupError) -> CloudBackup? in
            guard backup.metadata.byteCount <= limit else {
                throw .storageFailure(reason: "the backup on the WebDAV server is \(backup.metadata.byteCount) bytes, "
                    + "more than the \(limit) this app reads")
            }
            guard let bytes = try await get(backup.url, firstBytes: nil, limit: limit) else { return nil }
            guard bytes.count == backup.metadata.byteCount else {
                throw .storageFailure(reason: "\(backup.url.path) is not the size the WebDAV server lists")
            }
            return CloudBackup(metadata: backup.metadata, bytes: bytes)
        }
    }

    /// Uploads `bytes` as generation `generation` if the latest is still `expectedGeneration`:
    /// into a temporary folder first, then claimed as the next state of the chain with `MKCOL`
    /// and `MOVE … Overwrite: F` (see <doc:CompareAndSwap>). Old states are pruned afterwards,
    /// keeping the new one and the one it replaced.
    public func uploadBackup(
        _ bytes: [UInt8], generation: UInt64, replacing expectedGeneration: UInt64?, for identity: CloudIdentity
    ) async throws(CloudBackupError) -> CloudBackupMetadata {
        try checkIdentity(identity)
        if let expectedGeneration, generation <= expectedGeneration {
            throw .generationMustIncrease(current: expectedGeneration, proposed: generation)
        }
        guard bytes.count <= configuration.maximumBackupSize else {
            throw .tooLarge(byteCount: bytes.count, limit: configuration.maximumBackupSize)
        }
        let chain = try await readChain()
        guard chain.currentGeneration == expectedGeneration else {
            throw .generationConflict(expected: expectedGeneration, found: chain.currentGeneration)
        }
        let prepared = try await prepare(.backup(bytes, generation: generation), in: chain)
        let slot = try await claim(prepared, after: chain, expected: expectedGeneration)
        guard let stored = try await storedBackup(inSlot: slot) else {
            throw .storageFailure(reason: "the backup just moved into \(FolderLayout.slotName(slot)) is missing")
        }
        await prune(below: chain.latest?.index ?? 0, removingAllData: false, chain: chain)
        return stored.metadata
    }

    /// Deletes the backup if it is still `generation`, by claiming the next state of the chain
    /// as "deleted" (the same `MKCOL` and `MOVE … Overwrite: F` claim as an upload, see
    /// <doc:CompareAndSwap>), then removes every older state. Throws `CloudBackupError.notFound`
    /// when there is no backup, and `CloudBackupError.generationConflict(expected:found:)` when
    /// another generation is stored — read before the claim, or because another device's upload
    /// won the claim — changing nothing.
    public func deleteBackup(generation: UInt64, for identity: CloudIdentity) async throws(CloudBackupError) {
        try checkIdentity(identity)
        let chain = try await readChain()
        guard let current = chain.currentGeneration else { throw .notFound }
        guard current == generation else { throw .generationConflict(expected: generation, found: current) }
        let prepared = try await prepare(.deletion, in: chain)
        let slot = try await claim(prepared, after: chain, expected: generation)
        await prune(below: slot, removingAllData: true, chain: chain)
    }

    /// Sign-in first, as the contract asks: another identity is named before any request.
    func checkIdentity(_ identity: CloudIdentity) throws(CloudBackupError) {
        let actual = configuration.identity
        guard identity == actual else { throw .signedInAsAnotherIdentity(expected: identity, actual: actual) }
    }
}
