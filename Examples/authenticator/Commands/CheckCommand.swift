import ArgumentParser
import AuthenticatorKit

/// `authenticator check`: whether a code is valid, and at which step offset.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Verify a code; print the matching step offset (-1, 0, 1, …).",
        discussion: "When the code matches no step, prints `no match` on standard error and exits with status 1."
    )

    @OptionGroup var options: GeneratorOptions

    @Option(help: ArgumentHelp("The code to check.", valueName: "CODE"))
    var code: String

    @Option(help: ArgumentHelp("TOTP: steps accepted either side of the current one. HOTP: counters accepted after --counter (look-ahead).", valueName: "N"))
    var window: UInt32 = 1

    func run() async throws {
        let generator = try options.makeGenerator()
        let result: CodeCheckResult
        switch generator.factor {
        case let .counter(expected):
            if options.time != nil { throw ValidationError("--time cannot be used with an HOTP URI") }
            result = generator.check(code, expectedCounter: expected, lookAhead: window)
        case .timer:
            if let time = options.time {
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
