#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A failure of the file system underneath an embedded on-disk default. Modules convert it
/// into their own public error type.
package enum StorageError: Error, Equatable, Hashable, Sendable {
    /// A system call failed: `operation` (a verb, e.g. `open`) on `path`, with `errno`.
    case ioFailure(operation: String, path: String, errno: Int32)
    /// Another holder kept the lock file at `path` for longer than the caller would wait.
    case lockTimedOut(path: String)
    /// The task was cancelled while waiting for the lock file at `path`.
    case lockWaitCancelled(path: String)

    /// A sentence naming the operation, the path and the system's reason, e.g.
    /// `cannot open /x/vault.akvs: Permission denied`, for the public error that wraps it.
    package var message: String {
        switch self {
        case let .ioFailure(operation, path, code):
            return "cannot \(operation) \(path): \(String(cString: strerror(code)))"
        case let .lockTimedOut(path):
            return "timed out waiting for the lock \(path)"
        case let .lockWaitCancelled(path):
            return "cancelled while waiting for the lock \(path)"
        }
    }

    /// The `errno` of a failed system call; `nil` for the lock's own failures.
    package var code: Int32? {
        if case let .ioFailure(_, _, code) = self { return code }
        return nil
    }

    /// Whether the failure means the location does not exist (an unmounted drive, a
    /// deleted folder).
    package var isMissingLocation: Bool {
        code == ENOENT || code == ENOTDIR
    }
}
