import AccountModel
import AuthenticatorKitTestSupport
import Foundation
import SodiumBridge
import Testing

/// A save holds no second decoded copy of the vault: it reads only the stored revision,
/// still authenticated (`LocalVaultFormat.revision(of:key:)`).
@Suite("FileAccountStore save decoding")
struct FileAccountStoreSaveDecodingTests {
    /// The number of accounts of every vault `LocalVaultFormat.open` decoded in a task.
    final class DecodedVaults: Sendable {
        private let lock = Lock()
        nonisolated(unsafe) private var counts: [Int] = []

        func record(_ accounts: Int) { lock.withLock { counts.append(accounts) } }
        var recorded: [Int] { lock.withLock { counts } }

        /// Runs `body`, recording every vault it decodes.
        func during<T>(_ body: () async throws -> T) async rethrows -> T {
            try await LocalVaultFormat.$decodingObserver.withValue({ [self] in record($0) }, operation: body)
        }
    }

    @Test func aSaveDecodesNoAccountsOfTheStoredVaultOnlyTheLoadDoes() async throws {
        let test = try TestDirectory()
        let store = test.store()
        try await store.save(try SampleVaults.everyAccountShape(revision: 8), replacingRevision: nil)
        let decoded = DecodedVaults()
        try await decoded.during {
            var vault = try #require(try await store.load())
            try vault.add(try SampleVaults.thirdPartyAccount(userName: "new"))
            try await store.save(vault, replacingRevision: 8)
        }
        // The load decoded the 10 accounts; the save, which compared the stored revision,
        // decoded none.
        #expect(decoded.recorded == [10])
        #expect(try await store.load()?.accounts.count == 11)
    }

    @Test func aSaveOverAnotherRevisionIsRefusedWithTheStoredRevision() async throws {
        let test = try TestDirectory()
        let store = test.store()
        try await store.save(try SampleVaults.everyShape(revision: 7), replacingRevision: nil)
        let decoded = DecodedVaults()
        _ = await decoded.during {
            await #expect(throws: AccountModelError.revisionConflict(expected: 6, found: 7)) {
                try await store.save(try SampleVaults.everyShape(revision: 9), replacingRevision: 6)
            }
        }
        #expect(decoded.recorded.isEmpty)
    }

    @Test func theRevisionIsReadFromEveryVersionAndOnlyFromAFileThatAuthenticates() throws {
        let key = SecureBytes(copying: [UInt8](repeating: 0x42, count: 32))
        let revision: [UInt8] = [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08]
        // Empty iOS vaults, from the grammars in `LocalVaultFormat`.
        let legacySettings = [0, 0, 0, 3] + Array("ios".utf8) + [0, 0, 1] + [0, 0, 0, 0]
        let payloads: [UInt16: [UInt8]] = [
            1: revision + legacySettings + [0, 0, 0, 0],
            2: revision + legacySettings + [0, 0, 0, 0] + [0],
            3: revision + [0, 0, 0, 4, 0x04, 1, 0, 0] + [0, 0, 0, 0] + [0],
            4: revision + [0, 0, 0, 4, 0x04, 1, 0, 0] + [0, 0, 0, 0] + [0],
            5: revision + [0, 0, 0, 4, 0x04, 1, 0, 0] + [0, 0, 0, 0] + [0],
        ]
        for (version, payload) in payloads.sorted(by: { $0.key < $1.key }) {
            let file = try Self.sealRaw(payload, version: version, key: key)
            #expect(try LocalVaultFormat.revision(of: file, key: key) == 0x0102_0304_0506_0708, "version \(version)")
            #expect(try LocalVaultFormat.open(file, key: key).revision == 0x0102_0304_0506_0708, "version \(version)")

            // The attacker changes the revision bytes (the first of the ciphertext): the tag fails.
            var forged = file
            forged[LocalVaultFormat.headerLength] ^= 0x01
            #expect(throws: AccountModelError.storeDamaged(reason: "the file does not authenticate")) {
                try LocalVaultFormat.revision(of: forged, key: key)
            }
            // The tag is checked over the whole payload, not only the revision's bytes.
            var tail = file
            tail[tail.count - 20] ^= 0x80
            #expect(throws: AccountModelError.storeDamaged(reason: "the file does not authenticate")) {
                try LocalVaultFormat.revision(of: tail, key: key)
            }
            #expect(throws: AccountModelError.keyMismatch) {
                try LocalVaultFormat.revision(of: file, key: SecureBytes(copying: [UInt8](repeating: 0x43, count: 32)))
            }
        }
        #expect(throws: AccountModelError.storeDamaged(reason: "the vault ends before its revision (7 bytes)")) {
            try LocalVaultFormat.revision(of: try Self.sealRaw(Array(revision.prefix(7)), version: 5, key: key), key: key)
        }
        #expect(throws: AccountModelError.unsupportedStoreVersion(6)) {
            try LocalVaultFormat.revision(of: try Self.sealRaw(try #require(payloads[5]), version: 6, key: key), key: key)
        }
    }

    /// A file around an arbitrary payload: a real header (from a sealed empty vault, its
    /// version set to `version`) and the payload encrypted under it.
    static func sealRaw(_ payload: [UInt8], version: UInt16, key: SecureBytes) throws -> [UInt8] {
        let template = try LocalVaultFormat.seal(Vault(platform: .ios), key: key)
        var header = Array(template[0..<LocalVaultFormat.headerLength])
        header[4] = UInt8(version >> 8)
        header[5] = UInt8(version & 0xFF)
        let nonce = Array(template[22..<LocalVaultFormat.headerLength])
        return header + (try XChaCha20Poly1305.seal(payload, key: key, nonce: nonce, associatedData: header))
    }
}
