import ArgumentParser
import AuthenticatorKit
import Interop

/// `authenticator import FILE (--password-file F | --recovery-code-file F)`: a sealed backup
/// file into this device's empty vault; with `--from NAME`, another app's export added to the
/// vault (`--partial`, `--dry-run`).
struct ImportCommand: AsyncParsableCommand, JSONReporting, DeviceCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Restore a sealed backup file into this device's empty vault, or add another app's export (--from).",
        discussion: """
            Without --from: refused with existingAccounts, naming them, while the vault holds \
            any account. Prints the outcome per account like `restore` (third-party accounts \
            are restored in full; personal and work or school accounts wait for verification). \
            With --json, one object like `restore --json`.

            With --from NAME (aegis, 2fas, google, ente, andotp, bitwarden, freeotp-plus, \
            proton, microsoft-authenticator, otpauth, or auto), FILE is another app's export \
            (--password-file if it is encrypted), added to the vault in one save. If any entry \
            cannot be imported (including one a backup could not carry: beyondVaultLimit, e.g. \
            a secret over 128 bytes or an issuer over 1,024), nothing is and importFailed \
            lists every such entry; FILE, --password-file and --recovery-code-file cannot \
            all read standard input (only one may name -); --partial \
            imports the others and lists those it left out. An entry with the same secret and \
            parameters as an account already there (or an earlier entry) is skipped. Prints one \
            line per entry: imported, skipped-duplicate or left-out, the account's identifier \
            (the existing one for a duplicate, - when left out), issuer, account name and type \
            (totp, hotp, steam; - when left out), tab-separated; fields the vault has no place \
            for are noted on standard error. With --json, one object {"format", "imported", \
            "skipped", "leftOut", "dropped"}. --dry-run prints the same and changes nothing.
            """
    )

    @Argument(help: ArgumentHelp("The backup file or export (- for standard input).", valueName: "FILE"))
    var file: String

    @Option(help: ArgumentHelp("Read FILE as another app's export in this format.", valueName: "NAME"))
    var from: String?

    @Option(name: .customLong("password-file"), help: ArgumentHelp("The file holding the backup's (or export's) password.", valueName: "F"))
    var passwordFile: String?

    @Option(name: .customLong("recovery-code-file"), help: ArgumentHelp("The file holding the backup's recovery code.", valueName: "F"))
    var recoveryCodeFile: String?

    @Flag(help: "With --from: import the entries that can be, and list those left out.")
    var partial = false

    @Flag(name: .customLong("dry-run"), help: "With --from: print what would be imported and change nothing.")
    var dryRun = false

    @Flag(help: "Print one JSON object (and errors as a JSON object).")
    var json = false

    // The global options (see `DeviceCommand`).
    @Option(help: OptionHelp.home) var home: String?
    @Option(help: OptionHelp.now) var now: Int64?
    @Option(help: OptionHelp.cloud) var cloud: String?
    @Option(help: OptionHelp.services) var services: String?
    @Option(help: OptionHelp.lockTimeout) var lockTimeout: Double?
    @Option(name: .customLong("cloud-url"), help: OptionHelp.cloudURL) var cloudURL: String?
    @Option(name: .customLong("cloud-user"), help: OptionHelp.cloudUser) var cloudUser: String?
    @Option(name: .customLong("cloud-password-file"), help: OptionHelp.cloudPasswordFile) var cloudPasswordFile: String?

    func run() async throws {
        try StandardInput.checkOneReader([
            ("FILE", file), ("--password-file", passwordFile), ("--recovery-code-file", recoveryCodeFile),
            ("--cloud-password-file", global.webDAV.passwordFile),
        ])
        if let from { return try await importForeign(from) }
        if partial { throw ValidationError("--partial needs --from") }
        if dryRun { throw ValidationError("--dry-run needs --from") }
        if passwordFile != nil && recoveryCodeFile != nil {
            throw ValidationError("--password-file and --recovery-code-file cannot be used together")
        }
        guard passwordFile != nil || recoveryCodeFile != nil else {
            throw ValidationError("missing --password-file or --recovery-code-file")
        }
        let device = DeviceContext(global)
        _ = try await device.loadVault()
        let plan = try await BackupFileImport(store: device.store).restore(
            readingFile: { try InputFile.bytes(at: file, what: "backup file", limit: InputFile.backupFileLimit) },
            key: {
                if let passwordFile { return .password(try InputFile.password(at: passwordFile)) }
                return .recoveryCode(try InputFile.recoveryCode(at: recoveryCodeFile ?? "-"))
            }
        )
        RestoreOutcomeReport(plan: plan).print(json: json)
        await device.backUpAfterChange(plan.vault)
    }

    /// `import FILE --from NAME`: reads the export, adds it (or, with --dry-run, plans it) and
    /// prints the report.
    private func importForeign(_ name: String) async throws {
        guard let format = ImportFormat(rawValue: name) else {
            let names = ImportFormat.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("--from must be one of \(names), not '\(name)'")
        }
        if recoveryCodeFile != nil { throw ValidationError("--recovery-code-file cannot be used with --from") }
        let device = DeviceContext(global)
        _ = try await device.loadVault()
        let bytes = try InputFile.bytes(at: file, what: "export file", limit: InteropLimits.default.maximumInputBytes)
        let password = try passwordFile.map { try InputFile.password(at: $0) }
        let foreign = try ForeignVaultReader.read(bytes, format: format, password: password)
        let report: AccountImportReport
        do {
            report = try await AccountImport(store: device.store, clock: device.clock)
                .importAccounts(from: foreign, partial: partial, dryRun: dryRun)
        } catch {
            throw ForeignImportReport.failure(error)
        }
        ForeignImportReport(report: report).print(json: json)
        if let saved = report.savedVault { await device.backUpAfterChange(saved) }
    }
}
