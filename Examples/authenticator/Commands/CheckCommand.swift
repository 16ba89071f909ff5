import ArgumentParser
import AuthenticatorKit

/// `authenticator check`: whether a code is valid, and at which step offset.
struct CheckCommand: AsyncParsableCommand, TokenCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Verify a code; print the matching step offset (-1, 0, 1, …).",
        discussion: """
            When the code matches no step, prints `no match` on standard error and exits with \
            status 1. --code-file PATH reads the code from a file (- for standard input), \
            --uri-file and --secret-file the token, so that none of them is on the command line.
            """
    )

    // The token options (see `TokenCommand`).
    @Option(help: OptionHelp.secret) var secret: String?
    @Option(name: .customLong("secret-file"), help: OptionHelp.secretFile) var secretFile: String?
    @Option(help: OptionHelp.uri) var uri: String?
    @Option(name: .customLong("uri-file"), help: OptionHelp.uriFile) var uriFile: String?
    @Flag(help: OptionHelp.hotp) var hotp = false
    @Flag(help: OptionHelp.steam) var steam = false
    @Option(help: OptionHelp.algorithm) var algorithm: String?
    @Option(help: OptionHelp.digits) var digits: Int?
    @Option(help: OptionHelp.period) var period: Int64?
    @Option(help: OptionHelp.counter) var counter: UInt64?
    @Option(help: OptionHelp.t0) var t0: Int64?
    @Option(help: OptionHelp.time) var time: Int64?

    @Option(help: ArgumentHelp("The code to check.", valueName: "CODE"))
    var code: String?

    @Option(name: .customLong("code-file"), help: ArgumentHelp("Read the code to check from PATH, or from standard input for -.", valueName: "PATH"))
    var codeFile: String?

    @Option(help: ArgumentHelp("TOTP: steps accepted either side of the current one. HOTP: counters accepted after --counter (look-ahead).", valueName: "N"))
    var window: UInt32 = 1

    func run() async throws {
        if code != nil && codeFile != nil { throw ValidationError("--code and --code-file cannot be used together") }
        try StandardInput.checkOneReader([
            ("--secret-file", secretFile), ("--uri-file", uriFile), ("--code-file", codeFile),
        ])
        let generator = try makeGenerator(timeGiven: time != nil)
        guard let code = try code ?? codeFile.map(SecretFile.text(at:)) else {
            throw ValidationError("missing --code or --code-file")
        }
        let result: CodeCheckResult
        switch generator.factor {
        case let .counter(expected):
            if time != nil { throw ValidationError("--time cannot be used with an HOTP URI") }
            result = generator.check(code, expectedCounter: expected, lookAhead: window)
        case .timer:
            if let time = time {
                result = try generator.check(code, atUnixTime: time, window: .symmetric(window))
            } else {
                result = try generator.check(code, using: SystemTimeSource(), window: .symmetric(window))
            }
        }
        guard let match = result.acceptedMatch else {
            Output.writeErrorLine("no match")
            throw ExitCode(ExitStatus.noMatch)
        }
        Output.writeLine(String(match.offset))
    }
}
