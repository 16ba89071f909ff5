import AccountModel
import RestorePolicy
import Testing

@Suite("Restore plan outcomes")
struct RestorePlanOutcomeTests {
    @Test(arguments: [
        (RestorePlan.Outcome.restoredInFull, "restoredInFull"),
        (.restoredWithNewDeviceCredential, "restoredWithNewDeviceCredential"),
        (.needsVerification(.providerQRCode), "needsVerification"),
        (.skippedDuplicate(existing: AccountID(rawValue: "x")), "skippedDuplicate"),
    ])
    func outcomeCaseNameIsTheSwiftCaseName(_ outcome: RestorePlan.Outcome, _ name: String) {
        #expect(outcome.caseName == name)
        #expect(String(describing: outcome).hasPrefix(name))
    }
}
