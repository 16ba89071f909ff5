import AuthenticatorKit
import Testing

@Suite("Restore errors")
struct RestoreErrorTests {
    @Test func everyErrorHasAMessageAndItsCaseName() {
        let errors: [RestoreError] = [
            .unavailable(.damaged), .outOfOrder(attempted: .signedIn, current: .notStarted), .wrongCredentials,
            .storeFailure("disk full"), .serviceFailure("down"), .vaultChanged,
        ]
        for error in errors {
            #expect(!error.message.isEmpty)
            #expect(String(describing: error).hasPrefix(error.caseName))
        }
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
