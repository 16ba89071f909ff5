import ArgumentParser

/// The help of the secret and code-parameter options, shared by the option sets that declare
/// them (``SecretOptions``, ``ParameterOptions``, ``TokenOptions`` and ``GeneratorOptions``),
/// so that every command spells and explains them the same.
///
/// The option sets declare these options themselves rather than nesting one `@OptionGroup`
/// in another: ArgumentParser validates every option group on each parse in debug builds,
/// and the cost multiplies with each level of nesting.
enum OptionHelp {
    static var secret: ArgumentHelp {
        ArgumentHelp("The shared secret in Base32 (spaces, hyphens, lower case and missing padding are fine).", valueName: "B32")
    }
    static var secretFile: ArgumentHelp {
        ArgumentHelp("Read the Base32 secret from PATH, or from standard input for -.", valueName: "PATH")
    }
    static var uri: ArgumentHelp { ArgumentHelp("Take the secret and parameters from an otpauth:// URI.", valueName: "URI") }
    static var uriFile: ArgumentHelp {
        ArgumentHelp("Read the otpauth:// URI from PATH, or from standard input for - (keeps it off the command line).", valueName: "PATH")
    }
    static var hotp: ArgumentHelp { ArgumentHelp("HOTP (RFC 4226): codes for a counter instead of the time.") }
    static var steam: ArgumentHelp { ArgumentHelp("Steam Guard: 5 characters, SHA-1, 30 s.") }
    static var algorithm: ArgumentHelp {
        ArgumentHelp("The HMAC hash: sha1 (default), sha256 or sha512, in any case.", valueName: "A")
    }
    static var digits: ArgumentHelp { ArgumentHelp("Digits in a code, 6 to 10 (default 6; not for Steam).", valueName: "N") }
    static var period: ArgumentHelp { ArgumentHelp("Period in seconds (default 30; not for HOTP).", valueName: "S") }
    static var counter: ArgumentHelp { ArgumentHelp("HOTP counter (HOTP only).", valueName: "C") }
    static var t0: ArgumentHelp { ArgumentHelp("TOTP T0, the Unix time counting starts from (default 0).", valueName: "S") }
    static var time: ArgumentHelp { ArgumentHelp("The Unix time to use instead of now (TOTP and Steam).", valueName: "UNIX") }
}
