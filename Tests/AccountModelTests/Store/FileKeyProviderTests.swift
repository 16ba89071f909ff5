#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import AccountModel
import Foundation
import Testing

@Suite("FileKeyProvider")
struct FileKeyProviderTests {
    @Test func firstCallCreatesA32ByteKeyFileOnlyTheOwnerCanRead() async throws {
        let test = try TestDirectory()
        let key = try await FileKeyProvider(file: test.keyFile).key()
        #expect(key.count == 32)
        let stored = try Data(contentsOf: test.keyFile)
        #expect([UInt8](stored) == key.copyBytes())
        #expect(try TestDirectory.permissions(of: test.keyFile) == 0o600)
        #expect(try TestDirectory.permissions(of: test.keyFile.deletingLastPathComponent()) == 0o700)
        let entries = try FileManager.default.contentsOfDirectory(atPath: test.keyFile.deletingLastPathComponent().path)
        #expect(entries == ["vault.key"])
    }

    @Test func laterCallsReturnTheSameKey() async throws {
        let test = try TestDirectory()
        let first = try await FileKeyProvider(file: test.keyFile).key()
        let second = try await FileKeyProvider(file: test.keyFile).key()
        #expect(first == second)
    }

    @Test func keysOfDifferentFilesDiffer() async throws {
        let test = try TestDirectory()
        let first = try await FileKeyProvider(file: test.url.appendingPathComponent("a.key")).key()
        let second = try await FileKeyProvider(file: test.url.appendingPathComponent("b.key")).key()
        #expect(first != second)
    }

    @Test func concurrentFirstCallsAgreeOnOneKey() async throws {
        let test = try TestDirectory()
        let keys = try await withThrowingTaskGroup(of: [UInt8].self) { group in
            for _ in 0..<8 {
                group.addTask { try await FileKeyProvider(file: test.keyFile).key().copyBytes() }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(Set(keys).count == 1)
    }

    @Test(arguments: [0o640, 0o644, 0o604, 0o660, 0o666, 0o700, 0o610])
    func keyFileOthersCanAccessIsRefused(_ mode: Int) async throws {
        let test = try TestDirectory()
        _ = try await FileKeyProvider(file: test.keyFile).key()
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: test.keyFile.path)
        let bits = UInt16(mode)
        await #expect(throws: AccountModelError.insecureKeyFile(path: test.keyFile.path, mode: bits)) {
            try await FileKeyProvider(file: test.keyFile).key()
        }
        // A store refuses to work with it too, and nothing is written.
        let store = FileAccountStore(directory: test.vaultDirectory, keyProvider: FileKeyProvider(file: test.keyFile))
        await #expect(throws: AccountModelError.insecureKeyFile(path: test.keyFile.path, mode: bits)) {
            try await store.save(Vault(platform: .ios), replacingRevision: nil)
        }
        #expect(!FileManager.default.fileExists(atPath: test.vaultDirectory.path))
    }

    @Test(arguments: [0o600, 0o400])
    func keyFileOnlyTheOwnerCanAccessIsAccepted(_ mode: Int) async throws {
        let test = try TestDirectory()
        let key = try await FileKeyProvider(file: test.keyFile).key()
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: test.keyFile.path)
        #expect(try await FileKeyProvider(file: test.keyFile).key() == key)
    }

    @Test(arguments: [0, 31, 33, 64])
    func keyFileOfTheWrongSizeIsReportedNotReplaced(_ size: Int) async throws {
        let test = try TestDirectory()
        try FileManager.default.createDirectory(at: test.keyFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        let contents = Data(repeating: 7, count: size)
        try contents.write(to: test.keyFile)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: test.keyFile.path)
        await #expect(throws: AccountModelError.keyUnavailable(
            reason: "the key file \(test.keyFile.path) is damaged: \(size) bytes instead of 32"
        )) {
            try await FileKeyProvider(file: test.keyFile).key()
        }
        #expect(try Data(contentsOf: test.keyFile) == contents)
    }

    @Test func symbolicLinkAsKeyFileIsRefused() async throws {
        let test = try TestDirectory()
        let real = test.url.appendingPathComponent("real.key")
        _ = try await FileKeyProvider(file: real).key()
        try FileManager.default.createDirectory(at: test.keyFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: test.keyFile, withDestinationURL: real)
        await #expect(throws: AccountModelError.keyUnavailable(reason: "the key file \(test.keyFile.path) is a symbolic link")) {
            try await FileKeyProvider(file: test.keyFile).key()
        }
    }

    @Test func directoryAsKeyFileIsRefused() async throws {
        let test = try TestDirectory()
        try FileManager.default.createDirectory(at: test.keyFile, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: test.keyFile.path)
        await #expect(throws: AccountModelError.insecureKeyFile(path: test.keyFile.path, mode: 0o700)) {
            try await FileKeyProvider(file: test.keyFile).key()
        }
    }
}
