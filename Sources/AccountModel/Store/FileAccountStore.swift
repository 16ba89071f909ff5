#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
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
/// and authenticates the stored vault to compare revisions, writes the new version to a
/// temporary file in the same directory, flushes it to disk, renames it over `vault.akvs`,
/// and flushes the directory. A crash at any point leaves either the old vault or the new
/// one; a temporary file left by a crash is removed by the next save.
///
/// A stored vault that does not authenticate, is truncated, was written under another key
/// or in an unknown format version makes ``load()`` *and* every save throw: the file is
/// never overwritten, so nothing is lost until the user decides what to do.
///
/// Locking uses `flock`, which works on local file systems; do not point the store at a
/// network share.
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
            throw .storeUnavailable(reason: error.reason)
        }
        let lock = try await acquireLock()
        defer { POSIXFile.closeFile(lock) }

        let stored = try readVaultFile().map { file throws(AccountModelError) in
            try LocalVaultFormat.open(file, key: key).revision
        }
        try RevisionCheck.verify(saving: vault, replacing: expectedRevision, stored: stored)
        removeTemporaryFiles()
        try replaceVaultFile(with: sealed)
    }

    // MARK: Files

    private var vaultPath: String { directory.appendingPathComponent(Self.vaultFileName).path }
    private var lockPath: String { directory.appendingPathComponent(Self.lockFileName).path }
    private static var temporaryPrefix: String { "." + vaultFileName + ".tmp-" }

    /// The vault file's bytes, or `nil` if there is none.
    private func readVaultFile() throws(AccountModelError) -> [UInt8]? {
        let path = vaultPath
        let fd: Int32
        do {
            fd = try POSIXFile.openFile(path, O_RDONLY | O_NOFOLLOW)
        } catch {
            if error.code == ENOENT { return nil }
            if error.code == ELOOP { throw .storeDamaged(reason: "\(path) is a symbolic link") }
            throw .storeUnavailable(reason: error.reason)
        }
        defer { POSIXFile.closeFile(fd) }
        do {
            let info = try POSIXFile.status(fd, path: path)
            guard POSIXFile.isRegularFile(info) else { throw AccountModelError.storeDamaged(reason: "\(path) is not a regular file") }
            guard info.st_size <= off_t(LocalVaultFormat.maximumFileSize) else {
                throw AccountModelError.storeDamaged(reason: "the file is larger than \(LocalVaultFormat.maximumFileSize >> 20) MiB")
            }
            var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
            let count = try bytes.withUnsafeMutableBytes { buffer throws(POSIXFile.Failure) in
                try POSIXFile.readFile(fd, into: buffer, path: path)
            }
            return Array(bytes.prefix(count))
        } catch let error as AccountModelError {
            throw error
        } catch let error as POSIXFile.Failure {
            throw .storeUnavailable(reason: error.reason)
        } catch {
            throw .storeUnavailable(reason: "\(path): \(error)")
        }
    }

    /// Writes `sealed` to a new temporary file, flushes it, renames it over the vault file
    /// and flushes the directory.
    private func replaceVaultFile(with sealed: [UInt8]) throws(AccountModelError) {
        let temporary = directory.appendingPathComponent(Self.temporaryPrefix + POSIXFile.randomSuffix()).path
        var keepTemporary = false
        defer { if !keepTemporary { POSIXFile.removeFile(temporary) } }
        var failure: POSIXFile.Failure?
        sealed.withUnsafeBytes { bytes in
            do throws(POSIXFile.Failure) { try POSIXFile.createPrivateFile(temporary, contents: bytes) } catch { failure = error }
        }
        if let failure { throw .storeUnavailable(reason: failure.reason) }
        if let afterWritingTemporaryFile {
            do {
                try afterWritingTemporaryFile(temporary)
            } catch {
                keepTemporary = true
                throw .storeUnavailable(reason: "the save was interrupted before the rename (fault injection)")
            }
        }
        do {
            try POSIXFile.renameFile(temporary, to: vaultPath)
        } catch {
            throw .storeUnavailable(reason: error.reason)
        }
        keepTemporary = true  // it is the vault file now
        // The new vault is in place and every reader sees it, so the save has happened and
        // must not report failure; flushing the directory only makes the rename survive a
        // power cut, and there is nothing better to do if the file system refuses it.
        try? POSIXFile.syncDirectory(directory.path)
    }

    /// Removes temporary files a crashed save left behind. Called under the lock, when no
    /// other save can be writing one.
    private func removeTemporaryFiles() {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return }
        for name in names where name.hasPrefix(Self.temporaryPrefix) {
            POSIXFile.removeFile(directory.appendingPathComponent(name).path)
        }
    }

    // MARK: Lock

    /// Opens the lock file and takes its exclusive `flock`, polling (without blocking a
    /// thread) until ``lockTimeout``. Returns the descriptor; closing it releases the lock.
    private func acquireLock() async throws(AccountModelError) -> Int32 {
        let path = lockPath
        let fd: Int32
        do {
            fd = try POSIXFile.openFile(path, O_RDWR | O_CREAT | O_NOFOLLOW, mode: 0o600)
        } catch {
            throw .storeUnavailable(reason: error.reason)
        }
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: lockTimeout)
        var pause = Duration.milliseconds(1)
        while true {
            do {
                if try POSIXFile.tryLockExclusively(fd, path: path) { return fd }
            } catch {
                POSIXFile.closeFile(fd)
                throw .storeUnavailable(reason: error.reason)
            }
            guard !Task.isCancelled else {
                POSIXFile.closeFile(fd)
                throw .storeUnavailable(reason: "the save was cancelled while waiting for the lock")
            }
            guard clock.now < deadline else {
                POSIXFile.closeFile(fd)
                throw .storeLocked
            }
            try? await Task.sleep(for: pause)
            pause = min(pause * 2, .milliseconds(50))
        }
    }
}
