import AuthenticatorKit
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Files the commands read: passwords, recovery codes and backups. `-` reads standard input.
///
/// Every file is read with `LocalFile` (the SDK's bounded read): its size is checked before a
/// byte is read and only a regular file is read, so `/dev/zero`, a FIFO or a sparse file of
/// gigabytes given as a backup is refused at once instead of filling memory. A small file (a
/// password, a recovery code) may also be a pipe or a device (`--password-file <(…)`): it is
/// read at most 64 KiB + 1 bytes, so `/dev/zero` is refused as too large.
enum InputFile {
    /// The most a small input file (a password, a recovery code, a secret) may hold: 64 KiB.
    static let smallFileLimit = 64 * 1024
    /// The most a backup file may hold: the backup format's largest file (16 MiB).
    static let backupFileLimit = BackupLimits.maximumFileSize

    /// The bytes of `path` (standard input for `-`), at most `limit`.
    /// - Parameters:
    ///   - followingSymbolicLinks: `true` for a path the user typed (a link they made is
    ///     fine); `false` for the device's own files in `--home`, where a link is refused.
    /// - Throws: `CLIError.unreadableFile` naming `what` it was meant to be and why.
    static func bytes(
        at path: String, what: String, limit: Int = smallFileLimit, followingSymbolicLinks: Bool = true
    ) throws -> [UInt8] {
        if path == "-" {
            try Invocation.claimStandardInput()
            return Array(Invocation.readStandardInput())
        }
        if limit <= smallFileLimit, followingSymbolicLinks, isPipeOrDevice(path) {
            // A password or a recovery code may come from a pipe (`--password-file <(pass show x)`):
            // a small file is read from anything, at most `limit` + 1 bytes. (Checked without
            // opening it: an open and close would take a waiting writer's data away.)
            return try streamed(at: path, what: what, limit: limit)
        }
        do {
            return try LocalFile.read(at: URL(fileURLWithPath: path), limit: limit, followingSymbolicLinks: followingSymbolicLinks)
        } catch {
            throw CLIError.unreadableFile(what: what, path: path, reason: reason(for: error))
        }
    }

    /// Whether `path` (its links followed) is a pipe or a character device.
    private static func isPipeOrDevice(_ path: String) -> Bool {
        var status = stat()
        guard stat(path, &status) == 0 else { return false }
        let type = status.st_mode & S_IFMT
        return type == S_IFIFO || type == S_IFCHR
    }

    /// At most `limit` bytes of the pipe or device at `path`.
    /// - Throws: `CLIError.unreadableFile` when it cannot be read or holds more than `limit`.
    private static func streamed(at path: String, what: String, limit: Int) throws -> [UInt8] {
        guard let data = prefix(of: path, upTo: limit + 1) else {
            throw CLIError.unreadableFile(what: what, path: path, reason: unreadableReason(path))
        }
        guard data.count <= limit else {
            throw CLIError.unreadableFile(what: what, path: path, reason: "it is larger than \(limit) bytes")
        }
        return Array(data)
    }

    /// At most `count` bytes of the file, pipe or device at `path`; `nil` when it cannot be read.
    static func prefix(of path: String, upTo count: Int) -> Data? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        do {
            // `Data` on Linux, `Data?` (nil at the end of the file) on Apple platforms.
            let read: Data? = try handle.read(upToCount: count)
            return read ?? Data()
        } catch {
            return nil
        }
    }

    /// Why `path` could not be opened or read, in a few words.
    static func unreadableReason(_ path: String) -> String {
        if !FileManager.default.fileExists(atPath: path) { return "no such file" }
        if !FileManager.default.isReadableFile(atPath: path) { return "permission denied" }
        return "it is not a readable file"
    }

    /// Why `error` read nothing, in the words of `CLIError.unreadableFile`.
    static func reason(for error: LocalFileError) -> String {
        switch error {
        case .notFound: return "no such file"
        case .unreadable: return FileManager.default.fileExists(atPath: pathOf(error)) ? "permission denied" : "no such file"
        case .symbolicLink: return "it is a symbolic link, which is not followed here"
        case .notARegularFile: return "it is not a regular file"
        case let .tooLarge(_, limit): return "it is larger than \(limit) bytes"
        }
    }

    private static func pathOf(_ error: LocalFileError) -> String {
        switch error {
        case let .notFound(path), let .symbolicLink(path), let .notARegularFile(path),
             let .tooLarge(path, _), let .unreadable(path, _):
            return path
        }
    }

    /// The password in the file at `path`: its bytes without one final line break, in
    /// Unicode normalisation form C (so the same password typed on another platform
    /// matches), in secure memory.
    /// - Throws: `CLIError.emptyPassword` when nothing is left: a password is never empty.
    static func password(at path: String) throws -> SecureBytes {
        var bytes = try bytes(at: path, what: "password file")
        defer { ConstantTime.zero(&bytes) }
        if bytes.last == UInt8(ascii: "\n") { bytes.removeLast() }
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        guard !bytes.isEmpty else { throw CLIError.emptyPassword(path: path) }
        if bytes.allSatisfy({ $0 < 0x80 }) { return SecureBytes(copying: bytes) }
        var normalised = Array(String(decoding: bytes, as: UTF8.self).precomposedStringWithCanonicalMapping.utf8)
        defer { ConstantTime.zero(&normalised) }
        return SecureBytes(copying: normalised)
    }

    /// The recovery code written in the file at `path` (surrounding white space ignored).
    /// - Throws: `BackupFormatError.invalidRecoveryCode` for a mistyped code.
    static func recoveryCode(at path: String) throws -> RecoveryCode {
        var bytes = try bytes(at: path, what: "recovery code file")
        defer { ConstantTime.zero(&bytes) }
        return try RecoveryCode(parsing: String(decoding: bytes, as: UTF8.self))
    }
}
