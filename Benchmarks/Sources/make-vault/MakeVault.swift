import ArgumentParser
import AuthenticatorKit
import BenchmarkVaults
import Foundation

/// `make-vault --accounts N --output F --password-file P [--seed S] [--cost C] [--home DIR]`:
/// a sealed backup of N accounts of mixed kinds, for the benchmarks (Benchmarks/README.md).
@main
struct MakeVault: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "make-vault",
        abstract: "Write a sealed backup of N accounts of mixed kinds (and optionally a CLI vault) for benchmarks.",
        discussion: """
            The accounts follow from --seed alone: TOTP (SHA-1 6 digits 30 s, SHA-256 8 digits, \
            SHA-512 8 digits 60 s), HOTP, Steam, personal and work-or-school accounts (those two \
            as a backup carries them: metadata only). The last account is always a TOTP SHA-1 \
            one. The file has one password slot (the password is the password file's content \
            without its final line break, as for `authenticator`). --cost minimum (the default) \
            is the floor every reader accepts and what `authenticator export` writes with \
            AUTHENTICATOR_FAST_KDF=1; moderate is what it writes otherwise. With --home DIR the \
            backup is also restored into the vault of `authenticator --home DIR`, as \
            `authenticator import` does. Prints, tab-separated: accounts, the count per kind, \
            the file's size, and lookup-id (the last account's identifier, for `code ID`).
            """
    )

    @Option(help: "How many accounts (1…50,000).")
    var accounts: Int

    @Option(help: ArgumentHelp("The sealed backup file to write (replaced if it exists).", valueName: "FILE"))
    var output: String?

    @Option(name: .customLong("password-file"), help: ArgumentHelp("The file holding the backup's password.", valueName: "F"))
    var passwordFile: String

    @Option(help: "The seed the accounts follow from.")
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("Argon2id of the password slot: minimum (2 passes, 64 MiB), moderate (3, 256 MiB), maximum (4, 1 GiB), or PASSES,MiB.", valueName: "COST"))
    var cost: String = "minimum"

    @Option(help: ArgumentHelp("Also restore the backup into the vault of `authenticator --home DIR` (empty or new).", valueName: "DIR"))
    var home: String?

    func validate() throws {
        guard (1...VaultLimits.maximumAccounts).contains(accounts) else {
            throw ValidationError("--accounts must be 1…\(VaultLimits.maximumAccounts)")
        }
        guard output != nil || home != nil else { throw ValidationError("give --output FILE, --home DIR or both") }
        _ = try parsedCost()
    }

    func run() async throws {
        let password = try readPassword()
        let made = try BenchmarkVault(accountCount: accounts, seed: seed)
        let sealed = try made.sealed(password: password, cost: try parsedCost())
        if let output {
            try Data(sealed).write(to: URL(fileURLWithPath: output), options: .atomic)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: output)
        }
        if let home {
            let restored = try await BenchmarkVault.restore(sealed, password: password, intoHome: URL(fileURLWithPath: home, isDirectory: true))
            guard restored == accounts else { throw ValidationError("restored \(restored) accounts, not \(accounts)") }
        }
        print("accounts\t\(accounts)")
        for kind in BenchmarkAccountKind.allCases { print("\(kind.rawValue)\t\(made.counts[kind, default: 0])") }
        print("bytes\t\(sealed.count)")
        print("lookup-id\t\(made.lookupID.rawValue)")
    }

    /// `--cost` as a cost within the format's bounds.
    private func parsedCost() throws -> PasswordHashingCost {
        switch cost {
        case "minimum": return .minimum
        case "moderate": return .moderate
        case "maximum": return .maximum
        default:
            let parts = cost.split(separator: ",").map { UInt32($0.trimmingCharacters(in: .whitespaces)) }
            guard parts.count == 2, let passes = parts[0], let mebibytes = parts[1], mebibytes <= UInt32.max / 1024,
                  let parsed = PasswordHashingCost(operations: passes, memoryKiB: mebibytes * 1024)
            else {
                throw ValidationError("--cost must be minimum, moderate, maximum or PASSES,MiB within 2…4 passes and 64…1024 MiB")
            }
            return parsed
        }
    }

    /// The password as `authenticator` reads it: the file without its final line break
    /// (LF or CR LF), in Unicode normalisation form C.
    private func readPassword() throws -> SecureBytes {
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: passwordFile)))
        defer { ConstantTime.zero(&bytes) }
        if bytes.last == UInt8(ascii: "\n") { bytes.removeLast() }
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        guard !bytes.isEmpty else { throw ValidationError("the password file \(passwordFile) is empty") }
        if bytes.allSatisfy({ $0 < 0x80 }) { return SecureBytes(copying: bytes) }
        var normalised = Array(String(decoding: bytes, as: UTF8.self).precomposedStringWithCanonicalMapping.utf8)
        defer { ConstantTime.zero(&normalised) }
        return SecureBytes(copying: normalised)
    }
}
