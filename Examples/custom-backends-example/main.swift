// custom-backends-example: plugs a custom CloudBackupProvider (an in-memory cloud with a
// simulated outage) and a custom AccountStore (one that keeps every revision) into the
// BackupCoordinator, and shows the backup status through an outage. Exit status 0 when the
// status behaves as shown, 1 otherwise.
import AuthenticatorKitEmbedded
import AuthenticatorKit
import Foundation

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("custom-backends-example FAILED: \(message)\n".utf8))
    exit(1)
}

func show(_ label: String, _ status: BackupStatus) {
    let dot = status.needsAttention ? "  ← red dot (needsAttention)" : ""
    switch status {
    case let .failed(failure): print("  \(label): failed(\(failure.caseName))\(dot)")
    case let .upToDate(generation, _): print("  \(label): upToDate(generation: \(generation))\(dot)")
    default: print("  \(label): \(status.stateName)\(dot)")
    }
}

func account(_ issuer: String, base32 secret: String) throws -> Account {
    let generator = try Generator(factor: .timer(period: 30), secret: try Base32.decode(secret))
    let token = Token(issuer: issuer, account: "alice", generator: generator)
    return Account(token: token, createdAt: Date())
}

let appleID: CloudIdentity = "alice@icloud.example"
let password = SecureBytes(copying: Array("correct horse battery staple".utf8))
let services = FileManager.default.temporaryDirectory.appendingPathComponent("custom-backends-\(UUID().uuidString)")

do {
    defer { try? FileManager.default.removeItem(at: services) }
    try FileManager.default.createDirectory(at: services, withIntermediateDirectories: true)
    // The recovery account stays the embedded one, with the floor Argon2id cost
    // (PasswordHashingCost.minimum, 2 passes over 64 MiB) so the example runs quickly.
    let recoveryAccounts = LocalRecoveryAccountService(directory: services, passwordHashing: .minimum)
    try await recoveryAccounts.createAccount(userName: "alice", password: password)

    let cloud = OutageCloud(platform: .ios, signedInAs: appleID)
    let store = HistoryAccountStore()
    var vault = Vault(platform: .ios)
    try vault.add(try account("GitHub", base32: "JBSWY3DPEHPK3PXP"))
    try await store.save(vault, replacingRevision: nil)

    print("Custom backends: OutageCloud (a CloudBackupProvider) and HistoryAccountStore (an AccountStore).")
    let backup = BackupCoordinator(store: store, cloud: cloud, recoveryAccounts: recoveryAccounts, appVersion: "example 1.0")
    _ = try await backup.enableBackup(recoveryAccount: "alice", password: password, cloudIdentity: appleID)
    let first = await backup.backUpNow()
    show("backup turned on", first)
    guard case let .upToDate(firstGeneration, _) = first else { fail("expected upToDate after turning backup on") }

    print("The cloud goes down; Alice adds an account.")
    cloud.setOnline(false)
    let bank = try account("Bank", base32: "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")
    try await store.modifyVault { vault in try vault.add(bank) }
    let during = await backup.backUpNow()
    show("during the outage", during)
    guard case .failed(.networkUnavailable) = during, during.needsAttention else {
        fail("expected failed(networkUnavailable) with needsAttention during the outage")
    }

    print("The outage ends; the app tries again.")
    cloud.setOnline(true)
    let after = await backup.backUpNow()
    show("after the outage", after)
    guard case let .upToDate(generation, _) = after, !after.needsAttention, generation == firstGeneration + 1 else {
        fail("expected upToDate, one generation later, without needsAttention after the outage")
    }
    let saves = await store.savedRevisions.count
    print("  HistoryAccountStore saved the vault \(saves) times: Alice's changes and the coordinator's backup records.")
    print("Success: the custom cloud and store plugged in; the outage showed a red dot until it ended.")
} catch let error as any ReportableError {
    fail("\(error.caseName): \(error.message)")
} catch {
    fail(String(describing: error))
}
