import AuthenticatorKitTestSupport
import AuthenticatorKitEmbedded
import Foundation
import Testing
import AuthenticatorKit
import SodiumBridge
#if canImport(Glibc)
import Glibc
#endif

/// Kill -9 at any point: `BackupCrashWriter` saves the vault and uploads backups in a loop
/// (file store, folder cloud, local recovery-account service) and is killed with SIGKILL at
/// moments chosen from its progress lines (a handshake, never a sleep). After every kill the
/// vault opens and holds the state before or after the interrupted save, and the cloud holds
/// a complete backup of the previous or the new generation that opens with the escrow key.
///
/// 100 kills by default (each lands after a save or after an upload, at a point of its own);
/// set `AUTHENTICATORKIT_CRASH_ROUNDS=1000` for the longer run. The
/// kills are shared by ``lanes`` independent worlds (each its own folder, writer and kill
/// points) that run at the same time: each round mostly waits for a child to start and for
/// its writes to reach the disk, so lanes side by side finish sooner than one long chain.
@Suite("Kill -9 while saving and backing up")
struct BackupCrashTests {
    static var rounds: Int {
        ProcessInfo.processInfo.environment["AUTHENTICATORKIT_CRASH_ROUNDS"].flatMap(Int.init) ?? 100
    }

    /// Worlds killed side by side; together they take at least ``rounds`` kills.
    static let lanes = 4

    /// The rounds of one lane: ``rounds`` shared out, rounded up (so the lanes take at least
    /// ``rounds`` kills in all).
    static var roundsPerLane: Int { (rounds + lanes - 1) / lanes }

    @Test(arguments: 0..<Self.lanes)
    func killedAtRandomMomentsTheVaultAndTheCloudAreAlwaysWhole(lane: Int) async throws {
        try await OwnThreadExecutor.run("kill lane \(lane)") {
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("backup-crash-\(lane)-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: root) }

            let setup = try Child.start("setup", root.path)
            let escrowLine = try #require(await setup.readLine(), "setup printed nothing")
            #expect(await setup.readLine() == "ready")
            #expect(await setup.waitForExit() == 0)
            let escrowHex = String(escrowLine.dropFirst("escrow ".count))
            let escrowBytes = stride(from: 0, to: escrowHex.count, by: 2).compactMap { offset -> UInt8? in
                let start = escrowHex.index(escrowHex.startIndex, offsetBy: offset)
                return UInt8(escrowHex[start..<escrowHex.index(start, offsetBy: 2)], radix: 16)
            }
            try #require(escrowBytes.count == 32)
            let escrowKey = SecureBytes(copying: escrowBytes)

            let store = FileAccountStore(directory: root.appendingPathComponent("vault"), keyProvider: FileKeyProvider(file: root.appendingPathComponent("key")))
            let cloud = DirectoryCloudProvider(root: root.appendingPathComponent("cloud"), platform: .android, signedInIdentity: "alice")
            var random = SplitMix64(seed: 0x5EED &+ UInt64(lane))
            var accounts = 1
            for round in 0..<Self.roundsPerLane {
                // Kill after 1 or 2 progress lines: right after a save, or right after an upload,
                // and so somewhere in the next upload or save. (A third line would only put the
                // kill in an upload again, the window of one line, at the cost of another save.)
                // The child stops three lines later and waits to be killed, so that it never runs
                // on while this task waits for a thread; the kill still lands where it lands.
                let lines = 1 + Int(random.next() % 2)
                let child = try Child.start("loop", root.path, "r\(round)", String(lines + 3))
                var saved = 0
                var reported: [String] = []
                for _ in 0..<lines {
                    guard let line = await child.readLine() else { break }
                    reported.append(line)
                    if line.hasPrefix("saved ") { saved = Int(line.dropFirst(6)) ?? saved }
                }
                child.killAbruptly()
                _ = await child.waitForExit()
                // The child never exits by itself: killed after the cloud took an upload but before
                // the device saved it, the next round recognises its own upload (by the digest of
                // its upload intent) instead of a generation conflict (local n, cloud n + 1).
                #expect(reported.count == lines, "round \(round): the child stopped early: \(reported) \(child.errorOutput())")

                // The vault opens and holds a whole state: every save the child reported, then
                // the saves it finished before the kill landed (it runs on while the signal is
                // sent), in order, with no gap — the state before or after the interrupted save.
                let vault = try #require(try await store.load(), "round \(round)")
                let ofRound = vault.accounts.map(\.userName).filter { $0.hasPrefix("r\(round)-") }
                #expect(ofRound.count >= saved, "round \(round): \(ofRound.count) accounts, \(saved) saves reported: \(reported)")
                #expect(ofRound == (0..<ofRound.count).map { "r\(round)-\($0 + 1)" }, "round \(round): \(ofRound)")
                accounts += ofRound.count
                #expect(vault.accounts.count == accounts, "round \(round)")

                // The cloud holds a whole backup of the recorded generation or the next one.
                let backup = try await cloud.downloadLatestBackup(for: "alice")
                let sealed = try SealedBackup(bytes: backup.bytes)
                let payload = try sealed.open(using: .escrowKey(escrowKey))
                let recorded = try #require(vault.backupState?.lastUploadedGeneration, "round \(round)")
                #expect(sealed.header.generation == recorded || sealed.header.generation == recorded + 1, "round \(round)")
                #expect(backup.metadata.generation == sealed.header.generation)
                // Every account the backup holds is in the vault: it is a whole earlier state.
                let inVault = Set(vault.accounts.map(\.id))
                #expect(payload.accounts.allSatisfy { inVault.contains($0.id) }, "round \(round)")
            }
            // The embedded service's files are whole: alice signs in and gets the same escrow key.
            let service = LocalRecoveryAccountService(directory: root.appendingPathComponent("services"), passwordHashing: .testing)
            let session = try await service.signIn(with: .password(userName: "alice", password: SecureBytes(copying: Array("alice's password".utf8))))
            #expect(try await service.escrowKey(for: session).key == escrowKey)
            // And the store still takes writes.
            try await store.modifyVault { vault in try vault.setSetting("dark", forKey: "theme") }
        }
    }
}

/// A running `BackupCrashWriter` child process.
private final class Child: @unchecked Sendable {
    private let process = Process()
    private let output = Pipe()
    private let errors = Pipe()
    private lazy var exit = ChildProcessExit(watching: process)

    static func start(_ arguments: String...) throws -> Child {
        let child = Child()
        _ = child.exit
        child.process.executableURL = try executable()
        child.process.arguments = arguments
        child.process.standardOutput = child.output
        child.process.standardError = child.errors
        try child.process.run()
        return child
    }

    /// The next line the child prints, or `nil` once it closes its output.
    func readLine() async -> String? {
        await ChildProcessSupport.readLine(from: output.fileHandleForReading)
    }

    /// SIGKILL: no handler, no cleanup, like a crash or a power cut.
    func killAbruptly() { _ = kill(process.processIdentifier, SIGKILL) }

    func waitForExit() async -> Int32 {
        await exit.status()
    }

    func errorOutput() -> String { String(decoding: errors.fileHandleForReading.availableData, as: UTF8.self) }

    static func executable() throws -> URL {
        try ChildProcessSupport.executable(named: "BackupCrashWriter")
    }
}
