import ArgumentParser
import AuthenticatorKit
import AuthenticatorKitEmbedded
import Foundation

/// The options every device command takes: which device (`--home`), which embedded cloud
/// and services (`--cloud`, `--services`), or a WebDAV folder as the cloud (`--cloud-url`,
/// `--cloud-user`, `--cloud-password-file`), and what time it is (`--now`).
///
/// Device commands declare these options themselves (``DeviceCommand``) rather than as this
/// `@OptionGroup` (see ``OptionHelp``); this type holds their values, and parses global
/// options given before no device command (``GlobalOptionPlacement``).
///
/// Defaults: `--home` is `$AUTHENTICATOR_HOME`, else `~/.authenticator`; `--cloud` is
/// `<home>/cloud` and `--services` is `<home>/services`. Two devices share a cloud and
/// services only when they are given the same `--cloud` and `--services`.
struct GlobalOptions: ParsableArguments {
    @Option(help: OptionHelp.home) var home: String?
    @Option(help: OptionHelp.now) var now: Int64?
    @Option(help: OptionHelp.cloud) var cloud: String?
    @Option(help: OptionHelp.services) var services: String?
    @Option(help: OptionHelp.lockTimeout) var lockTimeout: Double?
    @Option(name: .customLong("cloud-url"), help: OptionHelp.cloudURL) var cloudURL: String?
    @Option(name: .customLong("cloud-user"), help: OptionHelp.cloudUser) var cloudUser: String?
    @Option(name: .customLong("cloud-password-file"), help: OptionHelp.cloudPasswordFile) var cloudPasswordFile: String?

    /// The options' names, as given on the command line (see ``GlobalOptionPlacement``).
    static let names: Set<String> = [
        "--home", "--now", "--cloud", "--services", "--lock-timeout", "--cloud-url", "--cloud-user", "--cloud-password-file",
    ]

    /// For ArgumentParser.
    init() {}

    /// These values (each option's value, `nil` when not given).
    init(
        home: String?, now: Int64?, cloud: String?, services: String?, lockTimeout: Double?,
        cloudURL: String?, cloudUser: String?, cloudPasswordFile: String?
    ) {
        self.home = home
        self.now = now
        self.cloud = cloud
        self.services = services
        self.lockTimeout = lockTimeout
        self.cloudURL = cloudURL
        self.cloudUser = cloudUser
        self.cloudPasswordFile = cloudPasswordFile
    }

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
