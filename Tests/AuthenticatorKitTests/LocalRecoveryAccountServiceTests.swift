import AuthenticatorKitEmbedded
import Foundation
import Testing
import AuthenticatorKit
import AuthenticatorKitTestSupport

@Suite("LocalRecoveryAccountService")
struct LocalRecoveryAccountServiceTests {
    private let password = SecureBytes(copying: "correct horse battery staple".utf8)
    private let wrongPassword = SecureBytes(copying: "correct horse battery stapler".utf8)
    private let start = Date(timeIntervalSince1970: 1_700_000_000)

    /// A service over a fresh folder, with one account `alice`, the cheapest hashing and
    /// `clock`.
    private func makeService(
        clock: AdjustableTimeSource? = nil, sessionLifetime: TimeInterval = 3600
    ) async throws -> (LocalRecoveryAccountService, AdjustableTimeSource) {
        let clock = clock ?? AdjustableTimeSource(start)
        let service = try LocalRecoveryAccountService.inTemporaryDirectory(clock: clock, sessionLifetime: sessionLifetime)
        try await service.createAccount(userName: "alice", password: password)
        return (service, clock)
    }

    private func accountFile(_ service: LocalRecoveryAccountService, _ userName: String = "alice") -> URL {
        service.directory.appendingPathComponent("recovery-accounts/\(userName).json")
    }

    private func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }

    @Test func meetsTheRecoveryAccountServiceRequirements() async throws {
        let (service, _) = try await makeService()
        defer { try? FileManager.default.removeItem(at: service.directory) }
        try await RecoveryAccountServiceConformance.checkSessionsAndEscrow(
            of: service, userName: "alice", password: password)
    }

    @Test func signingInWithTheRightPasswordOpensASessionOfTheConfiguredLifetime() async throws {
        let (service, _) = try await makeService(sessionLifetime: 900)
        defer { try? FileManager.default.removeItem(at: service.directory) }
        let session = try await service.signIn(userName: "alice", password: password)
        #expect(session.userName == "alice")
        #expect(session.expirationDate == start.addingTimeInterval(900))
        #expect(session.token.count == 32)
    }

    @Test func signingInWithAWrongPasswordIsRefused() async throws {
        let (service, _) = try await makeService()
        defer { try? FileManager.default.removeItem(at: service.directory) }
        await #expect(throws: RecoveryAccountError.wrongCredentials) {
            try await service.signIn(userName: "alice", password: wrongPassword)
        }
    }

    @Test func anUnknownUserNameIsRefusedLikeAWrongPassword() async throws {
        let (service, _) = try await makeService()
        defer { try? FileManager.default.removeItem(at: service.directory) }
        await #expect(throws: RecoveryAccountError.wrongCredentials) {
            try await service.signIn(userName: "mallory", password: password)
        }
        await #expect(throws: RecoveryAccountError.wrongCredentials) {
            try await service.signIn(userName: "../alice", password: password)
        }
    }

    @Test func creatingAnAccountWhoseUserNameIsTakenIsRefused() async throws {
        let (service, _) = try await makeService()
        defer { try? FileManager.default.removeItem(at: service.directory) }
        let before = try Data(contentsOf: accountFile(service))
        await #expect(throws: RecoveryAccountError.accountAlreadyExists(userName: "alice")) {
            try await service.createAccount(userName: "alice", password: wrongPassword)
        }
        #expect(try Data(contentsOf: accountFile(service)) == before)
        _ = try await service.signIn(userName: "alice", password: password)
    }

    @Test func aPasswordShorterThanTheMinimumIsRefused() async throws {
        let (service, _) = try await makeService()
        defer { try? FileManager.default.removeItem(at: service.directory) }
        await #expect(throws: RecoveryAccountError.passwordTooShort(minimumLength: 8)) {
            try await service.createAccount(userName: "bob", password: SecureBytes(copying: "1234567".utf8))
        }
        try await service.createAccount(userName: "bob", password: SecureBytes(copying: "12345678".utf8))
    }

    @Test(arguments: ["", "..", "../escape", "a/b", "tab\tname"])
    func userNamesThatCannotNameAFileSafelyAreRefused(userName: String) async throws {
        let (service, _) = try await makeService()
        defer { try? FileManager.default.removeItem(at: service.directory) }
        await #expect {
            try await service.createAccount(userName: RecoveryAccountName(userName), password: password)
        } throws: { error in
            guard case .invalidUserName = error as? RecoveryAccountError else { return false }
            return true
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: service.directory.path)
        #expect(names == ["recovery-accounts"])
    }

    @Test func aSessionExpiresAtTheEndOfItsLifetime() async throws {
        let (service, clock) = try await makeService(sessionLifetime: 600)
        defer { try? FileManager.default.removeItem(at: service.directory) }
        let session = try await service.signIn(userName: "alice", password: password)
        clock.advance(by: 599)
        _ = try await service.escrowKey(for: session)
        clock.advance(by: 1)
        #expect(session.isExpired(at: clock.now()))
        await #expect(throws: RecoveryAccountError.sessionExpired) { try await service.escrowKey(for: session) }
        await #expect(throws: RecoveryAccountError.sessionExpired) { try await service.backupLocation(for: session) }
        await #expect(throws: RecoveryAccountError.sessionExpired) {
            try await service.recordBackupLocation(nil, for: session)
        }
        await #expect(throws: RecoveryAccountError.sessionExpired) { try await service.refresh(session) }
    }

    @Test func signingInAgainAfterExpiryGivesAWorkingSession() async throws {
        let (service, clock) = try await makeService(sessionLifetime: 60)
        defer { try? FileManager.default.removeItem(at: service.directory) }
        let first = try await service.signIn(userName: "alice", password: password)
        clock.advance(by: 3600)
        await #expect(throws: RecoveryAccountError.sessionExpired) { try await service.escrowKey(for: first) }
        let second = try await service.signIn(userName: "alice", password: password)
        _ = try await service.escrowKey(for: second)
    }

    @Test func refreshingGivesANewSessionWithALaterExpiryAndEndsTheOldOne() async throws {
        let (service, clock) = try await makeService(sessionLifetime: 600)
        defer { try? FileManager.default.removeItem(at: service.directory) }
        let session = try await service.signIn(userName: "alice", password: password)
        clock.advance(by: 500)
        let refreshed = try await service.refresh(session)
        #expect(refreshed.expirationDate == start.addingTimeInterval(1100))
        #expect(refreshed.token != session.token)
        await #expect(throws: RecoveryAccountError.sessionRevoked) { try await service.escrowKey(for: session) }
        clock.advance(by: 500)
        _ = try await service.escrowKey(for: refreshed)
    }

    @Test func revokingSessionsEndsEverySessionOfTheAccountOnly() async throws {
        let (service, _) = try await makeService()
        defer { try? FileManager.default.removeItem(at: service.directory) }
        try await service.createAccount(userName: "bob", password: password)
        let first = try await service.signIn(userName: "alice", password: password)
        let second = try await service.signIn(userName: "alice", password: password)
        let bobs = try await service.signIn(userName: "bob", password: password)
        try await service.revokeSessions(userName: "alice")
        for session in [first, second] {
            await #expect(throws: RecoveryAccountError.sessionRevoked) { try await service.escrowKey(for: session) }
            await #expect(throws: RecoveryAccountError.sessionRevoked) { try await service.refresh(session) }
            await #expect(throws: RecoveryAccountError.sessionRevoked) { try await service.backupLocation(for: session) }
        }
        _ = try await service.escrowKey(for: bobs)
        let again = try await service.signIn(userName: "alice", password: password)
        _ = try await service.escrowKey(for: again)
    }

    @Test func revokingTheSessionsOfAnUnknownAccountIsReported() async throws {
        let (service, _) = try await makeService()
        defer { try? FileManager.default.removeItem(at: service.directory) }
        await #expect(throws: RecoveryAccountError.accountNotFound(userName: "mallory")) {
            try await service.revokeSessions(userName: "mallory")
        }
    }

    @Test func theEscrowKeyIsReleasedOnlyToAValidSession() async throws {
        let (service, _) = try await makeService()
        defer { try? FileManager.default.removeItem(at: service.directory) }
        let session = try await service.signIn(userName: "alice", password: password)
        let forged = RecoverySession(
            userName: "alice", token: SecureBytes(randomCount: 32), expirationDate: session.expirationDate)
        await #expect(throws: RecoveryAccountError.sessionRevoked) { try await service.escrowKey(for: forged) }
        let otherUser = RecoverySession(userName: "bob", token: session.token, expirationDate: session.expirationDate)
        await #expect(throws: RecoveryAccountError.sessionRevoked) { try await service.escrowKey(for: otherUser) }
        let key = try await service.escrowKey(for: session)
        #expect(key.key.count == 32)
        #expect(key.identifier.bytes.count == 16)
    }

    @Test func theEscrowKeyIsCreatedOnFirstRequestAndStableAcrossSessionsAndInstances() async throws {
        let (service, clock) = try await makeService()
        defer { try? FileManager.default.removeItem(at: service.directory) }
        let before = try String(decoding: Data(contentsOf: accountFile(service)), as: UTF8.self)
        #expect(!before.contains("escrowKey"))
        let first = try await service.escrowKey(for: try await service.signIn(userName: "alice", password: password))
        let second = try await service.escrowKey(for: try await service.signIn(userName: "alice", password: password))
        #expect(first == second)
        let reopened = LocalRecoveryAccountService(
            directory: service.directory, clock: clock, sessionLifetime: 60, passwordHashing: .testing)
        let third = try await reopened.escrowKey(for: try await reopened.signIn(userName: "alice", password: password))
        #expect(third == first)
    }

    @Test func eachAccountHasItsOwnEscrowKey() async throws {
        let (service, _) = try await makeService()
        defer { try? FileManager.default.removeItem(at: service.directory) }
        try await service.createAccount(userName: "bob", password: password)
        let alices = try await service.escrowKey(for: try await service.signIn(userName: "alice", password: password))
        let bobs = try await service.escrowKey(for: try await service.signIn(userName: "bob", password: password))
        #expect(alices.key != bobs.key)
        #expect(alices.identifier != bobs.identifier)
    }

    @Test func theBackupLocationIsRememberedPerAccount() async throws {
        let (service, _) = try await makeService()
        defer { try? FileManager.default.removeItem(at: service.directory) }
        try await service.createAccount(userName: "bob", password: password)
        let alice = try await service.signIn(userName: "alice", password: password)
        let bob = try await service.signIn(userName: "bob", password: password)
        #expect(try await service.backupLocation(for: alice) == nil)
        let alicesLocation = BackupLocation(platform: .ios, cloudIdentity: "alice@icloud.example")
        let bobsLocation = BackupLocation(platform: .android, cloudIdentity: "bob")
        try await service.recordBackupLocation(alicesLocation, for: alice)
        try await service.recordBackupLocation(bobsLocation, for: bob)
        let aliceLater = try await service.signIn(userName: "alice", password: password)
        #expect(try await service.backupLocation(for: aliceLater) == alicesLocation)
        #expect(try await service.backupLocation(for: bob) == bobsLocation)
    }

    @Test func aMissingDirectoryIsUnreachableAndNeverCreated() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("absent-service-\(UUID().uuidString)")
        let service = LocalRecoveryAccountService(directory: directory, passwordHashing: .testing)
        let session = RecoverySession(userName: "alice", token: SecureBytes(randomCount: 32), expirationDate: .distantFuture)
        await #expect(throws: RecoveryAccountError.unreachable) {
            try await service.createAccount(userName: "alice", password: password)
        }
        await #expect(throws: RecoveryAccountError.unreachable) {
            try await service.signIn(userName: "alice", password: password)
        }
        await #expect(throws: RecoveryAccountError.unreachable) { try await service.refresh(session) }
        await #expect(throws: RecoveryAccountError.unreachable) { try await service.escrowKey(for: session) }
        await #expect(throws: RecoveryAccountError.unreachable) { try await service.backupLocation(for: session) }
        await #expect(throws: RecoveryAccountError.unreachable) {
            try await service.recordBackupLocation(nil, for: session)
        }
        await #expect(throws: RecoveryAccountError.unreachable) { try await service.revokeSessions(userName: "alice") }
        #expect(!FileManager.default.fileExists(atPath: directory.path))
    }

    @Test func accountsSessionsAndLocationsPersistAcrossInstances() async throws {
        let (service, clock) = try await makeService()
        defer { try? FileManager.default.removeItem(at: service.directory) }
        let session = try await service.signIn(userName: "alice", password: password)
        let location = BackupLocation(platform: .android, cloudIdentity: "alice")
        try await service.recordBackupLocation(location, for: session)
        let reopened = LocalRecoveryAccountService(
            directory: service.directory, clock: clock, sessionLifetime: 60, passwordHashing: .testing)
        #expect(try await reopened.backupLocation(for: session) == location)
        await #expect(throws: RecoveryAccountError.accountAlreadyExists(userName: "alice")) {
            try await reopened.createAccount(userName: "alice", password: password)
        }
    }

    @Test func aVerifierKeepsTheCostItWasMadeWith() async throws {
        // Made at the public floor (not the test cost, which only a service configured with it
        // reads back), then read by a service configured with another public cost.
        let made = try LocalRecoveryAccountService.inTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: made.directory) }
        let service = LocalRecoveryAccountService(directory: made.directory, passwordHashing: .minimum)
        try await service.createAccount(userName: "alice", password: password)
        let reopened = LocalRecoveryAccountService(directory: service.directory, passwordHashing: .moderate)
        _ = try await reopened.signIn(userName: "alice", password: password)
        let record = try JSONSerialization.jsonObject(with: Data(contentsOf: accountFile(service))) as? [String: Any]
        let cost = (record?["verifier"] as? [String: Any])?["cost"] as? [String: Any]
        #expect(cost?["operations"] as? Int == Int(PasswordHashingCost.minimum.operations))
        #expect(cost?["memoryKiB"] as? Int == Int(PasswordHashingCost.minimum.memoryKiB))
    }

    @Test func aVerifierBelowTheFloorIsRefusedByAServiceWithAPublicCost() async throws {
        // The attack: the account file's verifier cost is lowered below the floor (here, to
        // the package's test cost), so that guessing the password gets cheap. A service
        // configured with any cost an app can choose refuses the record before hashing.
        let (service, clock) = try await makeService()
        defer { try? FileManager.default.removeItem(at: service.directory) }
        let text = try String(decoding: Data(contentsOf: accountFile(service)), as: UTF8.self)
        #expect(text.contains("\"memoryKiB\" : \(PasswordHashingCost.testing.memoryKiB)"), "\(text)")
        for cost in [PasswordHashingCost.minimum, .moderate] {
            let publicService = LocalRecoveryAccountService(directory: service.directory, clock: clock, passwordHashing: cost)
            let signInError = await #expect(throws: RecoveryAccountError.self) {
                try await publicService.signIn(userName: "alice", password: password)
            }
            let createError = await #expect(throws: RecoveryAccountError.self) {
                try await publicService.createAccount(userName: "alice", password: password)
            }
            for error in [signInError, createError] {
                guard case let .serviceFailure(reason)? = error else {
                    Issue.record("\(cost): \(String(describing: error))")
                    continue
                }
                #expect(reason.hasSuffix("alice.json is damaged"), "\(reason)")
            }
        }
        // The service configured with the test cost still reads it.
        _ = try await service.signIn(userName: "alice", password: password)
    }

    @Test func onlyAHashOfEachSessionTokenAndNoPasswordIsStored() async throws {
        let (service, _) = try await makeService()
        defer { try? FileManager.default.removeItem(at: service.directory) }
        let session = try await service.signIn(userName: "alice", password: password)
        let stored = try String(decoding: Data(contentsOf: accountFile(service)), as: UTF8.self)
        let token = session.token.copyBytes()
        #expect(!stored.contains(hex(token)))
        #expect(stored.contains(hex(Hash.blake2b(token, outputLength: 32))))
        #expect(!stored.contains("correct horse"))
        #expect(!stored.contains(hex(password.copyBytes())))
        let attributes = try FileManager.default.attributesOfItem(atPath: accountFile(service).path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    }

    @Test func aDamagedAccountFileIsReportedAndNeverOverwritten() async throws {
        let (service, _) = try await makeService()
        defer { try? FileManager.default.removeItem(at: service.directory) }
        try Data("{\"format\": 1}".utf8).write(to: accountFile(service))
        await #expect {
            try await service.signIn(userName: "alice", password: password)
        } throws: { error in
            guard case .serviceFailure = error as? RecoveryAccountError else { return false }
            return true
        }
        await #expect {
            try await service.createAccount(userName: "alice", password: password)
        } throws: { error in
            guard case .serviceFailure = error as? RecoveryAccountError else { return false }
            return true
        }
        #expect(try Data(contentsOf: accountFile(service)) == Data("{\"format\": 1}".utf8))
    }

    @Test func aVerifierWithACostBelowTheFloorIsTreatedAsDamaged() async throws {
        // At the floor (an app's cheapest cost), not the test cost, so that lowering the
        // passes takes the verifier below the floor.
        let made = try LocalRecoveryAccountService.inTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: made.directory) }
        let service = LocalRecoveryAccountService(directory: made.directory, passwordHashing: .minimum)
        try await service.createAccount(userName: "alice", password: password)
        let file = accountFile(service)
        let text = try String(decoding: Data(contentsOf: file), as: UTF8.self)
            .replacingOccurrences(of: "\"operations\" : 2", with: "\"operations\" : 1")
        #expect(text.contains("\"operations\" : 1"), "\(text)")
        try Data(text.utf8).write(to: file)
        await #expect {
            try await service.signIn(userName: "alice", password: password)
        } throws: { error in
            guard case .serviceFailure = error as? RecoveryAccountError else { return false }
            return true
        }
    }
}
