#if canImport(Glibc)
import SodiumBridge
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import AccountModel
import AuthenticatorKitTestSupport
import Foundation
import Testing

@Suite("FileAccountStore")
struct FileAccountStoreTests {
    // MARK: Files and permissions

    @Test func saveCreatesTheDirectoryAndFilesOnlyTheOwnerCanRead() async throws {
        let test = try TestDirectory()
        try await test.store().save(try SampleVaults.everyShape(), replacingRevision: nil)
        #expect(try TestDirectory.permissions(of: test.vaultDirectory) == 0o700)
        #expect(try TestDirectory.permissions(of: test.vaultFile) == 0o600)
        #expect(try TestDirectory.permissions(of: test.keyFile) == 0o600)
        #expect(try TestDirectory.permissions(of: test.vaultDirectory.appendingPathComponent(FileAccountStore.lockFileName)) == 0o600)
        #expect(try test.vaultDirectoryEntries() == [FileAccountStore.lockFileName, FileAccountStore.vaultFileName].sorted())
    }

    @Test func filesAreCreatedWith0600EvenUnderAPermissiveUmask() async throws {
        let test = try TestDirectory()
        let previous = umask(0)
        defer { umask(previous) }
        try await test.store().save(Vault(platform: .ios), replacingRevision: nil)
        #expect(try TestDirectory.permissions(of: test.vaultFile) == 0o600)
        #expect(try TestDirectory.permissions(of: test.keyFile) == 0o600)
    }

    @Test func loadOfAnEmptyDirectoryReturnsNilWithoutCreatingAKey() async throws {
        let test = try TestDirectory()
        #expect(try await test.store().load() == nil)
        #expect(!FileManager.default.fileExists(atPath: test.keyFile.path))
        #expect(!FileManager.default.fileExists(atPath: test.vaultDirectory.path))
    }

    @Test func vaultFileHoldsNoSecretOrNameInClear() async throws {
        let test = try TestDirectory()
        let vault = try SampleVaults.everyShape()
        try await test.store().save(vault, replacingRevision: nil)
        let file = try [UInt8](Data(contentsOf: test.vaultFile))
        #expect(Array(file.prefix(4)) == Array("AKVS".utf8))
        var needles = ["alice", "GitHub", "Contoso", "fabrikam", "theme", "värde", "12345678901234567890"].map { Array($0.utf8) }
        needles += vault.accounts.compactMap { $0.token?.generator.secret.copyBytes() }
        for needle in needles {
            #expect(!contains(file, needle))
        }
    }

    @Test func aStoreInAnotherProcessOrInstanceReadsTheSameVault() async throws {
        let test = try TestDirectory()
        let vault = try SampleVaults.everyShape()
        try await test.store().save(vault, replacingRevision: nil)
        let loaded = try #require(try await test.store().load())
        #expect(VaultComparison.differences(vault, loaded) == [])
    }

    // MARK: Damage

    @Test func everySingleByteFlipIsATypedErrorAndNeverOverwritesTheFile() async throws {
        let test = try TestDirectory()
        let store = test.store()
        var vault = Vault(platform: .ios)
        try vault.add(try SampleVaults.thirdPartyAccount(userName: "u"))
        try await store.save(vault, replacingRevision: nil)
        let original = try Data(contentsOf: test.vaultFile)
        var next = vault
        try next.setSetting("x", forKey: "k")
        for index in original.indices {
            for mask: UInt8 in [0x01, 0xFF] {
                var damaged = original
                damaged[index] ^= mask
                try damaged.write(to: test.vaultFile)
                let expected = Self.expectedError(flippingByteAt: index, of: original, mask: mask)
                await #expect(throws: expected, "byte \(index) ^ \(mask)") { try await store.load() }
                await #expect(throws: expected, "byte \(index) ^ \(mask)") {
                    try await store.save(next, replacingRevision: vault.revision)
                }
                #expect(try Data(contentsOf: test.vaultFile) == damaged, "byte \(index) ^ \(mask)")
            }
        }
        #expect(try test.vaultDirectoryEntries() == [FileAccountStore.lockFileName, FileAccountStore.vaultFileName].sorted())
    }

    @Test func everyTruncationIsATypedErrorAndNeverOverwritesTheFile() async throws {
        let test = try TestDirectory()
        let store = test.store()
        var vault = Vault(platform: .ios)
        try vault.add(try SampleVaults.thirdPartyAccount(userName: "u"))
        try await store.save(vault, replacingRevision: nil)
        let original = try Data(contentsOf: test.vaultFile)
        for length in 0..<original.count {
            let truncated = original.prefix(length)
            try truncated.write(to: test.vaultFile)
            await #expect(throws: AccountModelError.self, "length \(length)") { try await store.load() }
            await #expect(throws: AccountModelError.self, "length \(length)") {
                try await store.save(Vault(platform: .android), replacingRevision: nil)
            }
            #expect(try Data(contentsOf: test.vaultFile) == truncated, "length \(length)")
        }
    }

    @Test func fileOfAnotherVersionIsReportedAndNeverOverwritten() async throws {
        let test = try TestDirectory()
        let store = test.store()
        try await store.save(Vault(platform: .ios), replacingRevision: nil)
        var file = try Data(contentsOf: test.vaultFile)
        file[5] = 6
        try file.write(to: test.vaultFile)
        await #expect(throws: AccountModelError.unsupportedStoreVersion(6)) { try await store.load() }
        await #expect(throws: AccountModelError.unsupportedStoreVersion(6)) {
            try await store.save(Vault(platform: .ios), replacingRevision: nil)
        }
        #expect(try Data(contentsOf: test.vaultFile) == file)
    }

    @Test func versionOneFileIsReadAndMigratedToVersionFiveByTheNextSave() async throws {
        let test = try TestDirectory()
        let keyBytes = [UInt8](repeating: 7, count: 32)
        let store = FileAccountStore(directory: test.vaultDirectory, keyProvider: FixedKeyProvider(bytes: keyBytes))
        // Any file gives the key identifier and a nonce for the hand-written version 1 file.
        try await store.save(Vault(platform: .ios), replacingRevision: nil)
        let key = SecureBytes(copying: keyBytes)
        let written = Array(try Data(contentsOf: test.vaultFile))
        let nonce = Array(written[22..<46])
        // Version 1 (written by hand from its grammar): revision 4, iOS settings, one
        // third-party account "x" (GitHub / u, TOTP SHA-1 secret 01 02 03), no backup state.
        var payload: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 4]
        payload += [0, 0, 0, 3] + Array("ios".utf8) + [0, 0, 1] + [0, 0, 0, 0]
        payload += [0, 0, 0, 1]
        payload += [0, 0, 0, 1] + Array("x".utf8) + [0, 0, 0, 11] + Array("third-party".utf8)
        payload += [0, 0, 0, 6] + Array("GitHub".utf8) + [0, 0, 0, 1] + Array("u".utf8) + [0, 0]
        payload += [1, 0, 0, 0, 6] + Array("GitHub".utf8) + [0, 0, 0, 1] + Array("u".utf8)
        payload += [1, 0, 0, 0, 0, 0, 0, 0, 30, 0, 0, 0, 0, 0, 0, 0, 0]
        payload += [0, 0, 0, 4] + Array("sha1".utf8) + [0, 6] + [0, 0, 0, 3, 1, 2, 3]
        payload += [0, 0, 0, 0]
        payload += [0, 0, 0, 0, 0, 0, 0, 0] + [0x3F, 0xF0, 0, 0, 0, 0, 0, 0]
        var header = Array(written[0..<46])
        header[5] = 1
        let versionOne = header + (try XChaCha20Poly1305.seal(payload, key: key, nonce: nonce, associatedData: header))
        try Data(versionOne).write(to: test.vaultFile)

        var loaded = try #require(try await store.load())
        #expect(loaded.revision == 4)
        #expect(loaded.accounts.map(\.issuer) == ["GitHub"])
        #expect(loaded.accounts.first?.token?.generator.secret.copyBytes() == [1, 2, 3])
        try loaded.setBackupState(BackupState(recoveryAccount: "alice"))
        try await store.save(loaded, replacingRevision: 4)
        #expect(Array(try Data(contentsOf: test.vaultFile))[4..<6] == [0, 5])
        let migrated = try #require(try await store.load())
        #expect(migrated.backupState?.recoveryAccount == "alice")
        #expect(VaultComparison.differences(loaded, migrated) == [])
    }

    @Test func fileUnderAnotherKeyIsKeyMismatchAndNeverOverwritten() async throws {
        let test = try TestDirectory()
        let first = FileAccountStore(directory: test.vaultDirectory, keyProvider: FixedKeyProvider(filler: 1))
        try await first.save(try SampleVaults.everyShape(revision: 3), replacingRevision: nil)
        let file = try Data(contentsOf: test.vaultFile)
        let second = FileAccountStore(directory: test.vaultDirectory, keyProvider: FixedKeyProvider(filler: 2))
        await #expect(throws: AccountModelError.keyMismatch) { try await second.load() }
        await #expect(throws: AccountModelError.keyMismatch) {
            try await second.save(Vault(platform: .ios), replacingRevision: nil)
        }
        await #expect(throws: AccountModelError.keyMismatch) {
            try await second.save(Vault(accounts: [], settings: Settings(platform: .ios), revision: 4), replacingRevision: 3)
        }
        #expect(try Data(contentsOf: test.vaultFile) == file)
        #expect(try await first.load()?.revision == 3)
    }

    @Test func lostKeyFileMeansKeyMismatchNotAnEmptyVault() async throws {
        let test = try TestDirectory()
        try await test.store().save(try SampleVaults.everyShape(), replacingRevision: nil)
        try FileManager.default.removeItem(at: test.keyFile)
        await #expect(throws: AccountModelError.keyMismatch) { try await test.store().load() }
    }

    @Test func foreignFileIsDamagedAndNeverOverwritten() async throws {
        let test = try TestDirectory()
        try FileManager.default.createDirectory(at: test.vaultDirectory, withIntermediateDirectories: true)
        let foreign = Data("{\"accounts\": [\"not a vault\"]}".utf8)
        try foreign.write(to: test.vaultFile)
        await #expect(throws: AccountModelError.storeDamaged(reason: "the file is not a vault file")) {
            try await test.store().load()
        }
        await #expect(throws: AccountModelError.storeDamaged(reason: "the file is not a vault file")) {
            try await test.store().save(Vault(platform: .ios), replacingRevision: nil)
        }
        #expect(try Data(contentsOf: test.vaultFile) == foreign)
    }

    @Test func emptyFileIsDamaged() async throws {
        let test = try TestDirectory()
        try FileManager.default.createDirectory(at: test.vaultDirectory, withIntermediateDirectories: true)
        try Data().write(to: test.vaultFile)
        await #expect(throws: AccountModelError.storeDamaged(reason: "the file is truncated (0 bytes)")) {
            try await test.store().load()
        }
    }

    @Test func directoryInPlaceOfTheVaultFileIsDamaged() async throws {
        let test = try TestDirectory()
        try FileManager.default.createDirectory(at: test.vaultFile, withIntermediateDirectories: true)
        await #expect(throws: AccountModelError.storeDamaged(reason: "\(test.vaultFile.path) is not a regular file")) {
            try await test.store().load()
        }
        await #expect(throws: AccountModelError.storeDamaged(reason: "\(test.vaultFile.path) is not a regular file")) {
            try await test.store().save(Vault(platform: .ios), replacingRevision: nil)
        }
    }

    @Test func symbolicLinkInPlaceOfTheVaultFileIsRefused() async throws {
        let test = try TestDirectory()
        let elsewhere = test.url.appendingPathComponent("elsewhere")
        try await FileAccountStore(directory: elsewhere, keyProvider: FileKeyProvider(file: test.keyFile))
            .save(Vault(platform: .ios), replacingRevision: nil)
        try FileManager.default.createDirectory(at: test.vaultDirectory, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            at: test.vaultFile, withDestinationURL: elsewhere.appendingPathComponent(FileAccountStore.vaultFileName)
        )
        await #expect(throws: AccountModelError.storeDamaged(reason: "\(test.vaultFile.path) is a symbolic link")) {
            try await test.store().load()
        }
    }

    // MARK: Keys

    @Test func keyProviderFailureStopsTheSaveBeforeAnythingIsWritten() async throws {
        let test = try TestDirectory()
        let store = FileAccountStore(directory: test.vaultDirectory, keyProvider: UnavailableKeyProvider())
        await #expect(throws: AccountModelError.keyUnavailable(reason: "the keychain is locked")) {
            try await store.save(Vault(platform: .ios), replacingRevision: nil)
        }
        #expect(!FileManager.default.fileExists(atPath: test.vaultDirectory.path))
    }

    @Test func keyProviderFailureOnLoadIsReported() async throws {
        let test = try TestDirectory()
        try await test.store().save(Vault(platform: .ios), replacingRevision: nil)
        let store = FileAccountStore(directory: test.vaultDirectory, keyProvider: UnavailableKeyProvider())
        await #expect(throws: AccountModelError.keyUnavailable(reason: "the keychain is locked")) { try await store.load() }
    }

    // MARK: Interrupted saves

    @Test func saveInterruptedBeforeTheRenameLeavesTheOldVaultReadable() async throws {
        let test = try TestDirectory()
        let old = try SampleVaults.everyShape(revision: 3)
        try await test.store().save(old, replacingRevision: nil)
        let oldFile = try Data(contentsOf: test.vaultFile)

        var crashing = test.store()
        let seen = TemporaryFileRecorder()
        crashing.afterWritingTemporaryFile = { path in
            seen.record(path)
            throw CancellationError()
        }
        var new = old
        try new.add(try SampleVaults.thirdPartyAccount(userName: "new"))
        await #expect(throws: AccountModelError.storeUnavailable(reason: "the save was interrupted before the rename (fault injection)")) {
            try await crashing.save(new, replacingRevision: old.revision)
        }

        // The crash left the new version in a temporary file, and the old vault in place.
        let temporary = try #require(seen.paths.first)
        #expect(FileManager.default.fileExists(atPath: temporary))
        #expect(try Data(contentsOf: test.vaultFile) == oldFile)
        let loaded = try #require(try await test.store().load())
        #expect(VaultComparison.differences(old, loaded) == [])

        // The next save works over the old revision and sweeps the stray temporary file.
        try await test.store().save(new, replacingRevision: old.revision)
        #expect(!FileManager.default.fileExists(atPath: temporary))
        #expect(try test.vaultDirectoryEntries() == [FileAccountStore.lockFileName, FileAccountStore.vaultFileName].sorted())
        let reloaded = try #require(try await test.store().load())
        #expect(VaultComparison.differences(new, reloaded) == [])
    }

    // MARK: Lock

    @Test func saveWhileAnotherHolderKeepsTheLockThrowsStoreLocked() async throws {
        let test = try TestDirectory()
        try await test.store().save(Vault(platform: .ios), replacingRevision: nil)
        let file = try Data(contentsOf: test.vaultFile)
        let holder = try LockHolder(test.vaultDirectory.appendingPathComponent(FileAccountStore.lockFileName))
        var next = Vault(platform: .ios)
        try next.setSetting("x", forKey: "k")
        await #expect(throws: AccountModelError.storeLocked) {
            try await test.store(lockTimeout: .milliseconds(200)).save(next, replacingRevision: 0)
        }
        #expect(try Data(contentsOf: test.vaultFile) == file)
        holder.release()
        try await test.store(lockTimeout: .milliseconds(200)).save(next, replacingRevision: 0)
        #expect(try await test.store().load()?.revision == 1)
    }

    @Test func saveWaitsForTheLockAndProceedsOnceItIsReleased() async throws {
        let test = try TestDirectory()
        try await test.store().save(Vault(platform: .ios), replacingRevision: nil)
        let holder = try LockHolder(test.vaultDirectory.appendingPathComponent(FileAccountStore.lockFileName))
        var next = Vault(platform: .ios)
        try next.setSetting("x", forKey: "k")
        let (waiting, signal) = AsyncStream<Void>.makeStream()
        var store = test.store(lockTimeout: .seconds(30))
        store.whileWaitingForLock = { signal.yield() }
        let save = Task { [store] in try await store.save(next, replacingRevision: 0) }
        // The save has found the lock held and waits: nothing is stored until it is released.
        var iterator = waiting.makeAsyncIterator()
        await iterator.next()
        #expect(try await test.store().load()?.revision == 0)
        holder.release()
        try await save.value
        #expect(try await test.store().load()?.revision == 1)
    }

    @Test func loadIsNotBlockedByAWriterHoldingTheLock() async throws {
        let test = try TestDirectory()
        try await test.store().save(try SampleVaults.everyShape(revision: 2), replacingRevision: nil)
        let holder = try LockHolder(test.vaultDirectory.appendingPathComponent(FileAccountStore.lockFileName))
        defer { holder.release() }
        #expect(try await test.store(lockTimeout: .milliseconds(1)).load()?.revision == 2)
    }

    @Test func separateStoreInstancesOnOneDirectoryLoseNoUpdate() async throws {
        let test = try TestDirectory()
        try await test.store().save(Vault(platform: .ios), replacingRevision: nil)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<4 {
                group.addTask {
                    let store = test.store()  // its own instance, like another process
                    for index in 0..<5 {
                        let account = try SampleVaults.thirdPartyAccount(userName: "w\(writer)-\(index)")
                        try await store.modifyVault(attempts: 1_000) { vault in
                            try vault.add(account)
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        let final = try #require(try await test.store().load())
        #expect(final.accounts.count == 20)
        #expect(Set(final.accounts.map(\.userName)).count == 20)
        #expect(final.revision == 20)
    }

    // MARK: Helpers

    /// The error a load (and a save) must report when byte `index` of a version 1 file is
    /// changed by `mask`.
    static func expectedError(flippingByteAt index: Int, of file: Data, mask: UInt8) -> AccountModelError {
        switch index {
        case 0..<4: return .storeDamaged(reason: "the file is not a vault file")
        case 4..<6:
            var version = [file[4], file[5]]
            version[index - 4] ^= mask
            let flipped = UInt16(version[0]) << 8 | UInt16(version[1])
            // Another version this SDK reads: the header is authenticated, so it does not.
            if LocalVaultFormat.readableVersions.contains(flipped) { return .storeDamaged(reason: "the file does not authenticate") }
            return .unsupportedStoreVersion(flipped)
        case 6..<22: return .keyMismatch
        default: return .storeDamaged(reason: "the file does not authenticate")
        }
    }

    func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        return (0...(haystack.count - needle.count)).contains { Array(haystack[$0..<($0 + needle.count)]) == needle }
    }
}

/// Holds the store's `flock` from outside the store, as another process would.
final class LockHolder: Sendable {
    private let descriptor: Int32

    init(_ lockFile: URL) throws {
        descriptor = open(lockFile.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0, flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            throw CocoaError(.fileLocking)
        }
    }

    /// Releases the lock (closing the descriptor). Call once.
    func release() {
        close(descriptor)
    }
}

/// Collects the temporary file paths a fault-injection hook saw.
final class TemporaryFileRecorder: @unchecked Sendable {
    private let lock = Lock()
    private var recorded: [String] = []

    func record(_ path: String) {
        lock.withLock { recorded.append(path) }
    }

    var paths: [String] {
        lock.withLock { recorded }
    }
}

@Suite("FileAccountStore cancellation")
struct FileAccountStoreCancellationTests {
    @Test func saveCancelledWhileWaitingForTheLockStoresNothing() async throws {
        let test = try TestDirectory()
        try await test.store().save(Vault(platform: .ios), replacingRevision: nil)
        let holder = try LockHolder(test.vaultDirectory.appendingPathComponent(FileAccountStore.lockFileName))
        defer { holder.release() }
        var next = Vault(platform: .ios)
        try next.setSetting("x", forKey: "k")
        let (waiting, signal) = AsyncStream<Void>.makeStream()
        var store = test.store(lockTimeout: .seconds(60))
        store.whileWaitingForLock = { signal.yield() }
        let save = Task { [store] in try await store.save(next, replacingRevision: 0) }
        // Cancel only once the save has found the lock held and is waiting for it.
        var iterator = waiting.makeAsyncIterator()
        await iterator.next()
        save.cancel()
        await #expect(throws: AccountModelError.storeUnavailable(reason: "the save was cancelled while waiting for the lock")) {
            try await save.value
        }
        #expect(try await test.store().load()?.revision == 0)
    }
}
