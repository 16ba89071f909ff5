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
    /// `path` is a symbolic link where a file or folder of the SDK's own was expected. It is
    /// never followed: a link planted in a shared folder could point anywhere (`/dev/zero`,
    /// another user's files).
    case symbolicLink(path: String)
    /// `path` is not a regular file (a device such as `/dev/zero`, a FIFO, a folder, a
    /// socket) where one was expected; nothing was read from it.
    case notARegularFile(path: String)
    /// The file at `path` is larger than the `limit` (in bytes) its reader accepts, or grew
    /// past it while being read; nothing of it was returned.
    case fileTooLarge(path: String, limit: Int)

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
        case let .symbolicLink(path):
            return "\(path) is a symbolic link, which is never followed"
        case let .notARegularFile(path):
            return "\(path) is not a regular file"
        case let .fileTooLarge(path, limit):
            return "\(path) is larger than the \(limit) bytes accepted"
        }
    }

    /// The `errno` of a failed system call; `nil` for the module's own refusals.
    package var code: Int32? {
        if case let .ioFailure(_, _, code) = self { return code }
        return nil
    }

    /// Whether the failure means the location does not exist (an unmounted drive, a
    /// deleted folder).
    package var isMissingLocation: Bool {
        code == ENOENT || code == ENOTDIR
    }

    /// Whether the failure is one of the refusals of a hostile file system entry: a symbolic
    /// link, something other than a regular file, or a file over its size limit.
    package var isRefusedEntry: Bool {
        switch self {
        case .symbolicLink, .notARegularFile, .fileTooLarge: return true
        case .ioFailure, .lockTimedOut, .lockWaitCancelled: return false
        }
    }
}
