import AccountModel
import Testing

@Suite("AccountModelError")
struct AccountModelErrorTests {
    static let everyCase: [AccountModelError] = [
        .duplicateAccount(existing: AccountID(rawValue: "id-1")),
        .accountNotFound(AccountID(rawValue: "id-2")),
        .indexOutOfRange(index: 5, count: 3),
        .indexOutOfRange(index: 0, count: 0),
        .revisionOverflow,
        .invalidSettingKey(""),
        .invalidSettingValue(key: "platform", value: "windows", expected: "ios or android"),
        .vaultNotFound,
        .revisionConflict(expected: 3, found: 5),
        .revisionConflict(expected: nil, found: 1),
        .revisionNotAdvanced(revision: 2, replacing: 2),
        .storeDamaged(reason: "the file does not authenticate"),
        .unsupportedStoreVersion(9),
        .keyMismatch,
        .storeLocked,
        .storeUnavailable(reason: "disk full"),
        .keyUnavailable(reason: "locked"),
        .insecureKeyFile(path: "/tmp/key", mode: 0o644),
    ]

    @Test(arguments: everyCase)
    func everyCaseHasAMessageAndItsCaseName(_ error: AccountModelError) {
        #expect(!error.message.isEmpty)
        let rendered = String(describing: error)
        #expect(rendered.hasPrefix(error.caseName))
        #expect(!error.caseName.contains("("))
    }

    @Test func messagesCarryWhatAnAppShows() {
        #expect(AccountModelError.duplicateAccount(existing: AccountID(rawValue: "id-1")).message.contains("id-1"))
        #expect(AccountModelError.indexOutOfRange(index: 5, count: 3).message.contains("0 to 2"))
        #expect(AccountModelError.indexOutOfRange(index: 0, count: 0).message.contains("empty"))
        #expect(AccountModelError.revisionConflict(expected: 3, found: 5).message.contains("revision 5"))
        #expect(AccountModelError.revisionConflict(expected: nil, found: 1).message.contains("no vault"))
        #expect(AccountModelError.insecureKeyFile(path: "/tmp/key", mode: 0o644).message.contains("644"))
        #expect(AccountModelError.unsupportedStoreVersion(9).message.contains("9"))
    }

    @Test func caseNamesAreTheSwiftCaseNames() {
        #expect(AccountModelError.duplicateAccount(existing: AccountID(rawValue: "x")).caseName == "duplicateAccount")
        #expect(AccountModelError.revisionConflict(expected: 1, found: 2).caseName == "revisionConflict")
        #expect(AccountModelError.storeLocked.caseName == "storeLocked")
    }
}
