import AccountModel
import AuthenticatorKitTestSupport
import Foundation
import OTP
import SodiumBridge
import Testing

/// `Account.exceedsBackupLimits`, the check exports and backups run on every account, says
/// exactly what `backupLimitViolations.isEmpty` says: for every field a backup carries, at
/// its limit (carried) and one byte over (left out), for both kinds of account.
@Suite("Exceeds backup limits")
struct ExceedsBackupLimitsTests {
    let limit = VaultLimits.maximumTextLength

    func token(issuer: String = "Example", account: String = "alice", secretLength: Int = 20) throws -> Token {
        try limitTestToken(issuer: issuer, account: account, secretLength: secretLength)
    }

    func provider(issuer: String = "Contoso", userName: String = "carol", reference: String? = "user-1", scannedSecretLength: Int? = nil) throws -> Account {
        let device: Account.DeviceState = try scannedSecretLength.map { .scannedSecret(try token(secretLength: $0).generator) }
            ?? .awaitingEnrolment
        return Account(
            provider: Account.ProviderDetails(
                kind: .workOrSchool, issuer: issuer, userName: userName,
                reference: reference.map(ProviderAccountReference.init(rawValue:)), device: device),
            createdAt: SampleVaults.createdAt)
    }

    /// Every field at `length` UTF-8 bytes, one account per field and kind.
    func accounts(withFieldsOf length: Int) throws -> [Account] {
        let text = String(repeating: "é", count: length / 2) + (length % 2 == 1 ? "x" : "")
        return [
            Account(id: AccountID(rawValue: text), token: try token(), createdAt: SampleVaults.createdAt),
            Account(token: try token(issuer: text), createdAt: SampleVaults.createdAt),
            Account(token: try token(account: text), createdAt: SampleVaults.createdAt),
            Account(token: try token(), displayName: text, createdAt: SampleVaults.createdAt),
            Account(token: try token(), iconReference: text, createdAt: SampleVaults.createdAt),
            try provider(issuer: text),
            try provider(userName: text),
            try provider(reference: text),
            Account(id: AccountID(rawValue: text), provider: try provider().provider!, createdAt: SampleVaults.createdAt),
            Account(provider: try provider().provider!, displayName: text, iconReference: text, createdAt: SampleVaults.createdAt),
        ]
    }

    @Test func everyFieldAtItsLimitIsWithinAndOneByteMoreExceeds() throws {
        for account in try accounts(withFieldsOf: limit) {
            #expect(!account.exceedsBackupLimits)
            #expect(account.backupLimitViolations.isEmpty)
        }
        for account in try accounts(withFieldsOf: limit + 1) {
            #expect(account.exceedsBackupLimits)
            #expect(!account.backupLimitViolations.isEmpty)
        }
    }

    @Test func aThirdPartySecretOverTheLimitExceedsAndOneAtItDoesNot() throws {
        let atLimit = Account(token: try token(secretLength: VaultLimits.maximumSecretLength), createdAt: SampleVaults.createdAt)
        let over = Account(token: try token(secretLength: VaultLimits.maximumSecretLength + 1), createdAt: SampleVaults.createdAt)
        #expect(!atLimit.exceedsBackupLimits)
        #expect(over.exceedsBackupLimits)
        #expect(over.backupLimitViolations == [.secretTooLong(limit: VaultLimits.maximumSecretLength)])
    }

    @Test func aScannedProviderSecretDoesNotCountAsABackupNeverCarriesIt() throws {
        let account = try provider(scannedSecretLength: VaultLimits.maximumSecretLength + 1)
        #expect(!account.exceedsBackupLimits)
        #expect(account.backupLimitViolations.isEmpty)
        #expect(!account.limitViolations.isEmpty)
    }

    @Test func theLeftOutListNamesExactlyTheAccountsThatExceed() throws {
        let vault = try OversizedAccounts.vault()
        #expect(vault.accountsLeftOutOfBackups.map(\.id) == vault.accounts.filter(\.exceedsBackupLimits).map(\.id))
        #expect(vault.accountsLeftOutOfBackups.map(\.violations) == [[.secretTooLong(limit: VaultLimits.maximumSecretLength)]])
    }
}
