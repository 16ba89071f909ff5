#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import AccountModel
import AuthenticatorKitTestSupport
import Foundation
import Testing

/// A local user who can write to the home folder plants a link to `/dev/zero` or a sparse
/// 2 GiB file as the vault, or holds its lock: the store refuses at once with a typed error and
/// never overwrites what is there. And `LocalFile`, the bounded read apps use for files a user
/// names.
@Suite("Hostile home folder")
struct HostileHomeFolderTests {
    @Test func aVaultFileSymlinkedToDevZeroIsDamagedNotRead() async throws {
        let test = try TestDirectory()
        try FileManager.default.createDirectory(at: test.vaultDirectory, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: test.vaultFile.path, withDestinationPath: "/dev/zero")
        await #expect(throws: AccountModelError.storeDamaged(reason: "\(test.vaultFile.path) is a symbolic link")) {
            try await test.store().load()
        }
        await #expect(throws: AccountModelError.storeDamaged(reason: "\(test.vaultFile.path) is a symbolic link")) {
            try await test.store().save(Vault(platform: .ios), replacingRevision: nil)
        }
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: test.vaultFile.path) == "/dev/zero")
    }

    @Test func aSparseTwoGiBVaultFileIsDamagedWithoutBeingRead() async throws {
        let test = try TestDirectory()
        try await test.store().save(Vault(platform: .ios), replacingRevision: nil)
        #expect(truncate(test.vaultFile.path, 2 << 30) == 0)
        let start = ContinuousClock.now
        await #expect(throws: AccountModelError.storeDamaged(reason: "the file is larger than 64 MiB")) {
            try await test.store().load()
        }
        #expect(ContinuousClock.now - start < .seconds(5))
        let size = try FileManager.default.attributesOfItem(atPath: test.vaultFile.path)[.size] as? NSNumber
        #expect(size?.intValue == 2 << 30)
    }

    @Test func aVaultLockHeldByAnotherProcessMakesASaveStoreLockedWithoutWaitingForever() async throws {
        let test = try TestDirectory()
        try await test.store().save(Vault(platform: .ios), replacingRevision: nil)
        let before = try Data(contentsOf: test.vaultFile)
        let holder = try await LockHeldByAnotherProcess.hold(test.vaultDirectory.appendingPathComponent(FileAccountStore.lockFileName))
        defer { holder.release() }
        let store = test.store(lockTimeout: .zero)
        let vault = try #require(try await store.load())
        await #expect(throws: AccountModelError.storeLocked) { try await store.save(vault, replacingRevision: vault.revision) }
        #expect(try Data(contentsOf: test.vaultFile) == before)
    }

    // MARK: LocalFile

    @Test func localFileReadsARegularFileWithinItsLimit() throws {
        let test = try TestDirectory()
        let file = test.url.appendingPathComponent("backup")
        try Data([1, 2, 3]).write(to: file)
        #expect(try LocalFile.read(at: file, limit: 3) == [1, 2, 3])
        #expect(throws: LocalFileError.tooLarge(path: file.path, limit: 2)) { try LocalFile.read(at: file, limit: 2) }
        let missing = test.url.appendingPathComponent("missing")
        #expect(throws: LocalFileError.notFound(path: missing.path)) { try LocalFile.read(at: missing, limit: 2) }
    }

    @Test func localFileFollowsTheUsersLinkButNeverReadsADevice() throws {
        let test = try TestDirectory()
        let file = test.url.appendingPathComponent("backup")
        try Data([9]).write(to: file)
        let link = test.url.appendingPathComponent("link")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: file.path)
        #expect(try LocalFile.read(at: link, limit: 10) == [9])
        #expect(throws: LocalFileError.symbolicLink(path: link.path)) {
            try LocalFile.read(at: link, limit: 10, followingSymbolicLinks: false)
        }
        let zero = test.url.appendingPathComponent("zero")
        try FileManager.default.createSymbolicLink(atPath: zero.path, withDestinationPath: "/dev/zero")
        #expect(throws: LocalFileError.notARegularFile(path: zero.path)) { try LocalFile.read(at: zero, limit: 10) }
    }

    @Test func localFileErrorsHaveCaseNamesAndNameTheFile() {
        let cases: [(LocalFileError, String)] = [
            (.notFound(path: "/x"), "notFound"), (.symbolicLink(path: "/x"), "symbolicLink"),
            (.notARegularFile(path: "/x"), "notARegularFile"), (.tooLarge(path: "/x", limit: 1), "tooLarge"),
            (.unreadable(path: "/x", reason: "r"), "unreadable"),
        ]
        for (error, name) in cases {
            #expect(error.caseName == name)
            #expect(error.message.contains("/x"))
        }
    }
}
