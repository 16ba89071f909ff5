import ArgumentParser
import AuthenticatorKit

/// `authenticator`: the reference app of AuthenticatorKit, built on its public API only.
///
/// Each command lives in its own file under `Commands/`; add new ones to `subcommands`.
/// Errors follow one contract (see `Support/CommandRunner.swift`): non-zero exit, nothing
/// on standard output, one line `error: <case>: <message>` on standard error.
@main
struct Authenticator: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "authenticator",
        abstract: "One-time codes, otpauth:// URIs and verification with AuthenticatorKit.",
        discussion: """
            Exit status: 0 on success, 1 when `check` finds no match, 64 for a usage error, \
            65 for bad input, 66 when a secret file cannot be read.
            """,
        subcommands: [CodeCommand.self, CheckCommand.self, URICommand.self]
    )

    static func main() async {
        await CommandRunner.run(Self.self)
    }
}
