import ArgumentParser
import AuthenticatorKit
import Foundation

/// `--secret B32` or `--secret-file PATH|-`, so that a secret need not appear in the
/// process list.
struct SecretOptions: ParsableArguments {
    @Option(help: OptionHelp.secret)
    var secret: String?

    @Option(name: .customLong("secret-file"), help: OptionHelp.secretFile)
    var secretFile: String?

    /// The values given.
    var input: SecretInput { SecretInput(secret: secret, secretFile: secretFile) }

    /// Fails unless exactly one of the options was given. (Checked when the command runs,
    /// not in `validate()`, so that an unknown option is reported first.)
    func checkExactlyOneGiven() throws { try input.checkExactlyOneGiven() }

    /// The secret, decoded straight into secure memory.
    func read() throws -> SecureBytes { try input.read() }
}

/// The values of `--secret` and `--secret-file` (see ``SecretOptions``).
struct SecretInput {
    var secret: String?
    var secretFile: String?

    /// Whether either option was given.
    var isGiven: Bool { secret != nil || secretFile != nil }

    /// Fails unless exactly one of the options was given. (Checked when the command runs,
    /// not in `validate()`, so that an unknown option is reported first.)
    func checkExactlyOneGiven() throws {
        guard isGiven else { throw ValidationError("missing --secret or --secret-file") }
        if secret != nil && secretFile != nil {
            throw ValidationError("--secret and --secret-file cannot be used together")
        }
    }

    /// The secret, decoded straight into secure memory.
    func read() throws -> SecureBytes {
        if let secret { return try Base32.decode(secret) }
        guard let secretFile else { throw ValidationError("missing --secret or --secret-file") }
        var data = try Self.contents(of: secretFile)
        defer { data.resetBytes(in: 0..<data.count) }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return try Base32.decode(text)
    }

    /// The bytes of `path`, or of standard input for `-`.
    private static func contents(of path: String) throws -> Data {
        if path == "-" { return Invocation.readStandardInput() }
        do {
            return Data(try LocalFile.read(at: URL(fileURLWithPath: path), limit: InputFile.smallFileLimit))
        } catch {
            throw CLIError.unreadableSecretFile(path: path, reason: InputFile.reason(for: error))
        }
    }
}
