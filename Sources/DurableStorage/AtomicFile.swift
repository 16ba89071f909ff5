import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole-file reads and atomic whole-file writes for the SDK's embedded on-disk defaults.
///
/// A write goes to a temporary file in the same directory, is flushed with `fsync`, renamed
/// over the target, and the directory is flushed too. A crash at any point leaves either the
/// old file or the new one, never a mixture.
package enum AtomicFile {
    /// Writes `bytes` to `url` atomically, creating the file with `permissions` (octal, e.g.
    /// `0o600`). Existing contents are replaced only once the new ones are on disk.
    package static func write(_ bytes: [UInt8], to url: URL, permissions: mode_t = 0o600) throws(StorageError) {
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, permissions)
        guard fd >= 0 else { throw .ioFailure(operation: "create", path: temporary.path, errno: errno) }
        var written = 0
        let failure: StorageError? = bytes.withUnsafeBytes { buffer -> StorageError? in
            while written < buffer.count {
                let result = systemWrite(fd, buffer.baseAddress.map { $0 + written }, buffer.count - written)
                if result < 0 {
                    if errno == EINTR { continue }
                    return .ioFailure(operation: "write", path: temporary.path, errno: errno)
                }
                written += result
            }
            return nil
        }
        if let failure {
            close(fd)
            unlink(temporary.path)
            throw failure
        }
        if fsync(fd) != 0 {
            let code = errno
            close(fd)
            unlink(temporary.path)
            throw .ioFailure(operation: "fsync", path: temporary.path, errno: code)
        }
        close(fd)
        try TestHooks.current.beforeRename(url)
        guard rename(temporary.path, url.path) == 0 else {
            let code = errno
            unlink(temporary.path)
            throw .ioFailure(operation: "rename", path: url.path, errno: code)
        }
        syncDirectory(directory)
    }

    /// The whole contents of `url`, or `nil` when there is no such file.
    package static func read(_ url: URL) throws(StorageError) -> [UInt8]? {
        let fd = open(url.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { return nil }
            throw .ioFailure(operation: "open", path: url.path, errno: errno)
        }
        defer { close(fd) }
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .ioFailure(operation: "read", path: url.path, errno: errno)
            }
            if count == 0 { break }
            result.append(contentsOf: chunk[0..<count])
        }
        return result
    }

    /// Removes `url`; a missing file is not an error.
    package static func remove(_ url: URL) throws(StorageError) {
        if unlink(url.path) != 0, errno != ENOENT {
            throw .ioFailure(operation: "unlink", path: url.path, errno: errno)
        }
        syncDirectory(url.deletingLastPathComponent())
    }

    /// Creates `url` and its parents with mode 0700 if missing.
    package static func createDirectory(_ url: URL) throws(StorageError) {
        do {
            try FileManager.default.createDirectory(
                at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700]
            )
        } catch {
            throw .ioFailure(operation: "mkdir", path: url.path, errno: EIO)
        }
    }

    private static func syncDirectory(_ directory: URL) {
        let fd = open(directory.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }
}

// `write` and `read` are shadowed inside `AtomicFile` by its own static methods.
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    write(fd, buffer, count)
}

private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}
