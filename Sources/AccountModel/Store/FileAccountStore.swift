#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
internal import DurableStorage
import Foundation

/// An ``AccountStore`` that keeps the vault in a directory on disk, encrypted.
///
/// The directory holds:
/// - `vault.akvs`: the vault, encrypted with XChaCha20-Poly1305 under the key from
///   `keyProvider` (a fresh random nonce for every write), permissions `0600`;
/// - `vault.lock`: an empty file whose `flock` serialises writers, also across processes;
/// - briefly, `.vault.akvs.tmp-…`: the next version while it is being written.
///
/// A save encrypts the vault, takes the exclusive lock (waiting up to `lockTimeout`), reads
/// and authenticates the stored vault to compare revisions (decoding only the revision, so
/// that a save holds no second decoded copy of the vault), writes the new version to a
/// temporary file in the same directory, flushes it to disk, renames it over `vault.akvs`,
/// and flushes the directory. A crash at any point leaves either the old vault or the new
/// one; a temporary file left by a crash is removed by the next save.
///
/// A stored vault that does not authenticate, is truncated, was written under another key
/// or in an unknown format version makes ``load()`` *and* every save throw: the file is
/// never overwritten, so nothing is lost until the user decides what to do.
///
/// The vault file is read bounded (at most 64 MiB, checked before reading) and never through
/// a symbolic link: a link planted in the home folder (to `/dev/zero`, to another file) or
/// anything but a regular file is ``AccountModelError/storeDamaged(reason:)``, at once.
///
/// Locking uses `flock`, which works on local file systems; do not point the store at a
/// network share. A lock held by another process for longer than ``lockTimeout`` makes a save
/// throw ``AccountModelError/storeLocked`` instead of waiting forever.
public struct FileAccountStore: AccountStore {
    /// The name of the vault file in ``directory``.
    public static let vaultFileName = "vault.akvs"
    /// The name of the lock file in ``directory``.
    public static let lockFileName = "vault.lock"

    /// The directory holding the vault (created, with permissions `0700`, on first save).
    public let directory: URL
    /// Where the encryption key comes from.
    public let keyProvider: any LocalKeyProvider
    /// How long a save waits for another writer to release the lock before it throws
    /// ``AccountModelError/storeLocked``. A save cancelled while it waits throws
    /// ``AccountModelError/storeUnavailable(reason:)`` and stores nothing.
    public let lockTimeout: Duration

    /// Fault injection for crash tests: called after the new version is written and flushed
    /// to its temporary file (whose path it gets), before the rename. If it throws, the save
    /// stops right there as a crash would — leaving the temporary file — and throws
    /// ``AccountModelError/storeUnavailable(reason:)``.
    package var afterWritingTemporaryFile: (@Sendable (_ temporaryFile: String) throws -> Void)?

    /// For lock tests: called each time a save finds the lock held by another writer, before
    /// it pauses and tries again, so that a test can wait for a save to be waiting.
    package var whileWaitingForLock: (@Sendable () -> Void)?

    /// A store in `directory`, encrypted under the key `keyProvider` gives.
    public init(directory: URL, keyProvider: some LocalKeyProvider, lockTimeout: Duration = .seconds(10)) {
        self.directory = directory
        self.keyProvider = keyProvider
        self.lockTimeout = lockTimeout
    }

    /// The stored vault, or `nil` when the directory holds none yet.
    ///
    /// Asks the key provider for the key only when there is a vault file.
    public func load() async throws(AccountModelError) -> Vault? {
        guard let file = try readVaultFile() else { return nil }
        let key = try await keyProvider.key()
        return try LocalVaultFormat.open(file, key: key)
    }

    /// Stores `vault` if the stored revision is `expectedRevision` (see
    /// ``AccountStore/save(_:replacingRevision:)``), atomically and under the lock.
    public func save(_ vault: Vault, replacingRevision expectedRevision: UInt64?) async throws(AccountModelError) {
        let key = try await keyProvider.key()
        let sealed = try LocalVaultFormat.seal(vault, key: key)
        do {
            try POSIXFile.makeDirectory(directory.path)
        } catch {
            throw .storeUnavailable(reason: error.message)
        }
        let lock = try await acquireLock()
        defer { FileLock.release(lock) }

        // Only the stored revision is needed: authenticated, not decoded (no second copy of
        // the vault's accounts and secrets alive while this one is written).
        let stored = try readVaultFile().map { file throws(AccountModelError) in
            try LocalVaultFormat.revision(of: file, key: key)
        }
        try RevisionCheck.verify(saving: vault, replacing: expectedRevision, stored: stored)
        AtomicFile.removeTemporaryFiles(of: vaultURL)
        try replaceVaultFile(with: sealed)
    }

    // MARK: Files

    private var vaultURL: URL { directory.appendingPathComponent(Self.vaultFileName) }
    private var lockPath: String { directory.appendingPathComponent(Self.lockFileName).path }

    /// The vault file's bytes, or `nil` if there is none: read bounded
    /// (`LocalVaultFormat.maximumFileSize`, 64 MiB) and never through a symbolic link
    /// (`AtomicFile.read(_:limit:)`). A link, a non-regular file or an oversized file is
    /// ``AccountModelError/storeDamaged(reason:)`` — never overwritten, nothing read from it.
    private func readVaultFile() throws(AccountModelError) -> [UInt8]? {
        do {
            return try AtomicFile.read(vaultURL, limit: LocalVaultFormat.maximumFileSize)
        } catch {
            switch error {
            case let .symbolicLink(path):
                throw .storeDamaged(reason: "\(path) is a symbolic link")
            case let .notARegularFile(path):
                throw .storeDamaged(reason: "\(path) is not a regular file")
            case .fileTooLarge:
                throw .storeDamaged(reason: "the file is larger than \(LocalVaultFormat.maximumFileSize >> 20) MiB")
            case .ioFailure, .lockTimedOut, .lockWaitCancelled:
                throw .storeUnavailable(reason: error.message)
            }
        }
    }

    /// Writes `sealed` to a new temporary file, flushes it, renames it over the vault file
    /// and flushes the directory (`AtomicFile`), calling the fault-injection hook between
    /// the flush and the rename.
    private func replaceVaultFile(with sealed: [UInt8]) throws(AccountModelError) {
        let url = vaultURL
        do {
            let temporary = try sealed.withUnsafeBytes { bytes throws(StorageError) in
                try AtomicFile.writeTemporaryFile(bytes, for: url)
            }
            if let afterWritingTemporaryFile {
                do {
                    try afterWritingTemporaryFile(temporary)
                } catch {
                    // As a crash would: the temporary file stays for the next save to sweep.
                    throw AccountModelError.storeUnavailable(
                        reason: "the save was interrupted before the rename (fault injection)")
                }
            }
            try AtomicFile.replace(url, withTemporaryFile: temporary)
        } catch let error as AccountModelError {
            throw error
        } catch let error as StorageError {
            throw .storeUnavailable(reason: error.message)
        } catch {
            throw .storeUnavailable(reason: "\(url.path): \(error)")
        }
    }

    // MARK: Lock

    /// Takes the lock file's exclusive `flock` (`FileLock`, which polls without blocking a
    /// thread) within ``lockTimeout``. Returns the descriptor; releasing it releases the lock.
    private func acquireLock() async throws(AccountModelError) -> Int32 {
        do {
            return try await FileLock.acquire(lockPath, timeout: lockTimeout, whileWaiting: whileWaitingForLock)
        } catch {
            switch error {
            case .lockTimedOut: throw .storeLocked
            case .lockWaitCancelled: throw .storeUnavailable(reason: "the save was cancelled while waiting for the lock")
            case .ioFailure, .symbolicLink, .notARegularFile, .fileTooLarge:
                throw .storeUnavailable(reason: error.message)
            }
        }
    }
}
