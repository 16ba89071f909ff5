import ArgumentParser

/// A command that acts on a device, and so takes the global options (``GlobalOptions``).
///
/// Each such command declares the eight options itself, as ``GlobalOptions`` does, in this
/// order and with the help of ``OptionHelp``, rather than as an `@OptionGroup` of
/// ``GlobalOptions`` (see ``OptionHelp`` for why):
///
/// ```swift
/// @Option(help: OptionHelp.home) var home: String?
/// @Option(help: OptionHelp.now) var now: Int64?
/// @Option(help: OptionHelp.cloud) var cloud: String?
/// @Option(help: OptionHelp.services) var services: String?
/// @Option(help: OptionHelp.lockTimeout) var lockTimeout: Double?
/// @Option(name: .customLong("cloud-url"), help: OptionHelp.cloudURL) var cloudURL: String?
/// @Option(name: .customLong("cloud-user"), help: OptionHelp.cloudUser) var cloudUser: String?
/// @Option(name: .customLong("cloud-password-file"), help: OptionHelp.cloudPasswordFile) var cloudPasswordFile: String?
/// ```
///
/// Given before the command's name (`authenticator --home DIR list`), they are moved after
/// it before parsing (``GlobalOptionPlacement``).
protocol DeviceCommand: ParsableArguments {
    /// `--home`.
    var home: String? { get }
    /// `--now`.
    var now: Int64? { get }
    /// `--cloud`.
    var cloud: String? { get }
    /// `--services`.
    var services: String? { get }
    /// `--lock-timeout`.
    var lockTimeout: Double? { get }
    /// `--cloud-url`.
    var cloudURL: String? { get }
    /// `--cloud-user`.
    var cloudUser: String? { get }
    /// `--cloud-password-file`.
    var cloudPasswordFile: String? { get }
}

extension DeviceCommand {
    /// The global options given.
    var global: GlobalOptions {
        GlobalOptions(
            home: home, now: now, cloud: cloud, services: services, lockTimeout: lockTimeout,
            cloudURL: cloudURL, cloudUser: cloudUser, cloudPasswordFile: cloudPasswordFile)
    }

    /// Whether the global options go together (the WebDAV ones).
    func validate() throws {
        try global.validate()
    }
}
