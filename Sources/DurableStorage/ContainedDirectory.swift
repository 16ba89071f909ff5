import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Folders inside a folder the user chose (a cloud folder, a services folder), created and
/// found without following a symbolic link.
///
/// The base folder itself is the user's choice and may be a link; every folder below it must be
/// a real folder: a link planted there (`ios/` pointing at another user's files, or at a folder
/// of the attacker's) is refused with ``StorageError/symbolicLink(path:)``, and anything else
/// in the way with `ENOTDIR`. Files in the folders are then read with
/// ``AtomicFile/read(_:limit:followingSymbolicLink:)``, which refuses links too.
package enum ContainedDirectory {
    /// Creates the folders `components` inside `base`, each inside the previous one, new ones
    /// with permissions `0700`; returns the innermost. `base` must exist.
    package static func create(_ components: [String], in base: URL) throws(StorageError) -> URL {
        var url = base
        for component in components {
            url = url.appendingPathComponent(component, isDirectory: true)
            if mkdir(url.path, 0o700) == 0 { continue }
            guard errno == EEXIST else {
                throw .ioFailure(operation: "create directory", path: url.path, errno: errno)
            }
            try requireDirectory(url.path)
        }
        return url
    }

    /// The folder `components` inside `base`, or `nil` when one of them does not exist.
    package static func existing(_ components: [String], in base: URL) throws(StorageError) -> URL? {
        var url = base
        for component in components {
            url = url.appendingPathComponent(component, isDirectory: true)
            var info = stat()
            guard lstat(url.path, &info) == 0 else {
                if errno == ENOENT { return nil }
                throw .ioFailure(operation: "inspect", path: url.path, errno: errno)
            }
            try requireDirectory(url.path, info)
        }
        return url
    }

    /// Throws unless `path` is a folder itself (not a link to one).
    private static func requireDirectory(_ path: String, _ known: stat? = nil) throws(StorageError) {
        var info = known ?? stat()
        if known == nil, lstat(path, &info) != 0 {
            throw .ioFailure(operation: "inspect", path: path, errno: errno)
        }
        switch info.st_mode & POSIXFile.typeMask {
        case POSIXFile.directoryFile: return
        case POSIXFile.symbolicLinkFile: throw .symbolicLink(path: path)
        default: throw .ioFailure(operation: "use the folder", path: path, errno: ENOTDIR)
        }
    }
}
