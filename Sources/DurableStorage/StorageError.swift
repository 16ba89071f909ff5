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
    /// A system call failed.
    case ioFailure(operation: String, path: String, errno: Int32)

    /// `operation path: reason`, for the public error that wraps it.
    package var message: String {
        switch self {
        case let .ioFailure(operation, path, code):
            return "\(operation) \(path): \(String(cString: strerror(code)))"
        }
    }

    /// Whether the failure means the location does not exist (an unmounted drive, a
    /// deleted folder).
    package var isMissingLocation: Bool {
        if case let .ioFailure(_, _, code) = self { return code == ENOENT || code == ENOTDIR }
        return false
    }
}
