import SodiumBridge
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
internal import DurableStorage
import Foundation

/// A ``LocalKeyProvider`` that keeps the vault key in a file of its own: 32 raw bytes,
/// permissions `0600`, owned by the user running the app.
///
/// The first call creates the file atomically (a temporary file with permissions `0600`,
/// written, flushed, then linked into place, so concurrent first calls agree on one key).
/// Every call refuses a key file that is not a regular file owned by this user, or whose
/// permissions are wider than `0600` (any group, other, execute or special bit), with
/// ``AccountModelError/insecureKeyFile(path:mode:)``; a symbolic link, or a file that is not
/// exactly 32 bytes, with ``AccountModelError/keyUnavailable(reason:)``. It never replaces a
/// key file that exists.
///
/// This is the embedded default for command-line tools and servers. On Apple platforms and
/// Android, keep the key in the Keychain or the Android Keystore instead.
public struct FileKeyProvider: LocalKeyProvider {
    /// The key file.
    public let file: URL

    /// A provider keeping the key in `file`; its directory is created (permissions `0700`)
    /// when the key is first made.
    public init(file: URL) {
        self.file = file
    }

    /// The key, read from the file, or created there on first use.
    public func key() async throws(AccountModelError) -> SecureBytes {
        let path = file.path
        // Two attempts: if another process creates the file between our read and our
        // create, the second read finds its key.
        for _ in 0..<2 {
            if let key = try readKey(at: path) { return key }
            if let key = try createKey(at: path) { return key }
        }
        throw .keyUnavailable(reason: "the key file \(path) keeps appearing and disappearing")
    }

    /// The key in the file at `path`, or `nil` if there is no file.
    private func readKey(at path: String) throws(AccountModelError) -> SecureBytes? {
        let fd: Int32
        do {
            fd = try POSIXFile.openFile(path, O_RDONLY | O_NOFOLLOW)
        } catch {
            if error.code == ENOENT { return nil }
            if error.code == ELOOP {
                throw .keyUnavailable(reason: "the key file \(path) is a symbolic link")
            }
            throw .keyUnavailable(reason: error.message)
        }
        defer { POSIXFile.closeFile(fd) }
        do {
            let info = try POSIXFile.status(fd, path: path)
            let permissions = info.st_mode & POSIXFile.permissionMask
            guard POSIXFile.isRegularFile(info), info.st_uid == geteuid(), permissions & ~0o600 == 0 else {
                throw AccountModelError.insecureKeyFile(path: path, mode: UInt16(permissions))
            }
            guard info.st_size == off_t(XChaCha20Poly1305.keyLength) else {
                throw AccountModelError.keyUnavailable(
                    reason: "the key file \(path) is damaged: \(info.st_size) bytes instead of \(XChaCha20Poly1305.keyLength)"
                )
            }
            var readCount = 0
            let key = try SecureBytes(count: XChaCha20Poly1305.keyLength) { buffer in
                readCount = try POSIXFile.readFile(fd, into: buffer, path: path)
            }
            guard readCount == XChaCha20Poly1305.keyLength else {
                throw AccountModelError.keyUnavailable(reason: "the key file \(path) was truncated while being read")
            }
            return key
        } catch let error as AccountModelError {
            throw error
        } catch let error as StorageError {
            throw .keyUnavailable(reason: error.message)
        } catch {
            throw .keyUnavailable(reason: "\(path): \(error)")
        }
    }

    /// Creates the key file with a fresh key (`AtomicFile.create`) and
    /// returns the key, or `nil` if another writer created the file first.
    private func createKey(at path: String) throws(AccountModelError) -> SecureBytes? {
        let key = SecureBytes(randomCount: XChaCha20Poly1305.keyLength)
        do throws(StorageError) {
            try POSIXFile.makeDirectory(POSIXFile.parentDirectory(of: path))
            var outcome: Result<Bool, StorageError> = .success(false)
            key.withUnsafeBytes { bytes in
                outcome = Result { () throws(StorageError) in try AtomicFile.create(bytes, at: URL(fileURLWithPath: path)) }
            }
            return try outcome.get() ? key : nil
        } catch {
            throw .keyUnavailable(reason: error.message)
        }
    }
}
