import AccountModel
import Foundation
import Testing
import VerificationFlow

@Suite("VerificationError")
struct VerificationErrorTests {
    @Test func caseNamesAreTheSwiftCaseNames() {
        #expect(VerificationError.wrongCode(attemptsRemaining: 2).caseName == "wrongCode")
        #expect(VerificationError.enrolmentPayloadForAnotherOrganisation.caseName == "enrolmentPayloadForAnotherOrganisation")
        #expect(VerificationError.locked(until: Date(timeIntervalSince1970: 0)).caseName == "locked")
        #expect(VerificationError.vaultFailure(.storeLocked).caseName == "vaultFailure")
        #expect(VerificationError.duplicateAccount(existing: AccountID(rawValue: "a")).caseName == "duplicateAccount")
        #expect(VerificationError.invalidContact("x").caseName == "invalidContact")
    }

    @Test func aVaultFailureSaysWhatTheStoreSaid() {
        let failure = VerificationError.vaultFailure(.storeLocked)
        #expect(failure.message == "the vault cannot be read or saved: \(AccountModelError.storeLocked.message)")
    }

    @Test func messagesSayWhatAnAppShows() {
        #expect(VerificationError.wrongPassword(attemptsRemaining: 1).message == "wrong password; 1 attempt left")
        #expect(VerificationError.wrongCode(attemptsRemaining: 3).message == "wrong code; 3 attempts left")
        #expect(VerificationError.locked(until: Date(timeIntervalSince1970: 1_735_689_600)).message
            == "too many wrong attempts; try again after 2025-01-01T00:00:00Z")
        #expect(VerificationError.resendTooSoon(availableAt: Date(timeIntervalSince1970: 60)).message
            == "a new code can be sent after 1970-01-01T00:01:00Z")
    }
}
