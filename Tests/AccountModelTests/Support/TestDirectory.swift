#if canImport(Glibc)
import SodiumBridge
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import AccountModel
import Foundation

/// A fresh directory under the system's temporary directory, removed when released.
final class TestDirectory: Sendable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("AccountModelTests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    /// The vault directory a store in this test uses.
    var vaultDirectory: URL { url.appendingPathComponent("vault", isDirectory: true) }
    /// The key file a store in this test uses.
    var keyFile: URL { url.appendingPathComponent("keys/vault.key") }
    /// The vault file a store in this test writes.
    var vaultFile: URL { vaultDirectory.appendingPathComponent(FileAccountStore.vaultFileName) }

    /// A file store in ``vaultDirectory`` with its key in ``keyFile``.
    func store(lockTimeout: Duration = .seconds(10)) -> FileAccountStore {
        FileAccountStore(directory: vaultDirectory, keyProvider: FileKeyProvider(file: keyFile), lockTimeout: lockTimeout)
    }

    /// The names in the vault directory.
    func vaultDirectoryEntries() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: vaultDirectory.path).sorted()
    }

    /// The permission bits of the file at `url`.
    static func permissions(of url: URL) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }
}

/// A key provider that always gives the same fixed key (and counts how often it was asked).
struct FixedKeyProvider: LocalKeyProvider {
    let bytes: [UInt8]

    init(filler: UInt8) {
        bytes = [UInt8](repeating: filler, count: 32)
    }

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    func key() async throws(AccountModelError) -> SecureBytes {
        SecureBytes(copying: bytes)
    }
}

/// A key provider that always fails.
struct UnavailableKeyProvider: LocalKeyProvider {
    func key() async throws(AccountModelError) -> SecureBytes {
        throw .keyUnavailable(reason: "the keychain is locked")
    }
}
