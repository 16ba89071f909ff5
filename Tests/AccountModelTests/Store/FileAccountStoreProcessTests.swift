#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import AccountModel
import AuthenticatorKitTestSupport
import Foundation
import Testing

/// The file store shared by several processes, and writers killed with SIGKILL in the
/// middle of a save. The other processes run `AccountStoreWriter` (Tests/AccountStoreWriter).
@Suite("FileAccountStore across processes")
struct FileAccountStoreProcessTests {
    @Test func twoProcessesAndThisOneWritingTogetherLoseNoUpdate() async throws {
        let test = try TestDirectory()
        try await test.store().save(Vault(platform: .ios), replacingRevision: nil)
        let perWriter = 15
        let children = try ["p", "q"].map { prefix in
            try Writer.start("add", test.vaultDirectory.path, test.keyFile.path, prefix, String(perWriter))
        }
        let store = test.store(lockTimeout: .seconds(60))
        for index in 0..<perWriter {
            let account = try SampleVaults.thirdPartyAccount(userName: "self-\(index)")
            try await store.modifyVault(attempts: 10_000) { vault in try vault.add(account) }
        }
        for child in children {
            let status = await child.waitForExit()
            #expect(status == 0, "writer failed: \(child.errorOutput())")
        }
        let final = try #require(try await test.store().load())
        let names = Set(final.accounts.map(\.userName))
        let expected = Set(["p", "q", "self"].flatMap { prefix in (0..<perWriter).map { "\(prefix)-\($0)" } })
        #expect(names == expected)
        #expect(final.accounts.count == 3 * perWriter)
        #expect(final.revision == UInt64(3 * perWriter))
    }

    @Test func writerKilledAfterWritingItsTemporaryFileLeavesTheOldVaultReadable() async throws {
        let test = try TestDirectory()
        let old = try SampleVaults.everyShape(revision: 9)
        try await test.store().save(old, replacingRevision: nil)
        let oldFile = try Data(contentsOf: test.vaultFile)

        let child = try Writer.start("hang-before-rename", test.vaultDirectory.path, test.keyFile.path, "never-saved")
        let line = await child.readLine()
        child.killAbruptly()
        _ = await child.waitForExit()
        #expect(line == "ready", "writer said \(line ?? "nothing"): \(child.errorOutput())")

        // The killed writer's temporary file is there; the vault file is the old one.
        let strays = try test.vaultDirectoryEntries().filter { $0.hasPrefix(".\(FileAccountStore.vaultFileName).tmp-") }
        #expect(strays.count == 1)
        #expect(try Data(contentsOf: test.vaultFile) == oldFile)
        let loaded = try #require(try await test.store().load())
        #expect(VaultComparison.differences(old, loaded) == [])

        // Its lock died with it, and the next save sweeps the temporary file away.
        var next = loaded
        try next.add(try SampleVaults.thirdPartyAccount(userName: "after the crash"))
        try await test.store(lockTimeout: .seconds(1)).save(next, replacingRevision: old.revision)
        #expect(try test.vaultDirectoryEntries() == [FileAccountStore.lockFileName, FileAccountStore.vaultFileName].sorted())
        let reloaded = try #require(try await test.store().load())
        #expect(VaultComparison.differences(next, reloaded) == [])
    }

    @Test func writerKilledAtRandomMomentsAlwaysLeavesAReadableVault() async throws {
        let test = try TestDirectory()
        try await test.store().save(Vault(platform: .ios), replacingRevision: nil)
        var lastRevision: UInt64 = 0
        for round in 0..<6 {
            // Kill it once it has reported a number of saves that differs from round to
            // round; it is then somewhere in the middle of the next one. It stops (and waits
            // to be killed) a few saves later, so that it never runs on while this task
            // waits for a thread: the kill still lands at a moment nobody chose.
            let saves = 1 + 3 * round
            let child = try Writer.start("add", test.vaultDirectory.path, test.keyFile.path, "r\(round)", String(saves + 3), "pause")
            var reported: [String] = []
            for _ in 0..<saves {
                guard let line = await child.readLine() else { break }
                reported.append(line)
            }
            child.killAbruptly()
            _ = await child.waitForExit()
            #expect(reported == (1...saves).map { "saved \($0)" }, "round \(round): \(child.errorOutput())")
            let vault = try #require(try await test.store().load(), "round \(round)")
            #expect(vault.revision >= lastRevision + UInt64(saves))
            #expect(vault.accounts.count == Int(vault.revision))
            lastRevision = vault.revision
        }
        // The store still takes writes after all those kills.
        try await test.store(lockTimeout: .seconds(1)).modifyVault { vault in
            try vault.setSetting("true", forKey: "backupEnabled")
        }
        #expect(try await test.store().load()?.revision == lastRevision + 1)
    }
}

/// A running `AccountStoreWriter` child process.
private final class Writer: @unchecked Sendable {
    private let process: Process
    private let output = Pipe()
    private let errors = Pipe()
    private let exit: ChildProcessExit

    private init(arguments: [String]) throws {
        process = Process()
        process.executableURL = try Self.executable()
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = errors
        exit = ChildProcessExit(watching: process)
    }

    static func start(_ arguments: String...) throws -> Writer {
        let writer = try Writer(arguments: arguments)
        try writer.process.run()
        return writer
    }

    /// The first line the child prints, or `nil` if it closes its output first.
    func readLine() async -> String? {
        await ChildProcessSupport.readLine(from: output.fileHandleForReading)
    }

    /// Kills the child with SIGKILL: no handler, no cleanup, like a crash or power cut.
    func killAbruptly() {
        _ = kill(process.processIdentifier, SIGKILL)
    }

    /// Waits for the child to end; its exit status (or signal number).
    func waitForExit() async -> Int32 {
        await exit.status()
    }

    /// What the child wrote to standard error (call only after it ended).
    func errorOutput() -> String {
        String(decoding: errors.fileHandleForReading.availableData, as: UTF8.self)
    }

    /// `AccountStoreWriter`, built beside this test bundle.
    static func executable() throws -> URL {
        try ChildProcessSupport.executable(named: "AccountStoreWriter")
    }
}
