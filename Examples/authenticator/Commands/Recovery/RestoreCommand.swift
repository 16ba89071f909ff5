import ArgumentParser
import AuthenticatorKit

/// `authenticator restore --recovery-account USER --password-file F [--cloud-identity ID]
/// [--merge] [--json]`: the cloud backup onto this device.
struct RestoreCommand: AsyncParsableCommand, JSONReporting, DeviceCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Restore the cloud backup onto this device: start recovery, sign in, plan, commit.",
        discussion: """
            Needs the device's vault (`authenticator init`). Refused with existingAccounts \
            while the vault holds accounts, unless --merge (which \
            restores only the accounts not already here and touches none of them). On ios, \
            --cloud-identity is the Apple ID the device is signed in to iCloud with (not needed \
            with --cloud-url: a WebDAV folder is restored from on either platform). Prints the \
            plan's outcome per account of the backup, tab-separated: id, kind, issuer, user \
            name, outcome (restoredInFull, restoredWithNewDeviceCredential, \
            needsVerification:<method>, skippedDuplicate:<id here>). With --json, one object \
            with generation, platform, created and accounts. The device then continues the \
            backup chain (backup is on); the recovery account's own personal account gets \
            its new credential at once, a change the next upload carries.
            """
    )

    @Option(name: .customLong("recovery-account"), help: ArgumentHelp("The recovery account's user name.", valueName: "USER"))
    var recoveryAccount: String

    @Option(name: .customLong("password-file"), help: ArgumentHelp("The file holding its password.", valueName: "F"))
    var passwordFile: String

    @Option(name: .customLong("cloud-identity"), help: ArgumentHelp("ios: the Apple ID the device is signed in to iCloud with.", valueName: "ID"))
    var cloudIdentity: String?

    @Flag(help: "Restore only the accounts not already on this device.")
    var merge = false

    @Flag(help: "Print one JSON object (and errors as a JSON object).")
    var json = false

    // The global options (see `DeviceCommand`).
    @Option(help: OptionHelp.home) var home: String?
    @Option(help: OptionHelp.now) var now: Int64?
    @Option(help: OptionHelp.cloud) var cloud: String?
    @Option(help: OptionHelp.services) var services: String?
    @Option(help: OptionHelp.lockTimeout) var lockTimeout: Double?
    @Option(name: .customLong("cloud-url"), help: OptionHelp.cloudURL) var cloudURL: String?
    @Option(name: .customLong("cloud-user"), help: OptionHelp.cloudUser) var cloudUser: String?
    @Option(name: .customLong("cloud-password-file"), help: OptionHelp.cloudPasswordFile) var cloudPasswordFile: String?

    func run() async throws {
        let device = DeviceContext(global)
        let platform = try await device.loadVault().settings.platform
        let rule = device.cloudIdentityRule(platform: platform)
        let identity = device.cloudIdentity(platform: platform, recoveryAccount: recoveryAccount, named: cloudIdentity)
        let password = try InputFile.password(at: passwordFile)
        var session = RestoreSession(
            store: device.store, cloud: try device.cloud(platform: platform, signedInAs: identity),
            recoveryAccounts: device.recoveryAccounts, accountProvider: device.accountProvider,
            policy: merge ? .mergeKeepingExisting : .refuseIfNotEmpty, clock: device.clock
        )
        try await session.startRecovery()
        try await session.signIn(recoveryAccount: RecoveryAccountName(recoveryAccount), password: password, cloudIdentity: rule.needsNamedIdentity ? identity : nil)
        _ = try await session.plan()
        let report = try await session.commit()
        var failures: [AccountID: String] = [:]
        for (id, failure) in report.enrolmentFailures {
            switch failure {
            case let .verification(error): failures[id] = error.caseName
            case let .store(error): failures[id] = error.caseName
            }
        }
        RestoreOutcomeReport(plan: report.plan, enrolmentFailures: failures).print(json: json)
    }
}
