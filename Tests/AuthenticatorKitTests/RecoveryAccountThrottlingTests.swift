import AuthenticatorKitEmbedded
import Foundation
import Testing
import AuthenticatorKit
import AuthenticatorKitTestSupport

/// Reproduction 4 of issue 11 (the recovery account's half), as the attack: guessing the
/// recovery password. Every wait is checked by the injected clock, never by sleeping.
@Suite("Recovery-account guessing is bounded")
struct RecoveryAccountThrottlingTests {
    private let password = SecureBytes(copying: "correct horse battery staple".utf8)
    private let start = Date(timeIntervalSince1970: 1_700_000_000)

    private func makeService() async throws -> (LocalRecoveryAccountService, AdjustableTimeSource) {
        let clock = AdjustableTimeSource(start)
        let service = try LocalRecoveryAccountService.inTemporaryDirectory(clock: clock)
        try await service.createAccount(userName: "alice", password: password)
        return (service, clock)
    }

    private func guess(_ n: Int) -> SecureBytes { SecureBytes(copying: Array("guess number \(n)".utf8)) }

    /// The error of one sign-in attempt, or `nil` when it succeeded.
    private func attempt(
        _ service: LocalRecoveryAccountService, _ userName: RecoveryAccountName, _ password: SecureBytes
    ) async -> RecoveryAccountError? {
        do {
            _ = try await service.signIn(userName: userName, password: password)
            return nil
        } catch {
            return error
        }
    }

    @Test func twoHundredWrongPasswordsThenTheRightOneIsRefusedWithTooManyAttemptsAfterTheFifth() async throws {
        let (service, clock) = try await makeService()
        defer { try? FileManager.default.removeItem(at: service.directory) }
        var errors: [RecoveryAccountError?] = []
        for n in 0..<200 { errors.append(await attempt(service, "alice", guess(n))) }
        #expect(Array(errors.prefix(5)) == Array(repeating: .wrongCredentials, count: 5))
        #expect(errors.dropFirst(5).allSatisfy { $0 == .tooManyAttempts(retryAfter: 30) })
        // The right password is refused during the wait…
        #expect(await attempt(service, "alice", password) == .tooManyAttempts(retryAfter: 30))
        clock.advance(by: 29)
        #expect(await attempt(service, "alice", password) == .tooManyAttempts(retryAfter: 1))
        // …and accepted once it is over.
        clock.advance(by: 1)
        #expect(await attempt(service, "alice", password) == nil)
    }

    @Test func eachFailureAfterAWaitDoublesTheNextWaitUpToFifteenMinutes() async throws {
        let (service, clock) = try await makeService()
        defer { try? FileManager.default.removeItem(at: service.directory) }
        for n in 0..<5 { _ = await attempt(service, "alice", guess(n)) }
        var waits: [TimeInterval] = []
        for n in 5..<12 {
            guard case let .tooManyAttempts(wait) = await attempt(service, "alice", guess(n)) else {
                Issue.record("no wait after \(n) failures")
                return
            }
            waits.append(wait)
            clock.advance(by: wait)
            #expect(await attempt(service, "alice", guess(n)) == .wrongCredentials)
        }
        #expect(waits == [30, 60, 120, 240, 480, 900, 900])
    }

    @Test func anUnknownUserNameGetsExactlyTheErrorsOfAKnownOne() async throws {
        let (service, clock) = try await makeService()
        defer { try? FileManager.default.removeItem(at: service.directory) }
        var known: [RecoveryAccountError?] = []
        var unknown: [RecoveryAccountError?] = []
        for n in 0..<8 {
            known.append(await attempt(service, "alice", guess(n)))
            unknown.append(await attempt(service, "mallory", guess(n)))
        }
        clock.advance(by: 30)
        known.append(await attempt(service, "alice", guess(9)))
        unknown.append(await attempt(service, "mallory", guess(9)))
        known.append(await attempt(service, "alice", guess(10)))
        unknown.append(await attempt(service, "mallory", guess(10)))
        #expect(known == unknown)
        #expect(known.last == .tooManyAttempts(retryAfter: 60))
    }

    @Test func userNamesAreThrottledWithoutRegardToCase() async throws {
        let (service, _) = try await makeService()
        defer { try? FileManager.default.removeItem(at: service.directory) }
        for (n, name) in ["alice", "Alice", "ALICE", "aLiCe", "alicE"].enumerated() {
            #expect(await attempt(service, RecoveryAccountName(name), guess(n)) == .wrongCredentials)
        }
        #expect(await attempt(service, "alice", password) == .tooManyAttempts(retryAfter: 30))
    }

    @Test func aStrangerOnlyDelaysTheOwnerNeverLocksThemOut() async throws {
        let (service, clock) = try await makeService()
        defer { try? FileManager.default.removeItem(at: service.directory) }
        // The stranger guesses whenever allowed, for hours.
        for n in 0..<20 {
            if case let .tooManyAttempts(wait) = await attempt(service, "alice", guess(n)) {
                #expect(wait <= LocalRecoveryAccountService.maximumSignInDelay)
                clock.advance(by: wait)
                _ = await attempt(service, "alice", guess(n))
            }
        }
        // The owner waits at most the longest delay, then signs in; the count starts again.
        clock.advance(by: LocalRecoveryAccountService.maximumSignInDelay)
        #expect(await attempt(service, "alice", password) == nil)
        #expect(await attempt(service, "alice", guess(99)) == .wrongCredentials)
    }

    @Test func anotherUsersFailuresDoNotSlowTheOwnerDown() async throws {
        let (service, _) = try await makeService()
        defer { try? FileManager.default.removeItem(at: service.directory) }
        for n in 0..<6 { _ = await attempt(service, "mallory", guess(n)) }
        #expect(await attempt(service, "alice", password) == nil)
    }

    @Test func aQuietWindowStartsTheCountAgain() async throws {
        let (service, clock) = try await makeService()
        defer { try? FileManager.default.removeItem(at: service.directory) }
        for n in 0..<4 { _ = await attempt(service, "alice", guess(n)) }
        clock.advance(by: LocalRecoveryAccountService.signInFailureWindow)
        for n in 4..<8 { #expect(await attempt(service, "alice", guess(n)) == .wrongCredentials) }
    }

    @Test func theMemoryOfFailuresIsBoundedOldestFirst() async throws {
        let (service, _) = try await makeService()
        defer { try? FileManager.default.removeItem(at: service.directory) }
        // The file full of other names' recent failures (oldest first)…
        let file = service.directory.appendingPathComponent("recovery-accounts/sign-in-failures.index")
        let now = Int64(start.timeIntervalSince1970 * 1000)
        let limit = LocalRecoveryAccountService.maximumThrottledUserNames
        let entries: [[String: Any]] = (0..<limit).map { n in
            ["key": String(format: "%064x", n), "failures": 1, "lastFailureMilliseconds": now - Int64(limit - n),
             "notBeforeMilliseconds": 0]
        }
        try JSONSerialization.data(withJSONObject: ["format": 1, "entries": entries]).write(to: file)
        // …one more name forgets the oldest one, and only it.
        #expect(await attempt(service, "mallory", guess(0)) == .wrongCredentials)
        let stored = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        let keys = (stored["entries"] as? [[String: Any]] ?? []).compactMap { $0["key"] as? String }
        #expect(keys.count == limit)
        #expect(!keys.contains(String(format: "%064x", 0)))
        #expect(keys.contains(String(format: "%064x", 1)))
    }

    @Test func aDamagedFailuresFileNeverLocksTheOwnerOutForGood() async throws {
        let (service, clock) = try await makeService()
        defer { try? FileManager.default.removeItem(at: service.directory) }
        #expect(await attempt(service, "alice", guess(0)) == .wrongCredentials)
        // Someone with the service's folder writes absurd numbers into alice's entry.
        let file = service.directory.appendingPathComponent("recovery-accounts/sign-in-failures.index")
        var stored = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        var entries = try #require(stored["entries"] as? [[String: Any]])
        entries[0]["failures"] = Int.max
        entries[0]["notBeforeMilliseconds"] = Int64.max
        entries[0]["lastFailureMilliseconds"] = Int64.max
        stored["entries"] = entries
        try JSONSerialization.data(withJSONObject: stored).write(to: file)
        // No crash, and at most the longest wait.
        #expect(await attempt(service, "alice", password) == .tooManyAttempts(retryAfter: LocalRecoveryAccountService.maximumSignInDelay))
        clock.advance(by: LocalRecoveryAccountService.maximumSignInDelay)
        #expect(await attempt(service, "alice", password) == nil)
    }

    @Test func tooManyAttemptsSaysWhenToTryAgain() {
        let error = RecoveryAccountError.tooManyAttempts(retryAfter: 29.2)
        #expect(error.caseName == "tooManyAttempts")
        #expect(error.message == "too many failed sign-ins: try again in 30 seconds")
        #expect(RecoveryAccountError.tooManyAttempts(retryAfter: 0.5).message.hasSuffix("in 1 second"))
        #expect(BackupError.tooManyAttempts(retryAfter: 30).caseName == "tooManyAttempts")
        #expect(RestoreError.tooManyAttempts(retryAfter: 30).message == error.message)
    }

    @Test func meetsTheThrottlingRequirementsOfTheContract() async throws {
        let (service, clock) = try await makeService()
        defer { try? FileManager.default.removeItem(at: service.directory) }
        try await RecoveryAccountServiceConformance.checkPasswordThrottling(
            of: service, userName: "alice", password: password, advanceClock: { clock.advance(by: $0) })
    }

    @Test func restoreAndBackupSignInReportTooManyAttempts() async throws {
        let world = try await BackupWorld()
        _ = try await world.oldDevice(try SampleVaults.everyShape())
        let device = try world.newDevice()
        var restore = world.restore(on: device)
        try await restore.startRecovery()
        for n in 0..<5 {
            await #expect(throws: RestoreError.wrongCredentials) {
                try await restore.signIn(recoveryAccount: BackupWorld.user, password: guess(n), cloudIdentity: nil)
            }
        }
        await #expect(throws: RestoreError.tooManyAttempts(retryAfter: 30)) {
            try await restore.signIn(recoveryAccount: BackupWorld.user, password: BackupWorld.password, cloudIdentity: nil)
        }
        let backup = world.coordinator(store: InMemoryAccountStore(vault: try SampleVaults.everyShape()))
        await #expect(throws: BackupError.tooManyAttempts(retryAfter: 30)) {
            _ = try await backup.enableBackup(recoveryAccount: BackupWorld.user, password: BackupWorld.password, cloudIdentity: nil)
        }
    }
}
