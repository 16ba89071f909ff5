import ArgumentParser
import AuthenticatorKit

/// A command that takes the options describing an OTP secret and its parameters: a secret
/// with TOTP, HOTP or Steam parameters, or an `otpauth://` URI (`code`, `check`, `add`).
///
/// Each such command declares the eleven options itself, in this order and with the help of
/// ``OptionHelp``, rather than as an `@OptionGroup` (see ``OptionHelp`` for why):
///
/// ```swift
/// @Option(help: OptionHelp.secret) var secret: String?
/// @Option(name: .customLong("secret-file"), help: OptionHelp.secretFile) var secretFile: String?
/// @Option(help: OptionHelp.uri) var uri: String?
/// @Option(name: .customLong("uri-file"), help: OptionHelp.uriFile) var uriFile: String?
/// @Flag(help: OptionHelp.hotp) var hotp = false
/// @Flag(help: OptionHelp.steam) var steam = false
/// @Option(help: OptionHelp.algorithm) var algorithm: String?
/// @Option(help: OptionHelp.digits) var digits: Int?
/// @Option(help: OptionHelp.period) var period: Int64?
/// @Option(help: OptionHelp.counter) var counter: UInt64?
/// @Option(help: OptionHelp.t0) var t0: Int64?
/// ```
protocol TokenCommand {
    /// `--secret`.
    var secret: String? { get }
    /// `--secret-file`.
    var secretFile: String? { get }
    /// `--uri`.
    var uri: String? { get }
    /// `--uri-file`.
    var uriFile: String? { get }
    /// `--hotp`.
    var hotp: Bool { get }
    /// `--steam`.
    var steam: Bool { get }
    /// `--algorithm`.
    var algorithm: String? { get }
    /// `--digits`.
    var digits: Int? { get }
    /// `--period`.
    var period: Int64? { get }
    /// `--counter`.
    var counter: UInt64? { get }
    /// `--t0`.
    var t0: Int64? { get }
}

extension TokenCommand {
    /// The token options' values.
    var token: TokenChoice {
        TokenChoice(
            secretInput: SecretInput(secret: secret, secretFile: secretFile), uri: uri, uriFile: uriFile, hotp: hotp, steam: steam,
            parameters: CodeParameters(algorithm: algorithm, digits: digits, period: period, counter: counter), t0: t0
        )
    }

    /// The generator the options describe, after checking that they go together (and with
    /// `--time` when `timeGiven`). (Checked when the command runs, not in `validate()`, so
    /// that an unknown option is reported first.)
    func makeGenerator(timeGiven: Bool) throws -> Generator {
        try token.checkCombination(timeGiven: timeGiven)
        return try token.makeGenerator()
    }
}
