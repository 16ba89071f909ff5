import ArgumentParser
import AuthenticatorKit
import Foundation

/// `authenticator provider devices USER [--json]`: the account's device credentials.
struct ProviderDevicesCommand: AsyncParsableCommand, JSONReporting, DeviceCommand {
    static let configuration = CommandConfiguration(
        commandName: "devices",
        abstract: "List the device credentials the embedded provider holds for the account (oldest first).",
        discussion: """
            One line per credential, tab-separated: credential id, when it was enrolled \
            (ISO 8601, UTC), and this-device when this device's vault holds it (else -). \
            Revoked credentials are not listed. With --json, one JSON array of objects with \
            id, enrolledAt (Unix seconds) and thisDevice.
            """
    )

    @Argument(help: ArgumentHelp("The account's user name.", valueName: "USER"))
    var user: String

    @Flag(help: "Print one JSON array (and errors as a JSON object).")
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
        guard let account = try await device.accountProvider.account(named: user) else {
            throw VerificationError.unknownAccount
        }
        let devices = try await device.verificationCoordinator.devices(of: account.reference)
        if json {
            Output.writeLine(JSONObject.Value.array(devices.map { listed in
                .object(JSONObject(members: [
                    ("id", .string(listed.id)),
                    ("enrolledAt", .number(Int64(listed.enrolledAt.timeIntervalSince1970.rounded(.down)))),
                    ("thisDevice", .bool(listed.isThisDevice)),
                ]))
            }).text)
            return
        }
        let formatter = ISO8601DateFormatter()
        for listed in devices {
            Output.writeLine(AccountDescription.tabSeparated([
                listed.id, formatter.string(from: listed.enrolledAt), listed.isThisDevice ? "this-device" : "-",
            ]))
        }
    }
}
