import ArgumentParser
import AuthenticatorKit
import AuthenticatorKitEmbedded
import Foundation

/// The options every device command takes: which device (`--home`), which embedded cloud
/// and services (`--cloud`, `--services`), or a WebDAV folder as the cloud (`--cloud-url`,
/// `--cloud-user`, `--cloud-password-file`), and what time it is (`--now`).
///
/// Defaults: `--home` is `$AUTHENTICATOR_HOME`, else `~/.authenticator`; `--cloud` is
/// `<home>/cloud` and `--services` is `<home>/services`. Two devices share a cloud and
/// services only when they are given the same `--cloud` and `--services`.
struct GlobalOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The device's directory (default: $AUTHENTICATOR_HOME, else ~/.authenticator).", valueName: "DIR"))
    var home: String?

    @Option(help: ArgumentHelp("Use this Unix time as the current time (demos and tests).", valueName: "UNIX"))
    var now: Int64?

    @Option(help: ArgumentHelp("The folder playing the cloud that holds backups (default: <home>/cloud).", valueName: "DIR"))
    var cloud: String?

    @Option(help: ArgumentHelp("The folder of the embedded recovery-account service and account provider (default: <home>/services).", valueName: "DIR"))
    var services: String?

    @Option(help: ArgumentHelp(
        "How long to wait for a lock another process holds on the vault or the cloud folder before failing (storeLocked, busy); default 10.",
        valueName: "SECONDS"))
    var lockTimeout: Double?

    // `--cloud-url`, `--cloud-user`, `--cloud-password-file` (a WebDAV folder as the cloud),
    // declared here rather than as an `@OptionGroup` (see `WebDAVCloudOptions`).
    @Option(
        name: .customLong("cloud-url"),
        help: ArgumentHelp("A WebDAV folder (Nextcloud, ownCloud, a NAS) to use as the cloud instead of --cloud.", valueName: "URL"))
    var cloudURL: String?

    @Option(name: .customLong("cloud-user"), help: ArgumentHelp("The WebDAV user (with --cloud-url).", valueName: "USER"))
    var cloudUser: String?

    @Option(
        name: .customLong("cloud-password-file"),
        help: ArgumentHelp("The file holding the WebDAV user's password (with --cloud-url).", valueName: "F"))
    var cloudPasswordFile: String?

    /// `--cloud-url`, `--cloud-user`, `--cloud-password-file`: a WebDAV folder as the cloud.
    var webDAV: WebDAVCloudOptions {
        WebDAVCloudOptions(url: cloudURL, user: cloudUser, passwordFile: cloudPasswordFile)
    }

    /// Whether the WebDAV options are given together.
    func validate() throws {
        try webDAV.validate()
    }

    /// The device's directory.
    var homeDirectory: URL {
        if let home { return URL(fileURLWithPath: home, isDirectory: true) }
        if let variable = Invocation.environment("AUTHENTICATOR_HOME"), !variable.isEmpty {
            return URL(fileURLWithPath: variable, isDirectory: true)
        }
        return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".authenticator", isDirectory: true)
    }

    /// The folder playing the cloud.
    var cloudDirectory: URL {
        cloud.map { URL(fileURLWithPath: $0, isDirectory: true) } ?? homeDirectory.appendingPathComponent("cloud", isDirectory: true)
    }

    /// The folder of the embedded services.
    var servicesDirectory: URL {
        services.map { URL(fileURLWithPath: $0, isDirectory: true) } ?? homeDirectory.appendingPathComponent("services", isDirectory: true)
    }

    /// `--lock-timeout` as a duration (10 s when not given; negative or not a number: zero).
    var lockWait: Duration {
        guard let lockTimeout else { return DirectoryCloudProvider.defaultLockTimeout }
        guard lockTimeout.isFinite, lockTimeout > 0 else { return .zero }
        return .milliseconds(Int64(min(lockTimeout, 86_400) * 1000))
    }

    /// The clock: stopped at `--now` when given, else the system clock.
    var clock: CommandClock { CommandClock(fixedAt: now) }
}

/// The clock of one command: the system clock, or stopped at `--now`.
///
/// It answers whole milliseconds, the precision of dates in backups, so that an account
/// created now reads back from a backup exactly as it was sealed.
struct CommandClock: TimeSource {
    private let fixed: FixedTimeSource?

    /// Stopped at `unixTime` when given, else the system clock.
    init(fixedAt unixTime: Int64?) {
        fixed = unixTime.map { FixedTimeSource(unixTime: TimeInterval($0)) }
    }

    /// The current time, to the millisecond.
    func now() -> Date {
        let instant = fixed?.now() ?? Date()
        return Date(timeIntervalSince1970: (instant.timeIntervalSince1970 * 1000).rounded() / 1000)
    }
}
