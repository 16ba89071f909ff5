import ArgumentParser
import AuthenticatorKit
import Foundation

/// The files of the `-file` options that keep a secret off the command line (where
/// `/proc/PID/cmdline` shows it to every local user): `--secret-file`, `--uri-file`,
/// `--qr-file`, `--code-file`. `-` reads standard input.
///
/// Each is read bounded (at most ``maximumLength`` bytes: no secret, URI, QR payload or code
/// is anywhere near as long, so a wrong path such as `/dev/zero` fails at once), and the text
/// is trimmed of surrounding white space and line breaks (`echo` and editors add one).
enum SecretFile {
    /// The most bytes read from one file: 64 KiB.
    static let maximumLength = 64 * 1024

    /// The text in the file at `path` (standard input for `-`), trimmed.
    /// - Throws: `CLIError.unreadableSecretFile`, or `CLIError.secretFileTooLarge` for more
    ///   than ``maximumLength`` bytes.
    static func text(at path: String) throws -> String {
        var data = try contents(of: path)
        defer { data.resetBytes(in: 0..<data.count) }
        guard data.count <= maximumLength else { throw CLIError.secretFileTooLarge(path: path, limit: maximumLength) }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// At most ``maximumLength`` + 1 bytes of `path`, or of standard input for `-`.
    private static func contents(of path: String) throws -> Data {
        if path == "-" {
            try Invocation.claimStandardInput()
            return Invocation.readStandardInput(upTo: maximumLength + 1)
        }
        guard let data = InputFile.prefix(of: path, upTo: maximumLength + 1) else {
            throw CLIError.unreadableSecretFile(path: path, reason: InputFile.unreadableReason(path))
        }
        return data
    }
}

/// Standard input can be read once: of the options of one command that name `-`, at most one
/// may.
enum StandardInput {
    /// Fails with a usage error when more than one of `options` (name, value) has the value
    /// `-`, naming them: two readers would silently split (or starve) one stream.
    static func checkOneReader(_ options: [(name: String, value: String?)]) throws {
        let readers = options.filter { $0.value == "-" }.map(\.name)
        guard readers.count > 1 else { return }
        throw ValidationError(
            "only one option can read standard input, but \(readers.joined(separator: " and ")) \(readers.count == 2 ? "both" : "all") name -")
    }
}
