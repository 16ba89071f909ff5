import AccountModel
import Foundation
import Testing
import VerificationFlow

@Suite("VerificationError")
struct VerificationErrorTests {
    /// Every case with the name scripts match: renaming a case must fail here.
    static let caseNames: [(VerificationError, String)] = [
        (.outOfOrder(action: "submitCode", step: "started"), "outOfOrder"),
        (.verificationNotNeeded, "verificationNotNeeded"),
        (.wrongVerificationMethod(required: .providerQRCode), "wrongVerificationMethod"),
        (.wrongVerificationMethod(required: .passwordAndAlternateContact), "wrongVerificationMethod"),
        (.missingProviderAccount, "missingProviderAccount"),
        (.proofForAnotherAccount, "proofForAnotherAccount"),
        (.accountNotFound(AccountID(rawValue: "a1")), "accountNotFound"),
        (.emptyPassword, "emptyPassword"),
        (.wrongPassword(attemptsRemaining: 2), "wrongPassword"),
        (.tooManyAttempts(retryAfter: Date(timeIntervalSince1970: 0)), "tooManyAttempts"),
        (.noAlternateContact, "noAlternateContact"),
        (.unknownContact, "unknownContact"),
        (.resendTooSoon(availableAt: Date(timeIntervalSince1970: 60)), "resendTooSoon"),
        (.wrongCode(attemptsRemaining: 2), "wrongCode"),
        (.codeExpired, "codeExpired"),
        (.noCodeSent, "noCodeSent"),
        (.verificationExpired, "verificationExpired"),
        (.malformedEnrolmentPayload, "malformedEnrolmentPayload"),
        (.forgedEnrolmentPayload, "forgedEnrolmentPayload"),
        (.enrolmentPayloadForAnotherAccount, "enrolmentPayloadForAnotherAccount"),
        (.enrolmentPayloadForAnotherOrganisation, "enrolmentPayloadForAnotherOrganisation"),
        (.enrolmentPayloadExpired(at: Date(timeIntervalSince1970: 0)), "enrolmentPayloadExpired"),
        (.enrolmentPayloadAlreadyUsed, "enrolmentPayloadAlreadyUsed"),
        (.unknownAccount, "unknownAccount"),
        (.credentialAlreadyEnrolled, "credentialAlreadyEnrolled"),
        (.invalidCredential(reason: "not a P-256 key"), "invalidCredential"),
        (.providerUnavailable(reason: "down"), "providerUnavailable"),
        (.missingEnrolmentGrant, "missingEnrolmentGrant"),
        (.forgedEnrolmentGrant, "forgedEnrolmentGrant"),
        (.enrolmentGrantForAnotherAccount, "enrolmentGrantForAnotherAccount"),
        (.enrolmentGrantExpired, "enrolmentGrantExpired"),
        (.enrolmentGrantAlreadyUsed, "enrolmentGrantAlreadyUsed"),
        (.grantDoesNotAllowRevocation, "grantDoesNotAllowRevocation"),
        (.unknownCredential, "unknownCredential"),
        (.invalidContact("nobody"), "invalidContact"),
        (.vaultFailure(.storeLocked), "vaultFailure"),
        (.duplicateAccount(existing: AccountID(rawValue: "a")), "duplicateAccount"),
    ]

    @Test func everyCaseHasItsPinnedNameAndAMessage() {
        for (error, name) in Self.caseNames {
            #expect(error.caseName == name)
            #expect(!error.message.isEmpty)
        }
        // wrongVerificationMethod appears twice above; every other row is its own case.
        #expect(Set(Self.caseNames.map(\.1)).count == Self.caseNames.count - 1)
    }

    @Test func aVaultFailureSaysWhatTheStoreSaid() {
        let failure = VerificationError.vaultFailure(.storeLocked)
        #expect(failure.message == "the vault cannot be read or saved: \(AccountModelError.storeLocked.message)")
    }

    @Test func messagesSayWhatAnAppShows() {
        #expect(VerificationError.wrongPassword(attemptsRemaining: 1).message == "wrong password; 1 attempt left")
        #expect(VerificationError.wrongCode(attemptsRemaining: 3).message == "wrong code; 3 attempts left")
        #expect(VerificationError.tooManyAttempts(retryAfter: Date(timeIntervalSince1970: 1_735_689_600)).message
            == "too many wrong attempts; try again after 2025-01-01T00:00:00Z")
        #expect(VerificationError.resendTooSoon(availableAt: Date(timeIntervalSince1970: 60)).message
            == "a new code can be sent after 1970-01-01T00:01:00Z")
    }
}
