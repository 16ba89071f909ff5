import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The one way the SDK's embedded defaults read a file: bounded, and never through a
/// symbolic link.
///
/// The file is opened with `O_NOFOLLOW` (a symbolic link is refused with
/// ``StorageError/symbolicLink(path:)``) and `O_NONBLOCK` (so a FIFO cannot make the open
/// wait for a writer); `fstat` then refuses anything but a regular file
/// (``StorageError/notARegularFile(path:)``: `/dev/zero`, a FIFO, a folder) and a size above
/// the caller's limit (``StorageError/fileTooLarge(path:limit:)``) *before* a byte is read or
/// a buffer is allocated. At most `limit + 1` bytes are then read, so a file that grows while
/// it is read is refused too, never read whole.
extension AtomicFile {
    /// The whole contents of `url`, at most `limit` bytes, or `nil` when there is no such file.
    ///
    /// - Throws: ``StorageError/symbolicLink(path:)``, ``StorageError/notARegularFile(path:)``,
    ///   ``StorageError/fileTooLarge(path:limit:)`` (larger than `limit`, or grown past it while
    ///   being read), ``StorageError/ioFailure(operation:path:errno:)``.
    ///
    /// `followingSymbolicLink` is only for a file the user named themselves (a command's input
    /// file, which may be a link they made): a link in the last component is then followed,
    /// and the target must still be a regular file within `limit`.
    package static func read(
        _ url: URL, limit: Int, followingSymbolicLink: Bool = false
    ) throws(StorageError) -> [UInt8]? {
        let path = url.path
        guard let (fd, size) = try openForReading(path, limit: limit, followingSymbolicLink: followingSymbolicLink) else {
            return nil
        }
        defer { POSIXFile.closeFile(fd) }
        return try readAll(fd, expected: size, limit: limit, path: path)
    }

    /// The first `length` bytes of `url` (fewer when it is shorter), or `nil` when there is no
    /// such file. The file itself must be a regular file of at most `limit` bytes, like
    /// ``read(_:limit:followingSymbolicLink:)`` requires; only `min(length, limit)` bytes are read.
    package static func readPrefix(of url: URL, length: Int, limit: Int) throws(StorageError) -> [UInt8]? {
        let path = url.path
        guard let (fd, _) = try openForReading(path, limit: limit) else { return nil }
        defer { POSIXFile.closeFile(fd) }
        var bytes = [UInt8](repeating: 0, count: max(0, min(length, limit)))
        let count = try fill(&bytes, from: 0, reading: fd, path: path)
        return Array(bytes.prefix(count))
    }

    /// Opens `path` for reading without following a symbolic link and checks it is a regular
    /// file of at most `limit` bytes. Returns the descriptor and the size, or `nil` when there
    /// is no such file.
    static func openForReading(
        _ path: String, limit: Int, followingSymbolicLink: Bool = false
    ) throws(StorageError) -> (Int32, Int)? {
        let fd: Int32
        do {
            fd = try POSIXFile.openFile(path, O_RDONLY | O_NONBLOCK | (followingSymbolicLink ? 0 : O_NOFOLLOW))
        } catch {
            if error.code == ENOENT { return nil }
            if error.code == ELOOP || error.code == EMLINK { throw .symbolicLink(path: path) }
            throw error
        }
        do throws(StorageError) {
            let info = try POSIXFile.status(fd, path: path)
            guard POSIXFile.isRegularFile(info) else { throw StorageError.notARegularFile(path: path) }
            guard info.st_size >= 0, info.st_size <= off_t(max(0, limit)) else {
                throw StorageError.fileTooLarge(path: path, limit: limit)
            }
            return (fd, Int(info.st_size))
        } catch {
            POSIXFile.closeFile(fd)
            throw error
        }
    }

    /// Reads `fd` to its end: `expected` bytes plus one to notice growth, and on past that only
    /// while the total stays within `limit + 1`.
    private static func readAll(_ fd: Int32, expected: Int, limit: Int, path: String) throws(StorageError) -> [UInt8] {
        let ceiling = max(0, limit) + 1
        var bytes = [UInt8](repeating: 0, count: min(expected + 1, ceiling))
        var total = 0
        while true {
            let count = try fill(&bytes, from: total, reading: fd, path: path)
            total += count
            if total < bytes.count { break }
            guard bytes.count < ceiling else { throw .fileTooLarge(path: path, limit: limit) }
            // The file grew while being read: read on, but never past the ceiling.
            bytes.append(contentsOf: repeatElement(0, count: min(max(bytes.count, 4096), ceiling - bytes.count)))
        }
        guard total <= limit else { throw .fileTooLarge(path: path, limit: limit) }
        bytes.removeLast(bytes.count - total)
        return bytes
    }

    /// Fills `bytes` from `offset` on with what `fd` holds; returns how many bytes were read.
    private static func fill(
        _ bytes: inout [UInt8], from offset: Int, reading fd: Int32, path: String
    ) throws(StorageError) -> Int {
        try bytes.withUnsafeMutableBytes { buffer in
            Result { () throws(StorageError) in
                try POSIXFile.readFile(fd, into: UnsafeMutableRawBufferPointer(rebasing: buffer[offset...]), path: path)
            }
        }.get()
    }
}
