import ArgumentParser

/// The help of the options that several commands or option sets declare: the global options
/// of every ``DeviceCommand``, and the secret and code-parameter options (``TokenCommand``,
/// `uri format`), so that every command spells and explains them the same.
///
/// Commands and option sets declare these options themselves rather than as `@OptionGroup`s:
/// in a debug build, ArgumentParser validates a command's declarations (with reflection)
/// each time it gathers its arguments, about four times per command line, and it validates
/// an option group again for each of its own four validators, so an option in a group costs
/// five times what the same option declared in the command costs.
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

    static var home: ArgumentHelp {
        ArgumentHelp("The device's directory (default: $AUTHENTICATOR_HOME, else ~/.authenticator).", valueName: "DIR")
    }
    static var now: ArgumentHelp { ArgumentHelp("Use this Unix time as the current time (demos and tests).", valueName: "UNIX") }
    static var cloud: ArgumentHelp {
        ArgumentHelp("The folder playing the cloud that holds backups (default: <home>/cloud).", valueName: "DIR")
    }
    static var services: ArgumentHelp {
        ArgumentHelp("The folder of the embedded recovery-account service and account provider (default: <home>/services).", valueName: "DIR")
    }
    static var lockTimeout: ArgumentHelp {
        ArgumentHelp(
            "How long to wait for a lock another process holds on the vault or the cloud folder before failing (storeLocked, busy); default 10.",
            valueName: "SECONDS")
    }
    static var cloudURL: ArgumentHelp {
        ArgumentHelp("A WebDAV folder (Nextcloud, ownCloud, a NAS) to use as the cloud instead of --cloud.", valueName: "URL")
    }
    static var cloudUser: ArgumentHelp { ArgumentHelp("The WebDAV user (with --cloud-url).", valueName: "USER") }
    static var cloudPasswordFile: ArgumentHelp {
        ArgumentHelp("The file holding the WebDAV user's password (with --cloud-url).", valueName: "F")
    }
}
