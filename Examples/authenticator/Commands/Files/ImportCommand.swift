import ArgumentParser
import AuthenticatorKit

/// `authenticator import FILE (--password-file F | --recovery-code-file F)`: a sealed backup
/// file into this device's empty vault.
struct ImportCommand: AsyncParsableCommand, JSONReporting {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Restore a sealed backup file (from `export`) into this device's empty vault.",
        discussion: """
            Refused with existingAccounts, naming them, while the vault holds any account. \
            Prints the outcome per account like `restore` (third-party accounts are restored \
            in full; personal and work or school accounts wait for verification). With --json, \
            one object like `restore --json`.
            """
    )

    @Argument(help: ArgumentHelp("The backup file (- for standard input).", valueName: "FILE"))
    var file: String

    @Option(name: .customLong("password-file"), help: ArgumentHelp("The file holding the backup's password.", valueName: "F"))
    var passwordFile: String?

    @Option(name: .customLong("recovery-code-file"), help: ArgumentHelp("The file holding the backup's recovery code.", valueName: "F"))
    var recoveryCodeFile: String?

    @Flag(help: "Print one JSON object (and errors as a JSON object).")
    var json = false

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        if passwordFile != nil && recoveryCodeFile != nil {
            throw ValidationError("--password-file and --recovery-code-file cannot be used together")
        }
        guard passwordFile != nil || recoveryCodeFile != nil else {
            throw ValidationError("missing --password-file or --recovery-code-file")
        }
        let device = DeviceContext(global)
        _ = try await device.loadVault()
        let plan = try await BackupFileImport(store: device.store).restore(
            readingFile: { try InputFile.bytes(at: file, what: "backup file") },
            key: {
                if let passwordFile { return .password(try InputFile.password(at: passwordFile)) }
                return .recoveryCode(try InputFile.recoveryCode(at: recoveryCodeFile ?? "-"))
            }
        )
        RestoreOutcomeReport(plan: plan).print(json: json)
        await device.backUpAfterChange(plan.vault)
    }
}
