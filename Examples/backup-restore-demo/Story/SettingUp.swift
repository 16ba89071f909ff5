import AuthenticatorKit
import Foundation

extension Story {
    /// Chapter: the identity provider knows Alice — her recovery account, her personal account
    /// with an alternate e-mail address, and her work account at Contoso.
    func setUpTheIdentityProvider() async throws {
        narrator.chapter("The identity provider knows Alice")
        try await attempt("creating the recovery account") {
            try await world.recoveryAccounts.createAccount(userName: DemoWorld.recoveryAccount, password: Story.password)
        }
        narrator.step("Recovery account \"\(DemoWorld.userName)\" created: it unlocks her backups.")
        let personal = try await attempt("creating the personal account") {
            try await world.provider.createAccount(
                userName: DemoWorld.userName, kind: .personal, password: Story.password,
                alternateContacts: [try AlternateContact(DemoWorld.alternateEmail)]
            )
        }
        narrator.step("Personal account \"\(personal.userName)\" at \(DemoWorld.providerName), "
            + "with the alternate e-mail address \(DemoWorld.alternateEmail) on file.")
        let work = try await attempt("creating the work account") {
            try await world.provider.createAccount(
                userName: DemoWorld.workUserName, kind: .workOrSchool, organisation: DemoWorld.organisation,
                password: secure(DemoWorld.workPassword)
            )
        }
        narrator.step("Work account \"\(work.userName)\" at \(DemoWorld.organisation).")
    }

    /// Chapter: Alice's old iPhone holds three accounts: GitHub (a third-party secret), her
    /// personal account with push approvals, and her work account; the last two with a
    /// credential minted on that phone.
    mutating func setUpTheOldIPhone() async throws {
        narrator.chapter("Alice's old iPhone has three accounts")
        let phone = try world.device(named: "old iPhone", platform: .ios, cloudIdentity: DemoWorld.appleID)
        var vault = Vault(platform: .ios)

        // RFC 6238's SHA-1 test secret, "12345678901234567890" in Base32.
        let scanned = "otpauth://totp/GitHub:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=GitHub"
        let token = try await attempt("reading GitHub's QR code") { try TokenURI(parsing: scanned).token }
        let github = Account(token: token, createdAt: Date())
        try vault.add(github)
        narrator.step("GitHub (third party): Alice scanned GitHub's QR code; its secret is RFC 6238's test secret.")

        try await attempt("saving the old iPhone's vault") { try await phone.store.save(vault, replacingRevision: nil) }

        let personal = try await addOnTheOldPhone(phone, providerUserName: DemoWorld.userName, password: Story.password, push: true)
        narrator.step("\(personal.issuer) (personal, push approvals on): she signed in; the phone minted "
            + "its own key pair and code seed and enrolled them.")

        let work = try await addOnTheOldPhone(
            phone, providerUserName: DemoWorld.workUserName, password: secure(DemoWorld.workPassword), push: false
        )
        narrator.step("\(work.issuer) (work): enrolled the same way with her organisation.")

        narrator.ok("The vault is saved on the phone, encrypted with a key that never leaves it.")
        oldPhone = phone
        githubID = github.id
        personalID = personal.id
        workID = work.id
    }

    /// What an app does when the user adds a personal or work account: one SDK call signs in
    /// to it, mints a device credential, enrols it with the provider and saves the account.
    private func addOnTheOldPhone(
        _ phone: DemoDevice, providerUserName: String, password: SecureBytes, push: Bool
    ) async throws -> Account {
        try await attempt("adding \(providerUserName) to the old iPhone") {
            try await world.verificationCoordinator(on: phone).addProviderAccount(
                userName: providerUserName, password: password, pushApprovalsEnabled: push
            )
        }
    }
}
