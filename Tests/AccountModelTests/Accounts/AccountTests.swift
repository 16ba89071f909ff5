import AccountModel
import AuthenticatorKitTestSupport
import Foundation
import OTP
import SodiumBridge
import Testing

/// An `Account` is a third-party token or a provider account with its device state; its
/// names are stated once and read from there.
@Suite("Account")
struct AccountTests {
    let generator: Generator
    let credential = DeviceCredential(createdAt: SampleVaults.createdAt, using: DeterministicRandom(seed: "account tests"))

    init() throws {
        generator = try Generator(factor: .counter(3), secret: SampleVaults.rfcSecret)
    }

    func provider(_ device: Account.DeviceState, kind: Account.ProviderKind = .personal) -> Account {
        Account(
            provider: Account.ProviderDetails(
                kind: kind, issuer: "Contoso ID", userName: "alice", reference: "user-1", pushApprovalsEnabled: true,
                device: device),
            createdAt: SampleVaults.createdAt)
    }

    @Test func aThirdPartyAccountsNamesAreItsTokensLabel() {
        var account = Account(token: Token(issuer: "GitHub", account: "octocat", generator: generator), createdAt: SampleVaults.createdAt)
        #expect(account.kind == .thirdParty)
        #expect(account.issuer == "GitHub")
        #expect(account.userName == "octocat")
        account.issuer = "GitHub Enterprise"
        account.userName = "mona"
        #expect(account.token?.issuer == "GitHub Enterprise")
        #expect(account.token?.account == "mona")
    }

    @Test func renamingAThirdPartyAccountRelabelsItsToken() throws {
        var vault = Vault(platform: .ios)
        let account = Account(token: Token(issuer: "A", account: "a", generator: generator), createdAt: SampleVaults.createdAt)
        try vault.add(account)
        try vault.renameAccount(withID: account.id, issuer: "B", userName: "b", displayName: "Bee")
        let renamed = try #require(vault.account(withID: account.id))
        #expect(renamed.token?.issuer == "B")
        #expect(renamed.token?.account == "b")
        #expect(renamed.displayName == "Bee")
    }

    @Test func aThirdPartyAccountIsActiveAndNeverHasProviderFields() {
        let account = Account(token: Token(account: "a", generator: generator), createdAt: SampleVaults.createdAt)
        #expect(account.restoreState == .active)
        #expect(account.deviceCredential == nil)
        #expect(account.providerAccountReference == nil)
        #expect(!account.pushApprovalsEnabled)
        #expect(account.generator?.secret == generator.secret)
    }

    @Test func aProviderAccountAwaitingEnrolmentOrVerificationMakesNoCodes() {
        #expect(provider(.awaitingEnrolment).generator == nil)
        #expect(provider(.awaitingEnrolment).restoreState == .active)
        let waiting = provider(.awaitingVerification(.providerQRCode), kind: .workOrSchool)
        #expect(waiting.generator == nil)
        #expect(waiting.restoreState == .needsVerification(.providerQRCode))
        #expect(waiting.kind == .workOrSchool)
    }

    @Test func anEnrolledAccountsCodesComeFromItsCredentialNotItsScannedSecret() {
        let account = provider(.enrolled(credential, scannedSecret: generator))
        #expect(account.deviceCredential?.id == credential.id)
        #expect(account.generator?.secret == credential.generator.secret)
        #expect(account.token?.generator.secret == generator.secret)
        #expect(account.token?.issuer == "Contoso ID")
    }

    @Test func aScannedSecretMakesTheCodesOfAProviderAccountWithoutCredential() {
        let account = provider(.scannedSecret(generator))
        #expect(account.deviceCredential == nil)
        #expect(account.generator?.secret == generator.secret)
        #expect(account.providerAccountReference == "user-1")
        #expect(account.pushApprovalsEnabled)
    }

    @Test func enrollingKeepsTheScannedSecret() throws {
        let details = try #require(provider(.scannedSecret(generator)).provider).enrolled(with: credential)
        guard case let .enrolled(enrolled, scanned?) = details.device else {
            Issue.record("expected an enrolled state with the scanned secret")
            return
        }
        #expect(enrolled.id == credential.id)
        #expect(scanned.secret == generator.secret)
    }

    @Test func replacingTheGeneratorAdvancesAThirdPartyOrScannedTokenOnly() throws {
        let next = try generator.incrementingCounter()
        var thirdParty = Account(token: Token(account: "a", generator: generator), createdAt: SampleVaults.createdAt)
        thirdParty.replaceGenerator(with: next)
        #expect(thirdParty.generator?.factor == .counter(4))
        var scanned = provider(.scannedSecret(generator))
        scanned.replaceGenerator(with: next)
        #expect(scanned.generator?.factor == .counter(4))
        var enrolled = provider(.enrolled(credential))
        enrolled.replaceGenerator(with: next)
        #expect(enrolled.generator?.secret == credential.generator.secret)
        #expect(enrolled.token == nil)
    }

    @Test func updatingProviderDetailsLeavesAThirdPartyAccountAsItIs() {
        var account = Account(token: Token(account: "a", generator: generator), createdAt: SampleVaults.createdAt)
        account.updateProviderDetails { $0.pushApprovalsEnabled = true }
        #expect(account.kind == .thirdParty)
        #expect(!account.pushApprovalsEnabled)
    }

    @Test func theCreationTimeIsKeptToTheMillisecond() {
        let account = provider(.awaitingEnrolment)
        let precise = Account(createdAt: Date(timeIntervalSince1970: 1_700_000_000.123_456), content: account.content)
        #expect(precise.createdAt == Date(timeIntervalSince1970: 1_700_000_000.123))
        #expect(precise.modifiedAt == precise.createdAt)
    }

    @Test func aProviderKindIsPersonalOrWorkOrSchoolOnly() {
        #expect(Account.ProviderKind(.thirdParty) == nil)
        #expect(Account.ProviderKind(.personal)?.accountKind == .personal)
        #expect(Account.ProviderKind(.workOrSchool)?.verificationMethod == .providerQRCode)
        #expect(Account.ProviderKind.personal.verificationMethod == .passwordAndAlternateContact)
    }
}
