import ArgumentParser
import AuthenticatorKit

/// `authenticator list [--json]`: the accounts in order — never a secret.
struct ListCommand: AsyncParsableCommand, JSONReporting, DeviceCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the vault's accounts in order (never a secret).",
        discussion: """
            One line per account, tab-separated: id, kind (third-party, personal, \
            work-or-school), issuer, user name, restore state (active, or \
            needsVerification:password-and-alternate-contact or \
            needsVerification:provider-qr-code). With --json, one JSON array of objects with \
            id, kind, issuer, userName, displayName, restoreState (active or \
            needsVerification), verificationMethod, type (totp, hotp, steam or null), \
            pushApprovals and deviceCredential (whether this device holds one).
            """
    )

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
        let vault = try await DeviceContext(global).loadVault()
        if json {
            // One byte buffer for the whole array, reserved at a typical object's size.
            var bytes: [UInt8] = []
            bytes.reserveCapacity(2 + vault.accounts.count * 256)
            bytes.append(UInt8(ascii: "["))
            for (position, account) in vault.accounts.enumerated() {
                if position > 0 { bytes.append(UInt8(ascii: ",")) }
                Self.jsonObject(account).write(to: &bytes)
            }
            bytes.append(UInt8(ascii: "]"))
            Output.writeLine(String(decoding: bytes, as: UTF8.self))
            return
        }
        for account in vault.accounts {
            Output.writeLine(AccountDescription.tabSeparated([
                account.id.rawValue, account.kind.rawValue, account.issuer, account.userName,
                AccountDescription.text(account.restoreState),
            ]))
        }
    }

    private static func jsonObject(_ account: Account) -> JSONObject {
        var method = JSONObject.Value.null
        var state = "active"
        if case let .needsVerification(required) = account.restoreState {
            state = "needsVerification"
            method = .string(required.rawValue)
        }
        return JSONObject(members: AccountDescription.jsonMembers(account.id, kind: account.kind, issuer: account.issuer, userName: account.userName) + [
            ("displayName", .optional(account.displayName)),
            ("restoreState", .string(state)),
            ("verificationMethod", method),
            ("type", .optional(AccountDescription.codeType(of: account))),
            ("pushApprovals", .bool(account.pushApprovalsEnabled)),
            ("deviceCredential", .bool(account.deviceCredential != nil)),
        ])
    }
}
