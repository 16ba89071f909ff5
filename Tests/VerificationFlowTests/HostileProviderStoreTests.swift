import SodiumBridge
import AccountModel
import AuthenticatorKitEmbedded
import AuthenticatorKitTestSupport
import Foundation
import Testing
@testable import VerificationFlow

/// Issue 11, reproduction 6 (the provider's cost) and 5 (its folder), as the attack: someone
/// who can write to the provider's folder edits the verifier's Argon2id cost, plants a link to
/// `/dev/zero` as its store, or holds its lock. Sign-in gives `providerUnavailable` at once —
/// never hours of hashing, a read of `/dev/zero` or a wait without end — and the file stays.
@Suite("Hostile provider store")
struct HostileProviderStoreTests {
    private var storeFile: (VerificationWorld) -> URL { { $0.directory.appendingPathComponent("accounts.json") } }

    /// Sets every stored verifier's `key` to `value` in the store `file`.
    private func editVerifiers(in file: URL, _ key: String, to value: UInt64) throws {
        var state = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        var accounts = try #require(state["accounts"] as? [String: Any])
        for (reference, entry) in accounts {
            var account = try #require(entry as? [String: Any])
            var verifier = try #require(account["password"] as? [String: Any])
            verifier[key] = value
            account["password"] = verifier
            accounts[reference] = account
        }
        state["accounts"] = accounts
        try JSONSerialization.data(withJSONObject: state, options: [.sortedKeys]).write(to: file)
    }

    /// A provider's store holding one personal account, `alice`, made at the floor cost, and
    /// her reference: made once (one Argon2id run) for every case that edits a copy of it.
    private static let oneAccountAtTheFloor = Task { () async throws -> (Data, ProviderAccountReference) in
        let directory = VerificationTestSupport.temporaryDirectory("hostile-cost-template")
        defer { try? FileManager.default.removeItem(at: directory) }
        let provider = LocalAccountProvider(directory: directory, passwordHashing: .minimum)
        let alice = try await provider.createAccount(userName: "alice", kind: .personal, password: password("alice's password"))
        return (try Data(contentsOf: directory.appendingPathComponent("accounts.json")), alice.reference)
    }

    private func isUnavailable(_ error: any Error, saying words: String) -> Bool {
        guard case let VerificationError.providerUnavailable(reason) = error else { return false }
        return reason.contains(words)
    }

    @Test(arguments: [
        ("operations", UInt64(UInt32.max)), ("operations", 5), ("operations", 1), ("operations", UInt64(1) << 40),
        ("memoryBytes", UInt64(1) << 40), ("memoryBytes", 1024), ("memoryBytes", (64 << 20) + 1),
    ] as [(String, UInt64)])
    func aVerifierCostEditedOutOfBoundsIsRefusedAtOnceNotHashed(_ key: String, _ value: UInt64) async throws {
        // One account (one Argon2id run at the floor for all the cases), not the whole
        // verification world: each case gets its own copy of the store holding it.
        let (store, aliceReference) = try await Self.oneAccountAtTheFloor.value
        let directory = VerificationTestSupport.temporaryDirectory("hostile-cost")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("accounts.json")
        try store.write(to: file)
        let provider = LocalAccountProvider(directory: directory, passwordHashing: .minimum)
        try editVerifiers(in: file, key, to: value)
        let before = try Data(contentsOf: file)
        let start = ContinuousClock.now
        await #expect {
            _ = try await provider.signIn(userName: "alice", password: password("alice's password"))
        } throws: { isUnavailable($0, saying: "damaged") }
        await #expect {
            _ = try await provider.checkPassword(password("alice's password"), for: aliceReference)
        } throws: { isUnavailable($0, saying: "damaged") }
        // 4294967295 passes took hours; the refusal takes no Argon2id at all.
        #expect(ContinuousClock.now - start < .seconds(5))
        #expect(try Data(contentsOf: file) == before)
    }

    @Test func aStoreSymlinkedToDevZeroMakesTheProviderUnavailable() async throws {
        let world = try await VerificationWorld.make()
        let file = storeFile(world)
        try FileManager.default.removeItem(at: file)
        try FileManager.default.createSymbolicLink(atPath: file.path, withDestinationPath: "/dev/zero")
        await #expect {
            _ = try await world.provider.signIn(userName: "alice", password: password(VerificationWorld.alicePassword))
        } throws: { isUnavailable($0, saying: "symbolic link") }
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: file.path) == "/dev/zero")
    }

    @Test func aStoreLockHeldByAnotherProcessMakesTheProviderUnavailableInsteadOfWaiting() async throws {
        let world = try await VerificationWorld.make()
        let before = try Data(contentsOf: storeFile(world))
        let holder = try await LockHeldByAnotherProcess.hold(world.directory.appendingPathComponent("accounts.lock"))
        defer { holder.release() }
        var provider = world.reopenedProvider()
        provider.lockTimeout = .zero
        await #expect {
            _ = try await provider.signIn(userName: "alice", password: password(VerificationWorld.alicePassword))
        } throws: { isUnavailable($0, saying: "timed out waiting for the lock") }
        #expect(try Data(contentsOf: storeFile(world)) == before)
    }

    @Test func theProvidersStoreIsReadUpToItsDocumentedLimit() {
        #expect(EmbeddedStorageLimits.providerStoreSize == 16 << 20)
    }
}
