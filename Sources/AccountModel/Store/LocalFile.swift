internal import DurableStorage
import SodiumBridge
import Foundation

/// Reading a local file the way the SDK's own stores do: the size checked before a byte is
/// read, at most `limit` bytes, and only from a regular file — never `/dev/zero`, a FIFO or a
/// folder, whatever a path points at. For apps and tools that read backups, exports or
/// password files a user names (the reference app's `import FILE`, `--password-file F`).
///
/// ```swift
/// let bytes = try LocalFile.read(at: url, limit: BackupLimits.maximumFileSize)
/// ```
public enum LocalFile {
    /// The contents of the file at `url`, at most `limit` bytes.
    ///
    /// - Parameters:
    ///   - url: the file.
    ///   - limit: the most bytes accepted; a larger file is refused before it is read.
    ///   - followingSymbolicLinks: whether a symbolic link at `url` itself is followed: `true`
    ///     (the default) for a path the user typed, which may be a link they made; pass `false`
    ///     for a file in a folder others can write, where a link is refused with
    ///     ``LocalFileError/symbolicLink(path:)``.
    /// - Throws: ``LocalFileError``: not found, a link (when not followed), not a regular file,
    ///   larger than `limit` (checked before reading, and again if the file grows while it is
    ///   read), or unreadable.
    public static func read(at url: URL, limit: Int, followingSymbolicLinks: Bool = true) throws(LocalFileError) -> [UInt8] {
        let bytes: [UInt8]?
        do {
            bytes = try AtomicFile.read(url, limit: limit, followingSymbolicLink: followingSymbolicLinks)
        } catch {
            switch error {
            case let .symbolicLink(path): throw .symbolicLink(path: path)
            case let .notARegularFile(path): throw .notARegularFile(path: path)
            case let .fileTooLarge(path, limit): throw .tooLarge(path: path, limit: limit)
            case .ioFailure, .lockTimedOut, .lockWaitCancelled:
                throw .unreadable(path: url.path, reason: error.message)
            }
        }
        guard let bytes else { throw .notFound(path: url.path) }
        return bytes
    }
}

/// Why ``LocalFile/read(at:limit:followingSymbolicLinks:)`` read nothing.
public enum LocalFileError: ReportableError, Equatable, Hashable {
    /// There is no file at `path`.
    case notFound(path: String)
    /// `path` is a symbolic link, and links were not to be followed.
    case symbolicLink(path: String)
    /// `path` is not a regular file (a device such as `/dev/zero`, a FIFO, a folder).
    case notARegularFile(path: String)
    /// The file is larger than `limit` bytes (or grew past it while being read).
    case tooLarge(path: String, limit: Int)
    /// The file cannot be read (permissions, an I/O error); `reason` says why.
    case unreadable(path: String, reason: String)

    /// The case name scripts match, e.g. `tooLarge`.
    public var caseName: String {
        switch self {
        case .notFound: return "notFound"
        case .symbolicLink: return "symbolicLink"
        case .notARegularFile: return "notARegularFile"
        case .tooLarge: return "tooLarge"
        case .unreadable: return "unreadable"
        }
    }

    /// What went wrong, naming the file.
    public var message: String {
        switch self {
        case let .notFound(path): return "there is no file \(path)"
        case let .symbolicLink(path): return "\(path) is a symbolic link, which is not followed here"
        case let .notARegularFile(path): return "\(path) is not a regular file"
        case let .tooLarge(path, limit): return "\(path) is larger than the \(limit) bytes accepted"
        case let .unreadable(path, reason): return "\(path) cannot be read: \(reason)"
        }
    }
}
