import ArgumentParser
import AuthenticatorKit

/// `authenticator code`: the code now (or at `--time`), or HOTP codes for a run of counters.
struct CodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "code",
        abstract: "Print the code for a secret or an otpauth:// URI (TOTP, HOTP or Steam)."
    )

    @OptionGroup var options: GeneratorOptions

    @Option(help: ArgumentHelp("HOTP: print the codes of counters C … C+N, one a line (like oathtool --hotp -w N).", valueName: "N"))
    var window: UInt64?

    func run() async throws {
        let generator = try options.makeGenerator()
        switch generator.factor {
        case let .counter(first):
            if options.time != nil { throw ValidationError("--time cannot be used with an HOTP URI") }
            let (last, overflow) = first.addingReportingOverflow(window ?? 0)
            if overflow { throw OTPError.counterOverflow }
            var counter = first
            while true {
                Output.writeLine(generator.code(forCounter: counter))
                if counter == last { break }
                counter += 1
            }
        case .timer:
            if window != nil { throw ValidationError(options.uri == nil ? "--window needs --hotp" : "--window needs --hotp or an HOTP URI") }
            if let time = options.time {
                Output.writeLine(try generator.code(atUnixTime: time))
            } else {
                Output.writeLine(try generator.code(using: SystemTimeSource()))
            }
        }
    }
}
