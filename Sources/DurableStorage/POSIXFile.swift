#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The system calls the embedded on-disk defaults need, each failure turned into a
/// ``StorageError`` naming the operation, the path and the `errno`. Every descriptor is
/// opened close-on-exec, so a child process never inherits a lock or a file; every call is
/// retried when a signal interrupts it.
package enum POSIXFile {
    /// The permission bits of a mode.
    package static let permissionMask: mode_t = 0o7777
    /// The file-type bits of a mode.
    static let typeMask: mode_t = 0o170000
    /// The file-type bits of a regular file.
    static let regularFile: mode_t = 0o100000
    /// The file-type bits of a directory.
    static let directoryFile: mode_t = 0o040000
    /// The file-type bits of a symbolic link.
    static let symbolicLinkFile: mode_t = 0o120000

    /// Opens `path` (always with `O_CLOEXEC`); `mode` applies when `flags` create the file.
    package static func openFile(_ path: String, _ flags: Int32, mode: mode_t = 0o600) throws(StorageError) -> Int32 {
        while true {
            let fd = open(path, flags | O_CLOEXEC, mode)
            if fd >= 0 { return fd }
            if errno != EINTR { throw .ioFailure(operation: "open", path: path, errno: errno) }
        }
    }

    /// Closes `fd`, ignoring errors (used on paths that already failed or only read).
    package static func closeFile(_ fd: Int32) {
        _ = close(fd)
    }

    /// Writes every byte of `bytes` to `fd`.
    package static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws(StorageError) {
        guard var base = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            let written = write(fd, base, remaining)
            if written < 0 {
                if errno == EINTR { continue }
                throw .ioFailure(operation: "write", path: path, errno: errno)
            }
            remaining -= written
            base += written
        }
    }

    /// Creates the file `path`, which must not exist yet (nor be a symbolic link), with
    /// exactly `permissions` (whatever the umask), writes `contents` and flushes them to
    /// disk. A file left half-written by a failure is removed.
    package static func createFile(
        _ path: String, contents: UnsafeRawBufferPointer, permissions: mode_t = 0o600
    ) throws(StorageError) {
        let fd = try openFile(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode: permissions)
        defer { closeFile(fd) }
        do throws(StorageError) {
            guard fchmod(fd, permissions) == 0 else {
                throw .ioFailure(operation: "set permissions of", path: path, errno: errno)
            }
            try writeAll(fd, contents, path: path)
            try sync(fd, path: path)
        } catch {
            try? removeFile(path)
            throw error
        }
    }

    /// Fills `buffer` from `fd`; returns how many bytes were read (fewer at end of file).
    package static func readFile(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, path: String) throws(StorageError) -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        var total = 0
        while total < buffer.count {
            let count = read(fd, base + total, buffer.count - total)
            if count < 0 {
                if errno == EINTR { continue }
                throw .ioFailure(operation: "read", path: path, errno: errno)
            }
            if count == 0 { break }
            total += count
        }
        return total
    }

    /// The status of an open file.
    package static func status(_ fd: Int32, path: String) throws(StorageError) -> stat {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .ioFailure(operation: "inspect", path: path, errno: errno) }
        return info
    }

    /// Whether `info` describes a regular file.
    package static func isRegularFile(_ info: stat) -> Bool {
        info.st_mode & typeMask == regularFile
    }

    /// Flushes `fd`'s data to stable storage (`F_FULLFSYNC` where the system has it, since
    /// `fsync` alone does not reach the disk there).
    package static func sync(_ fd: Int32, path: String) throws(StorageError) {
        #if canImport(Darwin)
        if fcntl(fd, F_FULLFSYNC) == 0 { return }
        #endif
        while fsync(fd) != 0 {
            if errno != EINTR { throw .ioFailure(operation: "flush to disk", path: path, errno: errno) }
        }
    }

    /// Flushes the directory entry changes of `directory` (a rename, a new file).
    package static func syncDirectory(_ directory: String) throws(StorageError) {
        let fd = try openFile(directory, O_RDONLY | O_DIRECTORY)
        defer { closeFile(fd) }
        try sync(fd, path: directory)
    }

    /// Atomically replaces `destination` with `source` (both in one directory).
    package static func renameFile(_ source: String, to destination: String) throws(StorageError) {
        guard rename(source, destination) == 0 else {
            throw .ioFailure(operation: "rename \(source) to", path: destination, errno: errno)
        }
    }

    /// Makes `destination` a second name of `source`; fails with `EEXIST` if it exists.
    package static func linkFile(_ source: String, to destination: String) throws(StorageError) {
        guard link(source, destination) == 0 else {
            throw .ioFailure(operation: "create", path: destination, errno: errno)
        }
    }

    /// Removes `path`; a missing file is not an error.
    package static func removeFile(_ path: String) throws(StorageError) {
        guard unlink(path) == 0 || errno == ENOENT else {
            throw .ioFailure(operation: "remove", path: path, errno: errno)
        }
    }

    /// Creates `directory` and its missing parents, new ones with permissions `0700`. Something
    /// other than a directory in the way fails with `ENOTDIR`.
    package static func makeDirectory(_ directory: String) throws(StorageError) {
        if mkdir(directory, 0o700) == 0 { return }
        switch errno {
        case EEXIST:
            var info = stat()
            guard stat(directory, &info) == 0 else {
                throw .ioFailure(operation: "create directory", path: directory, errno: errno)
            }
            guard info.st_mode & typeMask == directoryFile else {
                throw .ioFailure(operation: "create directory", path: directory, errno: ENOTDIR)
            }
        case ENOENT:
            let parent = parentDirectory(of: directory)
            guard parent != directory else {
                throw .ioFailure(operation: "create directory", path: directory, errno: ENOENT)
            }
            try makeDirectory(parent)
            if mkdir(directory, 0o700) == 0 || errno == EEXIST { return }
            throw .ioFailure(operation: "create directory", path: directory, errno: errno)
        default:
            throw .ioFailure(operation: "create directory", path: directory, errno: errno)
        }
    }

    /// The directory part of `path` (`/` for a top-level entry, `.` for a bare name).
    package static func parentDirectory(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
    }

    /// Tries to take an exclusive `flock` on `fd` without waiting; `false` if another open
    /// file description (another process, or another open of the file here) holds it.
    package static func tryLockExclusively(_ fd: Int32, path: String) throws(StorageError) -> Bool {
        while true {
            if flock(fd, LOCK_EX | LOCK_NB) == 0 { return true }
            switch errno {
            case EINTR: continue
            case EWOULDBLOCK: return false
            default: throw .ioFailure(operation: "lock", path: path, errno: errno)
            }
        }
    }

    /// 8 random bytes (from the system's cryptographic generator) as 16 lower-case hex
    /// digits, for unique temporary file names.
    package static func randomSuffix() -> String {
        var generator = SystemRandomNumberGenerator()
        let hex = String(generator.next() as UInt64, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
