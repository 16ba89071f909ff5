import ArgumentParser
import AuthenticatorKit
import Foundation

/// `authenticator export --output FILE --password-file F [--recovery-code]`: the vault as a
/// sealed backup file that a password (and optionally a recovery code) opens.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the vault to a sealed backup file opened by a password.",
        discussion: """
            The file has a password slot (Argon2id, the format's recommended parameters) and, \
            with --recovery-code, a recovery-code slot: the code is printed once, on standard \
            output; write it down. The password is the password file's content without its \
            final line break; an empty one is refused. The file is written atomically with \
            permissions 0600 and an existing file is kept unless --force is given. Use it to \
            move accounts to a device on the other platform (`authenticator import`).
            """
    )

    @Option(help: ArgumentHelp("The backup file to write.", valueName: "FILE"))
    var output: String

    @Option(name: .customLong("password-file"), help: ArgumentHelp("The file holding the password (- for standard input).", valueName: "F"))
    var passwordFile: String

    @Flag(name: .customLong("recovery-code"), help: "Add a recovery-code slot and print its code once.")
    var recoveryCode = false

    @Flag(help: "Replace FILE if it exists.")
    var force = false

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let device = DeviceContext(global)
        let vault = try await device.loadVault()
        let password = try InputFile.password(at: passwordFile)
        var slots: [KeySlot] = [.password(password, parameters: KeyDerivationCost.exportParameters)]
        let code = recoveryCode ? RecoveryCode() : nil
        if let code { slots.append(.recoveryCode(code)) }
        let metadata = BackupMetadata(generation: 1, platform: vault.settings.platform, appVersion: AppInfo.version, backupID: UUID())
        let sealed = try BackupSealer(clock: device.clock).seal(BackupPayload(vault: vault), metadata: metadata, keySlots: slots)
        try OutputFile.write(sealed, to: output, replacing: force)
        if let code { Output.writeLine(code.text) }
    }
}
