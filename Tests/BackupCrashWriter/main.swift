// A child process for the crash tests: saves the vault and uploads backups in a loop, with
// the embedded services (a folder cloud, a local recovery-account service) and the file
// store, so that a test can kill it with SIGKILL at any moment.
//
//   BackupCrashWriter setup DIR
//       creates the recovery account `alice`, the vault (android, one account) and turns backup on;
//       prints "escrow HEX" (the escrow key, for the test to open the cloud's backups;
//       test-only) and "ready"
//   BackupCrashWriter loop DIR PREFIX [STEPS]
//       forever: adds account PREFIX-N (one save) and prints "saved N", then backs up and
//       prints "uploaded GENERATION"; with STEPS, stops after that many lines and waits to be
//       killed (never exits: a test asks for a few more steps than it waits for, so that its
//       kill lands somewhere in those, and the child never runs on while the test's task
//       waits for a thread)
import AuthenticatorKit
import AuthenticatorKitEmbedded
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(1)
}

func say(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }

let arguments = CommandLine.arguments
guard arguments.count >= 3 else { fail("usage: BackupCrashWriter setup|loop DIR …") }
let root = URL(fileURLWithPath: arguments[2])
let store = FileAccountStore(directory: root.appendingPathComponent("vault"), keyProvider: FileKeyProvider(file: root.appendingPathComponent("key")), lockTimeout: .seconds(60))
let service = LocalRecoveryAccountService(directory: root.appendingPathComponent("services"), passwordHashing: .testing)
let cloud = DirectoryCloudProvider(root: root.appendingPathComponent("cloud"), platform: .android, signedInIdentity: "alice")
let coordinator = BackupCoordinator(store: store, cloud: cloud, recoveryAccounts: service, appVersion: "crash-writer")
let password = SecureBytes(copying: Array("alice's password".utf8))

switch arguments[1] {
case "setup":
    do {
        for folder in ["vault", "services", "cloud"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        try await service.createAccount(userName: "alice", password: password)
        // A backup is never made of an empty vault: start with one account.
        guard let generator = try? Generator(factor: .timer(period: 30), secret: SecureBytes(copying: Array("seed".utf8))) else { fail("generator") }
        var vault = Vault(platform: .android)
        try vault.add(Account(token: Token(issuer: "Crash", account: "seed", generator: generator), createdAt: Date()))
        try await store.save(vault, replacingRevision: nil)
        let status = try await coordinator.enableBackup(recoveryAccount: "alice", password: password, cloudIdentity: nil)
        guard case .upToDate = status else { fail("backup did not upload: \(status)") }
        let session = try await service.signIn(with: .password(userName: "alice", password: password))
        let key = try await service.escrowKey(for: session)
        let hex = key.key.withUnsafeBytes { $0.map { String(format: "%02x", $0) }.joined() }
        say("escrow \(hex)")
        say("ready")
    } catch {
        fail("setup: \(error)")
    }
case "loop":
    guard arguments.count == 4 || arguments.count == 5 else { fail("usage: loop DIR PREFIX [STEPS]") }
    var steps = Int.max
    if arguments.count == 5 {
        guard let limit = Int(arguments[4]), limit > 0 else { fail("usage: loop DIR PREFIX [STEPS]") }
        steps = limit
    }
    /// Counts a printed line; past the limit, waits to be killed.
    func stepDone() {
        steps -= 1
        if steps == 0 { while true { pause() } }
    }
    var index = 0
    while true {
        index += 1
        let name = "\(arguments[3])-\(index)"
        do {
            guard let generator = try? Generator(factor: .timer(period: 30), secret: SecureBytes(copying: Array(name.utf8))) else { fail("generator") }
            let account = Account(token: Token(issuer: "Crash", account: name, generator: generator), createdAt: Date())
            try await store.modifyVault(attempts: 100) { vault in try vault.add(account) }
        } catch {
            fail("save: \(error)")
        }
        say("saved \(index)")
        stepDone()
        let status = await coordinator.backUpNow()
        guard case let .upToDate(generation, _) = status else { fail("backup: \(status)") }
        say("uploaded \(generation)")
        stepDone()
    }
default:
    fail("unknown command \(arguments[1])")
}
