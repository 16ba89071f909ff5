import AuthenticatorKitEmbedded
import AuthenticatorKitTestSupport
import Foundation
import Testing
import VerificationFlow
import BackupServices

@Suite("LocalAccountProvider conformance")
struct LocalAccountProviderConformanceTests {
    private let accountProvider = AccountProviderConformance { clock in
        // The recovery-account service whose sign-ins the provider believes; its accounts are
        // made only by the checks that sign in.
        let services = VerificationTestSupport.temporaryDirectory("conformance-recovery")
        try FileManager.default.createDirectory(at: services, withIntermediateDirectories: true)
        let recovery = LocalRecoveryAccountService(directory: services, clock: clock, passwordHashing: .testing)
        let provider = LocalAccountProvider(
            directory: VerificationTestSupport.temporaryDirectory("conformance"), clock: clock, passwordHashing: .testing,
            recoveryIdentityTrust: .service(recovery)
        )
        let first = try await provider.createAccount(userName: "first", kind: .personal, password: password("1"))
        let second = try await provider.createAccount(
            userName: "second", kind: .workOrSchool, organisation: "Org", password: password("2")
        )
        let signIn: @Sendable (String) async throws -> RecoveryIdentityAssertion? = { name in
            let secret = password("\(name)'s recovery password")
            try? await recovery.createAccount(userName: RecoveryAccountName(name), password: secret)
            return try await recovery.signIn(userName: RecoveryAccountName(name), password: secret).identityAssertion
        }
        return .init(
            provider: provider, account: first.reference, otherAccount: second.reference,
            signInGrant: { try await provider.issueTemporaryAccessPass(for: $0) },
            ownerRecoverySignIn: { try await signIn("first") },
            strangerRecoverySignIn: { try await signIn("mallory") }
        )
    }

    private let verificationService = VerificationServiceConformance { clock in
        let provider = LocalAccountProvider(
            directory: VerificationTestSupport.temporaryDirectory("conformance"), clock: clock, passwordHashing: .testing
        )
        let personal = try await provider.createAccount(
            userName: "pat", kind: .personal, password: password("pat's password"),
            alternateContacts: [try AlternateContact("pat@example.net")]
        )
        let work = try await provider.createAccount(
            userName: "wes@org.example", kind: .workOrSchool, organisation: "Org", password: password("w")
        )
        let colleague = try await provider.createAccount(
            userName: "cai@org.example", kind: .workOrSchool, organisation: "Org", password: password("c")
        )
        return .init(
            service: provider, personalAccount: personal.reference, personalUserName: "pat",
            password: password("pat's password"), contact: "pat@example.net",
            readCode: { try await provider.lastCode(sentTo: $0) },
            workAccount: work.reference, workUserName: "wes@org.example", workPassword: password("w"),
            organisation: "Org", otherWorkAccount: colleague.reference,
            issuePayload: { try await provider.qrPayload(for: $0) }
        )
    }

    // AccountProvider
    @Test func enrolledCredentialsAreListedOldestFirst() async throws { try await accountProvider.enrolledCredentialsAreListedOldestFirst() }
    @Test func codesOfEveryCredentialAreAccepted() async throws { try await accountProvider.codesOfEveryCredentialAreAccepted() }
    @Test func codesOneStepAwayAreAcceptedAndTwoStepsAwayAreNot() async throws {
        try await accountProvider.codesOneStepAwayAreAcceptedAndTwoStepsAwayAreNot()
    }
    @Test func approvalsSignedByEveryCredentialAreAccepted() async throws { try await accountProvider.approvalsSignedByEveryCredentialAreAccepted() }
    @Test func alteredApprovalsAreRefused() async throws { try await accountProvider.alteredApprovalsAreRefused() }
    @Test func codesAndApprovalsOfAnotherAccountAreRefused() async throws { try await accountProvider.codesAndApprovalsOfAnotherAccountAreRefused() }
    @Test func aReusedCredentialIdentifierIsRefused() async throws { try await accountProvider.aReusedCredentialIdentifierIsRefused() }
    @Test func anUnknownAccountIsReported() async throws { try await accountProvider.anUnknownAccountIsReported() }
    @Test func aCodeIsAcceptedOnlyOnce() async throws { try await accountProvider.aCodeIsAcceptedOnlyOnce() }
    @Test func enrolmentWithoutAValidGrantIsRefused() async throws { try await accountProvider.enrolmentWithoutAValidGrantIsRefused() }
    @Test func aGrantIsUsedOnceAndExpires() async throws { try await accountProvider.aGrantIsUsedOnceAndExpires() }
    @Test func aRestoreWithoutARecoverySignInNeedsVerification() async throws {
        try await accountProvider.aRestoreWithoutARecoverySignInNeedsVerification()
    }
    @Test func theOwnersRecoverySignInMayEnrolAtOnce() async throws { try await accountProvider.theOwnersRecoverySignInMayEnrolAtOnce() }
    @Test func anotherIdentitysOrAForgedRecoverySignInNeedsVerification() async throws {
        try await accountProvider.anotherIdentitysOrAForgedRecoverySignInNeedsVerification()
    }
    @Test func anAccountWithPushApprovalsNeedsVerificationAtRestore() async throws {
        try await accountProvider.anAccountWithPushApprovalsNeedsVerificationAtRestore()
    }
    @Test func aRevokedCredentialIsRefusedAndTheOthersKeepWorking() async throws {
        try await accountProvider.aRevokedCredentialIsRefusedAndTheOthersKeepWorking()
    }
    @Test func revocationNeedsAPasswordSignIn() async throws { try await accountProvider.revocationNeedsAPasswordSignIn() }

    // VerificationService
    @Test func signingInReportsThePersonalAccount() async throws { try await verificationService.signingInReportsThePersonalAccount() }
    @Test func signingInReportsTheWorkAccountWithItsOrganisation() async throws {
        try await verificationService.signingInReportsTheWorkAccountWithItsOrganisation()
    }
    @Test func aWrongSignInPasswordIsRefusedAndCountsLikeAVerificationOne() async throws {
        try await verificationService.aWrongSignInPasswordIsRefusedAndCountsLikeAVerificationOne()
    }
    @Test func signingInToAnUnknownUserNameIsAnsweredAsAWrongPassword() async throws {
        try await verificationService.signingInToAnUnknownUserNameIsAnsweredAsAWrongPassword()
    }
    @Test func guessingWaitsAfterFiveWrongPasswordsButNeverForGood() async throws {
        try await verificationService.guessingWaitsAfterFiveWrongPasswordsButNeverForGood()
    }
    @Test func anUnknownUserNameIsThrottledLikeAKnownOne() async throws {
        try await verificationService.anUnknownUserNameIsThrottledLikeAKnownOne()
    }
    @Test func guessingCodesWaitsAfterFiveWrongCodes() async throws { try await verificationService.guessingCodesWaitsAfterFiveWrongCodes() }
    @Test func aRightPasswordOffersOnlyMaskedContacts() async throws { try await verificationService.aRightPasswordOffersOnlyMaskedContacts() }
    @Test func aWrongPasswordIsRefusedWithTheAttemptsLeft() async throws { try await verificationService.aWrongPasswordIsRefusedWithTheAttemptsLeft() }
    @Test func theSentCodeIsAcceptedOnce() async throws { try await verificationService.theSentCodeIsAcceptedOnce() }
    @Test func aWrongCodeIsRefusedWithTheAttemptsLeft() async throws { try await verificationService.aWrongCodeIsRefusedWithTheAttemptsLeft() }
    @Test func anotherCodeWithinTheCooldownIsRefused() async throws { try await verificationService.anotherCodeWithinTheCooldownIsRefused() }
    @Test func anEnrolmentPayloadIsAcceptedOnce() async throws { try await verificationService.anEnrolmentPayloadIsAcceptedOnce() }
    @Test func anEnrolmentPayloadForAnotherAccountIsRefused() async throws {
        try await verificationService.anEnrolmentPayloadForAnotherAccountIsRefused()
    }
    @Test func anEnrolmentPayloadForAnotherOrganisationIsRefused() async throws {
        try await verificationService.anEnrolmentPayloadForAnotherOrganisationIsRefused()
    }
    @Test func anAlteredEnrolmentPayloadIsRefused() async throws { try await verificationService.anAlteredEnrolmentPayloadIsRefused() }
}
