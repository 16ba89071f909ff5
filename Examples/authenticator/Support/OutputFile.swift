#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Writes output files (exported backups) atomically: a temporary file in the same folder
/// (permissions 0600), written and flushed to disk, then moved into place, then the folder
/// flushed. A crash leaves the old file or the new one, never a part.
enum OutputFile {
    /// Writes `bytes` to `path`. Without `replacing`, an existing file is never touched.
    /// - Throws: `CLIError.outputExists`, `CLIError.unwritableFile`.
    static func write(_ bytes: [UInt8], to path: String, replacing: Bool) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        if !replacing && FileManager.default.fileExists(atPath: path) { throw CLIError.outputExists(path: path) }
        let temporary = folder + "/." + url.lastPathComponent + ".tmp-" + UUID().uuidString
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw failure(path) }
        var written = 0
        let complete: Bool = bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return fsync(fd) == 0 }
            while written < buffer.count {
                let count = systemWrite(fd, base + written, buffer.count - written)
                if count < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                written += count
            }
            return fsync(fd) == 0
        }
        close(fd)
        guard complete else {
            unlink(temporary)
            throw failure(path)
        }
        if replacing {
            guard rename(temporary, path) == 0 else {
                let error = failure(path)
                unlink(temporary)
                throw error
            }
        } else {
            // link() refuses an existing name, so a file created meanwhile is not replaced.
            let linked = link(temporary, path) == 0
            let exists = errno == EEXIST
            unlink(temporary)
            guard linked else { throw exists ? CLIError.outputExists(path: path) : failure(path) }
        }
        let directory = open(folder, O_RDONLY | O_CLOEXEC)
        if directory >= 0 {
            fsync(directory)
            close(directory)
        }
    }

    /// The error for the current `errno`.
    private static func failure(_ path: String) -> CLIError {
        CLIError.unwritableFile(path: path, reason: String(cString: strerror(errno)))
    }
}

/// `write(2)`, named apart from ``OutputFile/write(_:to:replacing:)``.
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Darwin)
    return Darwin.write(fd, buffer, count)
    #elseif canImport(Musl)
    return Musl.write(fd, buffer, count)
    #else
    return Glibc.write(fd, buffer, count)
    #endif
}
