import Interop
import OTP
import SodiumBridge

/// One target per importer of other authenticators' exports, and one for format detection.
enum InteropTargets {
    /// The password of the encrypted seeds (the interop fixtures' password).
    static let password = SecureBytes(copying: Array("correct horse battery staple".utf8))

    /// Limits that keep a fuzzed file's key derivation as cheap as the seeds' (scrypt N = 2¹⁰,
    /// PBKDF2 10,000 iterations, Argon2id 2 passes of 19 MiB): dearer parameters are refused
    /// before any work, which is itself a property under test.
    static let limits = InteropLimits(
        maximumInputBytes: 1 << 20, maximumEntries: 1_000,
        maximumScryptN: 1 << 10, maximumScryptR: 8, maximumScryptP: 1, maximumScryptMemory: 8 << 20,
        maximumPBKDF2Iterations: 10_000,
        maximumArgon2Operations: 2, maximumArgon2Memory: 19 << 20, maximumArgon2Work: 38 << 20
    )

    /// The formats with a harness of their own (every `ImportFormat` but `auto`, which has ``auto``).
    static let formats = ImportFormat.allCases.filter { $0 != .auto }

    /// The harness name of a format: `Import` and the format's Swift case name, capitalised.
    static func name(of format: ImportFormat) -> String {
        let name = "\(format)"
        return "Import" + name.prefix(1).uppercased() + name.dropFirst()
    }

    static let all: [FuzzTarget] = formats.map(target(for:)) + [auto]

    static func target(for format: ImportFormat) -> FuzzTarget {
        FuzzTarget(
            name(of: format),
            "Reading the input as `\(format.rawValue)` (with the seeds' password) throws an `InteropError` or gives at most the limit's entries, each token of which round-trips through `Token.uri`; tokens written back as otpauth and Aegis read back equal."
        ) { bytes throws(PropertyViolation) in
            try check(bytes, as: format)
        }
    }

    /// Format detection: what `detectFormat` names, `auto` reads as.
    static let auto = FuzzTarget(
        "ImportAuto",
        "`detectFormat` and reading with `auto` agree: `auto` reads the input as the detected format, with the same entries as reading it as that format."
    ) { bytes throws(PropertyViolation) in
        let detected = try? ForeignVaultReader.detectFormat(bytes)
        let auto = try? ForeignVaultReader.read(bytes, format: .auto, password: password, limits: limits)
        if let auto {
            Acceptances.note("ImportAuto")
            try require(auto.format == detected, "auto reads a file as the format detectFormat names", "\(auto.format) vs \(detected.map { "\($0)" } ?? "none")")
            let direct = try? ForeignVaultReader.read(bytes, format: auto.format, password: password, limits: limits)
            try require(direct?.tokens == auto.tokens, "auto reads the same tokens as the detected format")
            try checkVault(auto, limits: limits)
        }
    }

    static func check(_ bytes: [UInt8], as format: ImportFormat) throws(PropertyViolation) {
        guard let vault = try? ForeignVaultReader.read(bytes, format: format, password: password, limits: limits) else { return }
        Acceptances.note(name(of: format))
        try require(vault.format == format, "a file read as a format says so", "\(vault.format)")
        try checkVault(vault, limits: limits)
    }

    /// What holds for every vault read: within the limits, one outcome per entry, every token
    /// exportable and read back equal.
    static func checkVault(_ vault: ForeignVault, limits: InteropLimits) throws(PropertyViolation) {
        try require(vault.entries.count <= limits.maximumEntries, "a reader keeps to the entry limit", "\(vault.entries.count)")
        for entry in vault.entries {
            try require((entry.token == nil) != (entry.problem == nil), "every entry is a token or a problem")
            if let token = entry.token, let violation = token.uriRoundTripViolation("an imported token") { throw violation }
        }
        let tokens = vault.tokens
        guard !tokens.isEmpty else { return }
        for format in [ExportFormat.otpauth, .aegis] {
            guard let written = try? ForeignVaultWriter.write(tokens.map { ExportEntry($0) }, format: format, password: nil) else {
                continue  // a token the format cannot express: refused, not changed
            }
            let back: ForeignVault
            do throws(InteropError) {
                back = try ForeignVaultReader.read(written, format: format == .aegis ? .aegis : .otpauth, password: nil)
            } catch {
                throw PropertyViolation("an export of imported tokens reads back (\(format))", error.caseName)
            }
            try require(back.tokens == tokens, "an export of imported tokens reads back equal (\(format))")
            for (original, reread) in zip(tokens, back.tokens) {
                try require(original.generator.secret == reread.generator.secret, "an export keeps every secret (\(format))")
            }
        }
    }
}
