import ArgumentParser
import AuthenticatorKit

/// `authenticator uri parse URI`: the token as one JSON object.
struct URIParseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Print an otpauth:// URI as one JSON object.",
        discussion: """
            Keys: type (totp, hotp or steam), issuer, account, secret (canonical Base32), \
            algorithm (SHA1, SHA256 or SHA512), digits, period (null for hotp), counter (null \
            for totp and steam). When the label's issuer differs from the issuer parameter, \
            the parameter wins and a warning goes to standard error. --uri-file PATH reads the \
            URI from a file instead (- for standard input), so that its secret is not on the \
            command line.
            """
    )

    @Argument(help: ArgumentHelp("The otpauth:// URI.", valueName: "URI"))
    var uri: String?

    @Option(name: .customLong("uri-file"), help: OptionHelp.uriFile)
    var uriFile: String?

    func run() async throws {
        if uri != nil && uriFile != nil { throw ValidationError("URI and --uri-file cannot be used together") }
        guard let text = try uri ?? uriFile.map(SecretFile.text(at:)) else { throw ValidationError("missing URI or --uri-file") }
        let parsed = try TokenURI(parsing: text)
        let token = parsed.token
        let generator = token.generator
        let type: String
        var period = JSONObject.Value.null
        var counter = JSONObject.Value.null
        switch generator.factor {
        case let .counter(value):
            type = "hotp"
            counter = .number(value)
        case let .timer(seconds, _):
            type = generator.format == .steam ? "steam" : "totp"
            period = .number(seconds)
        }
        let object = JSONObject(members: [
            ("type", .string(type)),
            ("issuer", .string(token.issuer)),
            ("account", .string(token.account)),
            ("secret", .string(Base32.encode(generator.secret))),
            ("algorithm", .string(generator.algorithm.uriName)),
            ("digits", .number(generator.digits)),
            ("period", period),
            ("counter", counter),
        ])
        if parsed.hasConflictingIssuers, let label = parsed.labelIssuer {
            Output.writeErrorLine("warning: the label's issuer '\(label)' differs from the issuer parameter '\(token.issuer)'; using '\(token.issuer)'")
        }
        Output.writeLine(object.text)
    }
}
