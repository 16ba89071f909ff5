import SodiumBridge
import AccountModel
import AuthenticatorKitEmbedded
import AuthenticatorKitTestSupport
import Foundation
@testable import VerificationFlow

/// A provider in a temporary directory with a hand-moved clock and four accounts:
/// Alice (personal, e-mail and phone on file), Bob and Dana (work, Contoso) and Erin
/// (work, Fabrikam).
struct VerificationWorld {
    static let alicePassword = "correct horse battery staple"
    static let aliceEmail = "alice@example.com"
    static let alicePhone = "+1 555 010 1234"

    let clock: AdjustableTimeSource
    let directory: URL
    let limits: VerificationLimits
    let provider: LocalAccountProvider
    let alice: ProviderAccount
    let bob: ProviderAccount
    let dana: ProviderAccount
    let erin: ProviderAccount

    static func make(limits: VerificationLimits = .standard) async throws -> VerificationWorld {
        let clock = AdjustableTimeSource(unixTime: 1_735_689_600)  // 2025-01-01T00:00:00Z, the start of a 30-second step
        let directory = VerificationTestSupport.temporaryDirectory("verification")
        let provider = LocalAccountProvider(
            directory: directory, clock: clock, limits: limits, passwordHashing: .testing
        )
        let alice = try await provider.createAccount(
            userName: "alice", kind: .personal, password: password(alicePassword),
            alternateContacts: [try AlternateContact(aliceEmail), try AlternateContact(alicePhone)]
        )
        let bob = try await provider.createAccount(
            userName: "bob@contoso.com", kind: .workOrSchool, organisation: "Contoso", password: password("bob's secret")
        )
        let dana = try await provider.createAccount(
            userName: "dana@contoso.com", kind: .workOrSchool, organisation: "Contoso", password: password("dana's secret")
        )
        let erin = try await provider.createAccount(
            userName: "erin@fabrikam.com", kind: .workOrSchool, organisation: "Fabrikam", password: password("erin's secret")
        )
        return VerificationWorld(
            clock: clock, directory: directory, limits: limits, provider: provider,
            alice: alice, bob: bob, dana: dana, erin: erin
        )
    }

    /// Another provider instance on the same directory and clock.
    func reopenedProvider() -> LocalAccountProvider {
        LocalAccountProvider(directory: directory, clock: clock, limits: limits, passwordHashing: .testing)
    }

    /// The device's copy of `providerAccount` after a restore: metadata waiting for verification.
    func restoredAccount(_ providerAccount: ProviderAccount, push: Bool = false) -> Account {
        let kind: Account.ProviderKind = providerAccount.kind == .workOrSchool ? .workOrSchool : .personal
        return Account(
            provider: Account.ProviderDetails(
                kind: kind,
                issuer: providerAccount.organisation ?? "Example ID",
                userName: providerAccount.userName,
                reference: providerAccount.reference,
                pushApprovalsEnabled: push,
                device: .awaitingVerification(kind.verificationMethod)),
            createdAt: Date(timeIntervalSince1970: 1_700_000_000)
        )
    }

    /// Mints a credential as the old device did, and enrols it directly.
    func oldDeviceCredential(for providerAccount: ProviderAccount) async throws -> DeviceCredential {
        let credential = DeviceCredential(
            createdAt: Date(timeIntervalSince1970: 1_700_000_000),
            using: DeterministicRandom(seed: "old device of \(providerAccount.userName)")
        )
        try await provider.enrol(
            CredentialEnrolment(credential), for: providerAccount.reference,
            grant: provider.issueTemporaryAccessPass(for: providerAccount.reference))
        return credential
    }

    /// A personal flow for Alice at the given step, following the happy path.
    func alicesFlow(upTo target: String, account: Account? = nil) async throws -> PersonalVerification {
        var flow = try PersonalVerification(for: account ?? restoredAccount(alice), service: provider, clock: clock)
        if target == "enterPassword" { return flow }
        try await flow.submitPassword(password(Self.alicePassword))
        if target == "chooseContact" { return flow }
        guard case let .chooseContact(contacts) = flow.step else { return flow }
        try await flow.sendCode(to: contacts[0])
        if target == "codeSent" { return flow }
        try flow.continueToCodeEntry()
        if target == "enterCode" { return flow }
        let code = try await provider.lastCode(sentTo: Self.aliceEmail) ?? ""
        try await flow.submitCode(code)
        return flow
    }
}

func password(_ text: String) -> SecureBytes {
    VerificationTestSupport.password(text)
}

/// The parts of an account that verification and enrolment may change.
struct AccountState: Equatable {
    let restoreState: RestoreState
    let credentialID: String?
    let modifiedAt: Date

    init(_ account: Account) {
        restoreState = account.restoreState
        credentialID = account.deviceCredential?.id
        modifiedAt = account.modifiedAt
    }
}
