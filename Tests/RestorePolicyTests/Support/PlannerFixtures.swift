import SodiumBridge
import OTP
import BackupServices
import AccountModel
import AuthenticatorKitTestSupport
import BackupFormat
import Foundation
import RestorePolicy

/// Backups to plan from: payloads built from vaults, and the header of a real sealed file.
enum PlannerFixtures {
    /// The backup's creation time: 2023-11-15T00:00:00Z.
    static let backupDate = Date(timeIntervalSince1970: 1_700_006_400)

    /// A fixed clock.
    struct FixedClock: TimeSource {
        let date: Date
        func now() -> Date { date }
    }

    /// The header of `payload` sealed as generation `generation` on `platform`.
    static func header(
        for payload: BackupPayload, generation: UInt64 = 4, platform: Platform = .android
    ) throws -> BackupHeader {
        let sealer = BackupSealer(random: DeterministicRandom(seed: "planner"), clock: FixedClock(date: backupDate))
        let key = SecureBytes(copying: [UInt8](repeating: 7, count: 32))
        let bytes = try sealer.seal(
            payload,
            metadata: BackupMetadata(
                generation: generation, platform: platform, appVersion: "test", backupID: UUID()),
            keySlots: [.escrowKey(key, keyID: "k")])
        return try SealedBackup(bytes: bytes).header
    }

    /// The old device's vault: every shape of account, a personal account that is the
    /// recovery account `alice@contoso.example` (without push approvals), and a personal
    /// account of someone else.
    static func oldDevice() throws -> Vault {
        let sample = try SampleVaults.everyShape()
        var accounts = sample.accounts
        accounts.append(
            Account(
                id: AccountID(rawValue: "a-recovery"),
                provider: Account.ProviderDetails(
                    kind: .personal,
                    issuer: "Contoso ID",
                    userName: "Alice@Contoso.example",
                    reference: "user-0002",
                    pushApprovalsEnabled: false,
                    device: .awaitingEnrolment),
                createdAt: SampleVaults.createdAt
            ))
        accounts.append(
            Account(
                id: AccountID(rawValue: "a-other-personal"),
                provider: Account.ProviderDetails(
                    kind: .personal,
                    issuer: "Contoso ID",
                    userName: "bob@contoso.example",
                    reference: "user-0003",
                    device: .awaitingEnrolment),
                createdAt: SampleVaults.createdAt
            ))
        return Vault(accounts: accounts, settings: sample.settings, revision: sample.revision)
    }

    /// The recovery account the user signs in to.
    static let recoveryAccount = "alice@contoso.example"

    /// What the provider answered for the recovery sign-in as ``recoveryAccount``: it may
    /// mint `a-recovery` (its own account, without push approvals) at once.
    static let providerDecisions: [ProviderAccountReference: ProviderDecision] = ["user-0002": .enrolNow]
}
