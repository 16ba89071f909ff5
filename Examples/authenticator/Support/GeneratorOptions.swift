import ArgumentParser
import AuthenticatorKit

/// The options that say which codes to make: a secret with TOTP, HOTP or Steam parameters,
/// or an `otpauth://` URI. Shared by `code` and `check`.
struct GeneratorOptions: ParsableArguments {
    @OptionGroup var secretInput: SecretOptions

    @Option(help: ArgumentHelp("Take the secret and parameters from an otpauth:// URI.", valueName: "URI"))
    var uri: String?

    @Flag(help: "HOTP (RFC 4226): codes for a counter instead of the time.")
    var hotp = false

    @Flag(help: "Steam Guard: 5 characters, SHA-1, 30 s.")
    var steam = false

    @OptionGroup var parameters: ParameterOptions

    @Option(help: ArgumentHelp("TOTP T0, the Unix time counting starts from (default 0).", valueName: "S"))
    var t0: Int64?

    @Option(help: ArgumentHelp("The Unix time to use instead of now (TOTP and Steam).", valueName: "UNIX"))
    var time: Int64?

    /// Fails for options that cannot go together. (Checked when the command runs, not in
    /// `validate()`, so that an unknown option is reported first.)
    func checkCombination() throws {
        let (algorithm, digits, period, counter) = (parameters.algorithm, parameters.digits, parameters.period, parameters.counter)
        if uri != nil {
            let conflicting: [(String, Bool)] = [
                ("--secret", secretInput.secret != nil), ("--secret-file", secretInput.secretFile != nil),
                ("--hotp", hotp), ("--steam", steam), ("--algorithm", algorithm != nil), ("--digits", digits != nil),
                ("--period", period != nil), ("--t0", t0 != nil), ("--counter", counter != nil),
            ]
            if let (name, _) = conflicting.first(where: \.1) {
                throw ValidationError("--uri cannot be combined with \(name)")
            }
            return
        }
        try secretInput.checkExactlyOneGiven()
        if hotp && steam { throw ValidationError("--hotp and --steam cannot be used together") }
        if hotp {
            guard counter != nil else { throw ValidationError("--hotp needs --counter") }
            try forbid(["--period": period != nil, "--t0": t0 != nil, "--time": time != nil], with: "--hotp")
        } else if counter != nil {
            throw ValidationError("--counter needs --hotp")
        }
        if steam {
            try forbid(["--algorithm": algorithm != nil, "--digits": digits != nil, "--period": period != nil, "--t0": t0 != nil], with: "--steam")
        }
    }

    /// The generator these options describe, after ``checkCombination()``.
    func makeGenerator() throws -> Generator {
        try checkCombination()
        if let uri { return try Token(uri: uri).generator }
        let secret = try secretInput.read()
        if steam { return try Generator.steam(secret: secret) }
        let factor: Factor = hotp ? .counter(parameters.counter ?? 0) : .timer(period: parameters.period ?? 30, t0: t0 ?? 0)
        return try Generator(factor: factor, secret: secret, algorithm: try parameters.chosenAlgorithm(), format: .decimal(digits: parameters.digits ?? 6))
    }

    /// Rejects every option in `options` that was given, naming the one it conflicts with.
    private func forbid(_ options: KeyValuePairs<String, Bool>, with other: String) throws {
        if let (name, _) = options.first(where: \.value) {
            throw ValidationError("\(name) cannot be used with \(other)")
        }
    }
}
