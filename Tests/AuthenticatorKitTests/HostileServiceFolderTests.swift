import AuthenticatorKitEmbedded
import AuthenticatorKit
import AuthenticatorKitTestSupport
import Foundation
import Testing

/// Issue 11, reproductions 5 and 6, against the embedded recovery-account service: someone who
/// can write to its folder edits a verifier's Argon2id cost, plants a link as an account file
/// or as the accounts folder, or holds its lock. Signing in fails at once with a typed error.
@Suite("Hostile recovery-account folder")
struct HostileServiceFolderTests {
    private static let password = SecureBytes(copying: Array("correct horse battery".utf8))

    private func service() async throws -> LocalRecoveryAccountService {
        let service = try LocalRecoveryAccountService.inTemporaryDirectory()
        try await service.createAccount(userName: "alice", password: Self.password)
        return service
    }

    private func accountFile(_ service: LocalRecoveryAccountService) -> URL {
        service.directory.appendingPathComponent("recovery-accounts/alice.json")
    }

    private func isServiceFailure(_ error: any Error, saying words: String) -> Bool {
        guard case let RecoveryAccountError.serviceFailure(reason) = error else { return false }
        return reason.contains(words)
    }

    @Test(arguments: [("operations", UInt64(UInt32.max)), ("operations", 5), ("memoryKiB", UInt64(UInt32.max)), ("memoryKiB", 1)] as [(String, UInt64)])
    func aVerifierCostEditedOutOfBoundsIsRefusedAtOnceNotHashed(_ key: String, _ value: UInt64) async throws {
        let service = try await service()
        defer { try? FileManager.default.removeItem(at: service.directory) }
        let file = accountFile(service)
        var record = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        var verifier = try #require(record["verifier"] as? [String: Any])
        var cost = try #require(verifier["cost"] as? [String: Any])
        cost[key] = value
        verifier["cost"] = cost
        record["verifier"] = verifier
        try JSONSerialization.data(withJSONObject: record).write(to: file)
        let before = try Data(contentsOf: file)
        let start = ContinuousClock.now
        await #expect { _ = try await service.signIn(userName: "alice", password: Self.password) } throws: {
            isServiceFailure($0, saying: "damaged")
        }
        #expect(ContinuousClock.now - start < .seconds(5))
        #expect(try Data(contentsOf: file) == before)
    }

    @Test func anAccountFileSymlinkedToDevZeroIsRefusedNotRead() async throws {
        let service = try await service()
        defer { try? FileManager.default.removeItem(at: service.directory) }
        let file = accountFile(service)
        try FileManager.default.removeItem(at: file)
        try FileManager.default.createSymbolicLink(atPath: file.path, withDestinationPath: "/dev/zero")
        await #expect { _ = try await service.signIn(userName: "alice", password: Self.password) } throws: {
            isServiceFailure($0, saying: "symbolic link")
        }
    }

    @Test func aSymlinkedAccountsFolderIsRefused() async throws {
        let service = try await service()
        defer { try? FileManager.default.removeItem(at: service.directory) }
        let folder = service.directory.appendingPathComponent("recovery-accounts")
        let elsewhere = service.directory.appendingPathComponent("elsewhere")
        try FileManager.default.moveItem(at: folder, to: elsewhere)
        try FileManager.default.createSymbolicLink(atPath: folder.path, withDestinationPath: elsewhere.path)
        await #expect { _ = try await service.signIn(userName: "alice", password: Self.password) } throws: {
            isServiceFailure($0, saying: "symbolic link")
        }
    }

    @Test func aLockHeldByAnotherProcessMakesTheServiceUnreachableInsteadOfWaiting() async throws {
        var service = try await service()
        defer { try? FileManager.default.removeItem(at: service.directory) }
        let before = try Data(contentsOf: accountFile(service))
        let holder = try await LockHeldByAnotherProcess.hold(service.directory.appendingPathComponent("recovery-accounts/.lock"))
        defer { holder.release() }
        service.lockTimeout = .zero
        await #expect(throws: RecoveryAccountError.unreachable) {
            _ = try await service.signIn(userName: "alice", password: Self.password)
        }
        #expect(try Data(contentsOf: accountFile(service)) == before)
    }

    @Test func theServicesFilesAreReadUpToTheirDocumentedLimits() {
        #expect(EmbeddedStorageLimits.recoveryAccountFileSize == 1 << 20)
        #expect(EmbeddedStorageLimits.recoveryTokenIndexSize == 4 << 20)
    }
}
