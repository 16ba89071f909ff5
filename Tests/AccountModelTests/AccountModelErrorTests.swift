import AccountModel
import Testing

@Suite("AccountModelError")
struct AccountModelErrorTests {
    /// Every case with the name scripts match: renaming a case must fail here.
    static let everyCase: [(AccountModelError, String)] = [
        (.duplicateAccount(existing: AccountID(rawValue: "id-1")), "duplicateAccount"),
        (.accountNotFound(AccountID(rawValue: "id-2")), "accountNotFound"),
        (.indexOutOfRange(index: 5, count: 3), "indexOutOfRange"),
        (.indexOutOfRange(index: 0, count: 0), "indexOutOfRange"),
        (.revisionOverflow, "revisionOverflow"),
        (.fieldTooLong(field: .issuer, limit: 1024), "fieldTooLong"),
        (.secretTooLong(limit: 128), "secretTooLong"),
        (.tooManyAccounts(limit: 50_000), "tooManyAccounts"),
        (.tooManyCustomSettings(limit: 256), "tooManyCustomSettings"),
        (.invalidSettingKey(""), "invalidSettingKey"),
        (.invalidSettingValue(key: "platform", value: "windows", expected: "ios or android"), "invalidSettingValue"),
        (.vaultNotFound, "vaultNotFound"),
        (.revisionConflict(expected: 3, found: 5), "revisionConflict"),
        (.revisionConflict(expected: nil, found: 1), "revisionConflict"),
        (.revisionNotAdvanced(revision: 2, replacing: 2), "revisionNotAdvanced"),
        (.storeDamaged(reason: "the file does not authenticate"), "storeDamaged"),
        (.unsupportedStoreVersion(9), "unsupportedStoreVersion"),
        (.keyMismatch, "keyMismatch"),
        (.storeLocked, "storeLocked"),
        (.storeUnavailable(reason: "disk full"), "storeUnavailable"),
        (.keyUnavailable(reason: "locked"), "keyUnavailable"),
        (.insecureKeyFile(path: "/tmp/key", mode: 0o644), "insecureKeyFile"),
    ]

    @Test(arguments: everyCase)
    func everyCaseHasAMessageAndItsPinnedName(_ error: AccountModelError, _ name: String) {
        #expect(!error.message.isEmpty)
        #expect(error.caseName == name)
    }

    @Test func everyCaseHasItsOwnName() {
        // indexOutOfRange and revisionConflict appear twice above; every other row is its own case.
        #expect(Set(Self.everyCase.map(\.1)).count == Self.everyCase.count - 2)
    }

    @Test func messagesCarryWhatAnAppShows() {
        #expect(AccountModelError.duplicateAccount(existing: AccountID(rawValue: "id-1")).message.contains("id-1"))
        #expect(AccountModelError.indexOutOfRange(index: 5, count: 3).message.contains("0 to 2"))
        #expect(AccountModelError.indexOutOfRange(index: 0, count: 0).message.contains("empty"))
        #expect(AccountModelError.revisionConflict(expected: 3, found: 5).message.contains("revision 5"))
        #expect(AccountModelError.revisionConflict(expected: nil, found: 1).message.contains("no vault"))
        #expect(AccountModelError.insecureKeyFile(path: "/tmp/key", mode: 0o644).message.contains("644"))
        #expect(AccountModelError.unsupportedStoreVersion(9).message.contains("9"))
        #expect(AccountModelError.fieldTooLong(field: .userName, limit: 1024).message.contains("user name"))
        #expect(AccountModelError.fieldTooLong(field: .userName, limit: 1024).message.contains("1024"))
        #expect(AccountModelError.secretTooLong(limit: 128).message.contains("128"))
    }
}
