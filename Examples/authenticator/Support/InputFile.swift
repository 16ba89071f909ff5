import AuthenticatorKit
import Foundation

/// Files the commands read: passwords, recovery codes and backups. `-` reads standard input.
enum InputFile {
    /// The bytes of `path` (standard input for `-`).
    /// - Throws: `CLIError.unreadableFile` naming `what` it was meant to be.
    static func bytes(at path: String, what: String) throws -> [UInt8] {
        if path == "-" {
            try Invocation.claimStandardInput()
            return Array(Invocation.readStandardInput())
        }
        do {
            return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            let reason: String
            if !FileManager.default.fileExists(atPath: path) {
                reason = "no such file"
            } else if !FileManager.default.isReadableFile(atPath: path) {
                reason = "permission denied"
            } else {
                reason = "it is not a readable file"
            }
            throw CLIError.unreadableFile(what: what, path: path, reason: reason)
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
