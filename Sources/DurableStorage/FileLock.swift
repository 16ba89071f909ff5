import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive advisory lock (`flock`) on a lock file, so that two processes using the same
/// directory cannot interleave their read-modify-write cycles.
package enum FileLock {
    /// Runs `body` while holding an exclusive lock on `url` (created with mode 0600 if
    /// missing). Blocks until the lock is free. Also serialises threads of this process.
    package static func withExclusiveLock<Result>(
        on url: URL, _ body: () throws -> Result
    ) throws -> Result {
        let fd = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw StorageError.ioFailure(operation: "open lock", path: url.path, errno: errno) }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            if errno != EINTR { throw StorageError.ioFailure(operation: "flock", path: url.path, errno: errno) }
        }
        defer { _ = flock(fd, LOCK_UN) }
        return try body()
    }
}
