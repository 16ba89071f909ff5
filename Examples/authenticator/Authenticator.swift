import ArgumentParser
import AuthenticatorKit

/// `authenticator`: the reference app of AuthenticatorKit, built on its public API only
/// (apart from the package's test-only password-hashing cost behind `AUTHENTICATOR_FAST_KDF=1`).
///
/// Each command lives in its own file under `Commands/`; add new ones to `subcommands`.
/// Errors follow one contract (see `Support/CommandRunner.swift`): non-zero exit, nothing
/// on standard output (for a command given `--json`: one JSON object `{"error": …}`), one
/// line `error: <case>: <message>` on standard error.
@main
struct Authenticator: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "authenticator",
        abstract: "One-time codes, an account vault, and encrypted backup and restore with AuthenticatorKit.",
        discussion: """
            Device commands take, before or after the command's name, --home DIR (default: \
            $AUTHENTICATOR_HOME, else ~/.authenticator), --cloud DIR (the folder playing the cloud; default <home>/cloud), \
            --services DIR (the embedded recovery-account service and account provider; default \
            <home>/services) and --now UNIX (the current time, for demos and tests). Two devices \
            share a cloud and services when given the same --cloud and --services. \
            AUTHENTICATOR_FAST_KDF=1 lowers password hashing to test costs (the embedded \
            services below the floor, export to the floor, export --to aegis to the least scrypt \
            cost), for tests and demos only.

            Errors: one line `error: <case>: <message>` on standard error, where <case> is the \
            SDK's Swift case name (for backup and restore: platformMismatch, backupElsewhere, \
            networkUnavailable, notSignedIn, cloudIdentityMismatch, backupNotFound, existingAccounts, \
            backupStale, unsupportedVersion, damaged, wrongRecoveryAccount, duplicateAccountIdentifier, \
            backupRolledBack, tooManyAccounts, with the suggested action after the message); commands given --json also print {"error": "<case>", "message": …, \
            "suggestedAction": …} on standard output.

            Exit status: 0 on success, 1 when `check` or `provider check` finds no match, 64 for \
            a usage error, 65 when the SDK refuses the request, 66 when an input file cannot be \
            read, 73 when an output file cannot be written.
            """,
        subcommands: [
            CodeCommand.self, CheckCommand.self, URICommand.self,
            InitCommand.self, AddCommand.self, ListCommand.self, RemoveCommand.self, MoveCommand.self,
            RenameCommand.self, SettingsCommand.self, ExportCommand.self, ImportCommand.self, InspectCommand.self,
            RecoveryAccountCommand.self, BackupCommand.self, SignInCommand.self, RestoreCommand.self,
            VerifyCommand.self, ProviderCommand.self,
        ]
    )

    static func main() async {
        await CommandRunner.run(Self.self)
    }
}
