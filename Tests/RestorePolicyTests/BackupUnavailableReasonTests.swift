import AccountModel
import BackupServices
import RestorePolicy
import Testing

@Suite("BackupUnavailableReason")
struct BackupUnavailableReasonTests {
    /// Every case with the name scripts match: renaming a case must fail here.
    static let caseNames: [(BackupUnavailableReason, String)] = [
        (.platformMismatch(backup: .ios, device: .android), "platformMismatch"),
        (.backupElsewhere(BackupLocation(kind: .portable("WebDAV"), cloudIdentity: "alice@dav.example/a")), "backupElsewhere"),
        (.networkUnavailable, "networkUnavailable"),
        (.notSignedIn, "notSignedIn"),
        (.cloudIdentityMismatch, "cloudIdentityMismatch"),
        (.backupNotFound, "backupNotFound"),
        (.existingAccounts([]), "existingAccounts"),
        (.backupStale, "backupStale"),
        (.unsupportedVersion(minimumReader: 2), "unsupportedVersion"),
        (.damaged, "damaged"),
        (.wrongRecoveryAccount, "wrongRecoveryAccount"),
        (.duplicateAccountIdentifier, "duplicateAccountIdentifier"),
        (.backupRolledBack(found: 1, recorded: 2), "backupRolledBack"),
        (.tooManyAccounts(total: 50_001, limit: 50_000), "tooManyAccounts"),
    ]

    @Test func everyCaseHasItsPinnedNameAMessageAndAnAction() {
        for (reason, name) in Self.caseNames {
            #expect(reason.caseName == name)
            #expect(!reason.message.isEmpty)
            #expect(!reason.suggestedAction.isEmpty)
        }
        #expect(Set(Self.caseNames.map(\.1)).count == Self.caseNames.count)
    }
}
