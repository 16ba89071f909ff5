import ArgumentParser
import AuthenticatorKit

/// The values of the options that describe an OTP secret and its parameters (see
/// ``TokenCommand``), and what they mean together.
struct TokenChoice {
    var secretInput: SecretInput
    var uri: String?
    var uriFile: String?
    var hotp: Bool
    var steam: Bool
    var parameters: CodeParameters
    var t0: Int64?

    /// Whether `--uri` or `--uri-file` was given.
    var isURIGiven: Bool { uri != nil || uriFile != nil }

    /// The option that gives the URI, by its name, for "cannot be combined with".
    private var uriOptionName: String { uri != nil ? "--uri" : "--uri-file" }

    /// The URI of `--uri`, or read from `--uri-file`'s file (see `SecretFile`); `nil` when
    /// neither was given.
    func readURI() throws -> String? {
        if let uri { return uri }
        return try uriFile.map(SecretFile.text(at:))
    }

    /// Whether any of these options was given.
    var isGiven: Bool {
        secretInput.isGiven || isURIGiven || hotp || steam || t0 != nil || parameters.algorithm != nil
            || parameters.digits != nil || parameters.period != nil || parameters.counter != nil
    }

    /// The first of these options that was given, by its name, for "cannot be used with".
    var firstGivenName: String? {
        let given: [(String, Bool)] = [
            ("--secret", secretInput.secret != nil), ("--secret-file", secretInput.secretFile != nil),
            ("--uri", uri != nil), ("--uri-file", uriFile != nil), ("--hotp", hotp), ("--steam", steam),
            ("--algorithm", parameters.algorithm != nil), ("--digits", parameters.digits != nil),
            ("--period", parameters.period != nil), ("--t0", t0 != nil), ("--counter", parameters.counter != nil),
        ]
        return given.first(where: \.1)?.0
    }

    /// Fails for options that cannot go together; `time` says whether a time was given too
    /// (TOTP and Steam only). (Checked when the command runs, not in `validate()`, so that an
    /// unknown option is reported first.)
    func checkCombination(timeGiven: Bool) throws {
        let (algorithm, digits, period, counter) = (parameters.algorithm, parameters.digits, parameters.period, parameters.counter)
        if uri != nil && uriFile != nil { throw ValidationError("--uri and --uri-file cannot be used together") }
        if isURIGiven {
            let conflicting: [(String, Bool)] = [
                ("--secret", secretInput.secret != nil), ("--secret-file", secretInput.secretFile != nil),
                ("--hotp", hotp), ("--steam", steam), ("--algorithm", algorithm != nil), ("--digits", digits != nil),
                ("--period", period != nil), ("--t0", t0 != nil), ("--counter", counter != nil),
            ]
            if let (name, _) = conflicting.first(where: \.1) {
                throw ValidationError("\(uriOptionName) cannot be combined with \(name)")
            }
            return
        }
        try secretInput.checkExactlyOneGiven()
        if hotp && steam { throw ValidationError("--hotp and --steam cannot be used together") }
        if hotp {
            guard counter != nil else { throw ValidationError("--hotp needs --counter") }
            try forbid(["--period": period != nil, "--t0": t0 != nil, "--time": timeGiven], with: "--hotp")
        } else if counter != nil {
            throw ValidationError("--counter needs --hotp")
        }
        if steam {
            try forbid(["--algorithm": algorithm != nil, "--digits": digits != nil, "--period": period != nil, "--t0": t0 != nil], with: "--steam")
        }
    }

    /// The generator these options describe, after ``checkCombination(timeGiven:)``.
    func makeGenerator() throws -> Generator {
        if let uri = try readURI() { return try Token(uri: uri).generator }
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
