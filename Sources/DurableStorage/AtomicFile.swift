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
/// Reads (``read(_:limit:followingSymbolicLink:)``, ``readPrefix(of:length:limit:)``) are bounded and never follow
/// a symbolic link: see `AtomicFile+Read.swift`.
///
/// A write goes to a temporary file in the same directory, `.<name>.tmp-<16 hex digits>`,
/// created with `O_EXCL` and exact permissions, flushed to disk (`F_FULLFSYNC` on Apple
/// systems), renamed over the target, and the directory is flushed too. A crash at any point
/// leaves either the old file or the new one, never a mixture; a crash before the rename
/// leaves a temporary file that ``removeTemporaryFiles(of:)`` sweeps away.
package enum AtomicFile {
    /// Writes `bytes` to `url` atomically, creating the file with `permissions` (octal, e.g.
    /// `0o600`). Existing contents are replaced only once the new ones are on disk.
    package static func write(_ bytes: [UInt8], to url: URL, permissions: mode_t = 0o600) throws(StorageError) {
        let temporary = try bytes.withUnsafeBytes { buffer in
            Result { () throws(StorageError) in try writeTemporaryFile(buffer, for: url, permissions: permissions) }
        }.get()
        // A simulated crash there leaves the temporary file, as a real one would.
        try TestHooks.current.beforeRename(url)
        try replace(url, withTemporaryFile: temporary)
    }

    /// The first half of ``write(_:to:permissions:)``: writes `bytes` to a new temporary file
    /// next to `url` and flushes it to disk. Returns the temporary file's path; pass it to
    /// ``replace(_:withTemporaryFile:)``. Nothing is left behind when this throws.
    package static func writeTemporaryFile(
        _ bytes: UnsafeRawBufferPointer, for url: URL, permissions: mode_t = 0o600
    ) throws(StorageError) -> String {
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(temporaryPrefix(of: url) + POSIXFile.randomSuffix()).path
        try POSIXFile.createFile(temporary, contents: bytes, permissions: permissions)
        return temporary
    }

    /// The second half of ``write(_:to:permissions:)``: renames `temporary` over `url` and
    /// flushes the directory. Once the rename has happened this does not throw: every reader
    /// sees the new file, and a directory that refuses to be flushed only risks the rename
    /// being lost in a power cut. If the rename fails the temporary file is removed.
    package static func replace(_ url: URL, withTemporaryFile temporary: String) throws(StorageError) {
        do {
            try POSIXFile.renameFile(temporary, to: url.path)
        } catch {
            try? POSIXFile.removeFile(temporary)
            throw error
        }
        try? POSIXFile.syncDirectory(url.deletingLastPathComponent().path)
    }

    /// Writes `bytes` to `url` only if no file is there yet, atomically: the file appears
    /// complete (flushed, with `permissions`) or not at all, and of several concurrent
    /// creators exactly one succeeds. Returns `false`, writing nothing, if `url` exists.
    package static func create(
        _ bytes: UnsafeRawBufferPointer, at url: URL, permissions: mode_t = 0o600
    ) throws(StorageError) -> Bool {
        let temporary = try writeTemporaryFile(bytes, for: url, permissions: permissions)
        defer { try? POSIXFile.removeFile(temporary) }
        do {
            try POSIXFile.linkFile(temporary, to: url.path)
        } catch where error.code == EEXIST {
            return false
        }
        try POSIXFile.syncDirectory(url.deletingLastPathComponent().path)
        return true
    }

    /// Removes the temporary files that interrupted writes of `url` left behind. Call it
    /// under the lock that serialises the writers, when no write can be in progress.
    package static func removeTemporaryFiles(of url: URL) {
        let directory = url.deletingLastPathComponent()
        let prefix = temporaryPrefix(of: url)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return }
        for name in names where name.hasPrefix(prefix) {
            try? POSIXFile.removeFile(directory.appendingPathComponent(name).path)
        }
    }

    /// Removes `url`, then flushes its directory; a missing file is not an error.
    package static func remove(_ url: URL) throws(StorageError) {
        try POSIXFile.removeFile(url.path)
        try? POSIXFile.syncDirectory(url.deletingLastPathComponent().path)
    }

    /// Creates `url` and its missing parents, new ones with permissions `0700`.
    package static func createDirectory(_ url: URL) throws(StorageError) {
        try POSIXFile.makeDirectory(url.path)
    }

    /// The name prefix of `url`'s temporary files: `.<name>.tmp-`.
    package static func temporaryPrefix(of url: URL) -> String {
        "." + url.lastPathComponent + ".tmp-"
    }
}
