import ArgumentParser
import AuthenticatorKit

/// `authenticator provider create-account USER --kind personal|work-or-school --password-file F
/// [--alternate CONTACT]… [--organisation ORG]`.
struct ProviderCreateAccountCommand: AsyncParsableCommand, DeviceCommand {
    static let configuration = CommandConfiguration(
        commandName: "create-account",
        abstract: "Create an account in the embedded provider (demo set-up). Prints nothing.",
        discussion: """
            A work or school account belongs to an organisation: --organisation, or by default \
            the domain of USER's e-mail address (bob@contoso.com → contoso.com). Personal \
            accounts have none. --alternate adds an e-mail address or phone number where \
            verification codes can be sent (repeat it for several).
            """
    )

    @Argument(help: ArgumentHelp("The account's user name.", valueName: "USER"))
    var user: String

    @Option(help: ArgumentHelp("personal or work-or-school.", valueName: "KIND"))
    var kind: String

    @Option(name: .customLong("password-file"), help: ArgumentHelp("The file holding the account's password.", valueName: "F"))
    var passwordFile: String

    @Option(name: .customLong("alternate"), help: ArgumentHelp("An alternate e-mail address or phone number (repeatable).", valueName: "CONTACT"))
    var alternates: [String] = []

    @Option(help: ArgumentHelp("The organisation of a work or school account (default: USER's e-mail domain).", valueName: "ORG"))
    var organisation: String?

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
        guard let kind = AccountKind(rawValue: kind), kind != .thirdParty else {
            throw ValidationError("--kind must be personal or work-or-school, not '\(self.kind)'")
        }
        var organisation = self.organisation
        switch kind {
        case .personal:
            if organisation != nil { throw ValidationError("--organisation needs --kind work-or-school") }
        default:
            if organisation == nil, let at = user.lastIndex(of: "@"), user.index(after: at) < user.endIndex {
                organisation = String(user[user.index(after: at)...])
            }
            if organisation == nil {
                throw ValidationError("a work-or-school account needs --organisation (USER is not an e-mail address)")
            }
        }
        let contacts = try alternates.map { contact throws(VerificationError) in try AlternateContact(contact) }
        let password = try InputFile.password(at: passwordFile)
        try await DeviceContext(global).accountProvider.createAccount(
            userName: user, kind: kind, organisation: organisation, password: password, alternateContacts: contacts
        )
    }
}
