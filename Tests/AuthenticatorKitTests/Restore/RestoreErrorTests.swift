import AuthenticatorKit
import Testing

@Suite("Restore errors")
struct RestoreErrorTests {
    /// Every case with the name scripts match: renaming a case must fail here.
    static let caseNames: [(RestoreError, String)] = [
        (.unavailable(.damaged), "unavailable"),
        (.outOfOrder(attempted: .signedIn, current: .notStarted), "outOfOrder"),
        (.wrongCredentials, "wrongCredentials"),
        (.storeFailure("disk full"), "storeFailure"),
        (.serviceFailure("down"), "serviceFailure"),
        (.vaultChanged, "vaultChanged"),
        (.tooManyAttempts(retryAfter: 30), "tooManyAttempts"),
    ]

    @Test func everyErrorHasAMessageAndItsPinnedName() {
        for (error, name) in Self.caseNames {
            #expect(!error.message.isEmpty)
            #expect(error.caseName == name)
        }
        #expect(Set(Self.caseNames.map(\.1)).count == Self.caseNames.count)
    }

    @Test func unavailableCarriesTheReasonForTheApp() {
        #expect(RestoreError.unavailable(.backupStale).unavailableReason == .backupStale)
        #expect(RestoreError.unavailable(.backupStale).unavailableReason?.caseName == "backupStale")
        #expect(RestoreError.vaultChanged.unavailableReason == nil)
    }

    @Test func outOfOrderSaysWhereTheRestoreIs() {
        let message = RestoreError.outOfOrder(attempted: .signedIn, current: .notStarted).message
        #expect(message.contains("signedIn"))
        #expect(message.contains("notStarted"))
    }
}
