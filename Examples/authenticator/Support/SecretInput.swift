import ArgumentParser
import AuthenticatorKit
import Foundation

/// The values of `--secret B32` and `--secret-file PATH|-` (a file, or standard input, so
/// that a secret need not appear in the process list).
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
        return try Base32.decode(try SecretFile.text(at: secretFile))
    }
}
