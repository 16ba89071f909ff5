import AccountModel
import Testing
import BackupFormat

@Suite("BackupFormatError")
struct BackupFormatErrorTests {
    static let cases: [(BackupFormatError, String)] = [
        (.notABackup, "notABackup"),
        (.unsupportedVersion(minimumReader: 2), "unsupportedVersion"),
        (.damaged, "damaged"),
        (.tooLarge(field: "accounts", limit: 50_000), "tooLarge"),
        (.parametersOutOfBounds(operations: 1, memoryKiB: 8), "parametersOutOfBounds"),
        (.keyDerivationFailed, "keyDerivationFailed"),
        (.duplicateAccountIdentifier, "duplicateAccountIdentifier"),
        (.noMatchingKeySlot, "noMatchingKeySlot"),
        (.wrongEscrowKey, "wrongEscrowKey"),
        (.wrongPassword, "wrongPassword"),
        (.wrongRecoveryCode, "wrongRecoveryCode"),
        (.invalidRecoveryCode, "invalidRecoveryCode"),
        (.invalidEscrowKey(length: 3), "invalidEscrowKey"),
        (.noKeySlots, "noKeySlots"),
        (.duplicateKeySlot, "duplicateKeySlot"),
        (.emptyPassword, "emptyPassword"),
    ]

    @Test func everyCaseHasItsSwiftNameAndAMessage() {
        for (error, name) in Self.cases {
            #expect(error.caseName == name)
            #expect(!error.message.isEmpty)
        }
    }

    @Test func messagesCarryWhatAnAppNeedsToShow() {
        #expect(BackupFormatError.unsupportedVersion(minimumReader: 2).message.contains("version 2"))
        #expect(BackupFormatError.tooLarge(field: "accounts", limit: 50_000).message.contains("accounts"))
        #expect(BackupFormatError.tooLarge(field: "accounts", limit: 50_000).message.contains("50000"))
        #expect(BackupFormatError.parametersOutOfBounds(operations: 1, memoryKiB: 8).message.contains("8 KiB"))
    }
}
