#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The system calls the file store and the key file need, each failure turned into a
/// sentence naming the operation, the path and the system's reason. Every descriptor is
/// opened close-on-exec, so a child process never inherits a lock or a file.
enum POSIXFile {
    /// A failed system call.
    struct Failure: Error {
        /// What was attempted, e.g. `cannot open /x/vault.aks`.
        let what: String
        /// The `errno` value.
        let code: Int32

        /// `what` followed by the system's description of `code`.
        var reason: String { "\(what): \(String(cString: strerror(code)))" }
    }

    /// The permission bits of a mode.
    static let permissionMask: mode_t = 0o7777
    /// The file-type bits of a mode.
    private static let typeMask: mode_t = 0o170000
    /// The file-type bits of a regular file.
    private static let regularFile: mode_t = 0o100000

    /// Opens `path`; retries when interrupted by a signal.
    static func openFile(_ path: String, _ flags: Int32, mode: mode_t = 0o600) throws(Failure) -> Int32 {
        while true {
            let fd = open(path, flags | O_CLOEXEC, mode)
            if fd >= 0 { return fd }
            if errno != EINTR { throw Failure(what: "cannot open \(path)", code: errno) }
        }
    }

    /// Closes `fd`, ignoring errors (used on paths that already failed or only read).
    static func closeFile(_ fd: Int32) {
        _ = close(fd)
    }

    /// Writes every byte of `bytes` to `fd`.
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws(Failure) {
        guard var base = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            let written = write(fd, base, remaining)
            if written < 0 {
                if errno == EINTR { continue }
                throw Failure(what: "cannot write \(path)", code: errno)
            }
            remaining -= written
            base += written
        }
    }

    /// Creates the file `path`, which must not exist yet, with permissions exactly `0600`
    /// (whatever the umask), writes `contents` and flushes them to disk.
    static func createPrivateFile(_ path: String, contents: UnsafeRawBufferPointer) throws(Failure) {
        let fd = try openFile(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode: 0o600)
        defer { closeFile(fd) }
        guard fchmod(fd, 0o600) == 0 else { throw Failure(what: "cannot set permissions of \(path)", code: errno) }
        try writeAll(fd, contents, path: path)
        try sync(fd, path: path)
    }

    /// Fills `buffer` from `fd`; returns how many bytes were read (fewer at end of file).
    static func readFile(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, path: String) throws(Failure) -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        var total = 0
        while total < buffer.count {
            let count = read(fd, base + total, buffer.count - total)
            if count < 0 {
                if errno == EINTR { continue }
                throw Failure(what: "cannot read \(path)", code: errno)
            }
            if count == 0 { break }
            total += count
        }
        return total
    }

    /// The status of an open file.
    static func status(_ fd: Int32, path: String) throws(Failure) -> stat {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw Failure(what: "cannot inspect \(path)", code: errno) }
        return info
    }

    /// Whether `info` describes a regular file.
    static func isRegularFile(_ info: stat) -> Bool {
        info.st_mode & typeMask == regularFile
    }

    /// Flushes `fd`'s data to stable storage (`F_FULLFSYNC` where the system has it, since
    /// `fsync` alone does not reach the disk there).
    static func sync(_ fd: Int32, path: String) throws(Failure) {
        #if canImport(Darwin)
        if fcntl(fd, F_FULLFSYNC) == 0 { return }
        #endif
        guard fsync(fd) == 0 else { throw Failure(what: "cannot flush \(path) to disk", code: errno) }
    }

    /// Flushes the directory entry changes of `directory` (a rename, a new file).
    static func syncDirectory(_ directory: String) throws(Failure) {
        let fd = try openFile(directory, O_RDONLY | O_DIRECTORY)
        defer { closeFile(fd) }
        try sync(fd, path: directory)
    }

    /// Atomically replaces `destination` with `source` (both in one directory).
    static func renameFile(_ source: String, to destination: String) throws(Failure) {
        guard rename(source, destination) == 0 else {
            throw Failure(what: "cannot rename \(source) to \(destination)", code: errno)
        }
    }

    /// Makes `destination` a second name of `source`; fails with `EEXIST` if it exists.
    static func linkFile(_ source: String, to destination: String) throws(Failure) {
        guard link(source, destination) == 0 else {
            throw Failure(what: "cannot create \(destination)", code: errno)
        }
    }

    /// Removes `path`, ignoring a missing file.
    static func removeFile(_ path: String) {
        _ = unlink(path)
    }

    /// Creates `directory` and its missing parents, new ones with permissions `0700`.
    static func makeDirectory(_ directory: String) throws(Failure) {
        if mkdir(directory, 0o700) == 0 || errno == EEXIST { return }
        guard errno == ENOENT else { throw Failure(what: "cannot create directory \(directory)", code: errno) }
        let parent = parentDirectory(of: directory)
        guard parent != directory else { throw Failure(what: "cannot create directory \(directory)", code: ENOENT) }
        try makeDirectory(parent)
        if mkdir(directory, 0o700) == 0 || errno == EEXIST { return }
        throw Failure(what: "cannot create directory \(directory)", code: errno)
    }

    /// The directory part of `path` (`/` for a top-level entry, `.` for a bare name).
    static func parentDirectory(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
    }

    /// Tries to take an exclusive `flock` on `fd` without waiting; `false` if another open
    /// file description holds it.
    static func tryLockExclusively(_ fd: Int32, path: String) throws(Failure) -> Bool {
        while true {
            if flock(fd, LOCK_EX | LOCK_NB) == 0 { return true }
            switch errno {
            case EINTR: continue
            case EWOULDBLOCK: return false
            default: throw Failure(what: "cannot lock \(path)", code: errno)
            }
        }
    }

    /// 8 random bytes as lower-case hex, for unique temporary file names.
    static func randomSuffix() -> String {
        SystemRandom().bytes(8).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
