import AuthenticatorKitEmbedded
import AuthenticatorKit
import AuthenticatorKitTestSupport
import Foundation
import Testing

/// Signing in with a token from the app's own sign-in with the identity provider
/// (`RecoveryCredential.externalToken`), with the embedded service's locally issued tokens.
@Suite("External sign-in")
struct ExternalSignInTests {
    private let password = SecureBytes(copying: "correct horse battery staple".utf8)
    private let start = Date(timeIntervalSince1970: 1_700_000_000)

    private func makeService() async throws -> (LocalRecoveryAccountService, AdjustableTimeSource) {
        let clock = AdjustableTimeSource(start)
        let service = try LocalRecoveryAccountService.inTemporaryDirectory(clock: clock, sessionLifetime: 3600)
        try await service.createAccount(userName: "alice", password: password)
        try await service.createAccount(userName: "bob", password: password)
        return (service, clock)
    }

    private func external(_ token: SecureBytes) -> RecoveryCredential { .externalToken(.accessToken(token)) }

    // MARK: The embedded service

    @Test func meetsTheExternalSignInRequirements() async throws {
        let (service, _) = try await makeService()
        defer { try? FileManager.default.removeItem(at: service.directory) }
        try await RecoveryAccountServiceConformance.checkExternalTokenSignIn(of: service, userName: "alice") {
            .accessToken(try await service.issueExternalToken(for: "alice"))
        }
    }

    @Test func anIssuedTokenSignsInToTheAccountItWasIssuedForWithoutAUserName() async throws {
        let (service, _) = try await makeService()
        defer { try? FileManager.default.removeItem(at: service.directory) }
        let token = try await service.issueExternalToken(for: "bob")
        let session = try await service.signIn(with: external(token))
        #expect(session.userName == "bob")
        #expect(session.expirationDate == start.addingTimeInterval(3600))
        let viaPassword = try await service.signIn(userName: "bob", password: password)
        #expect(try await service.escrowKey(for: session) == service.escrowKey(for: viaPassword))
    }

    @Test func anIssuedTokenSignsInOnlyOnce() async throws {
        let (service, _) = try await makeService()
        defer { try? FileManager.default.removeItem(at: service.directory) }
        let token = try await service.issueExternalToken(for: "alice")
        _ = try await service.signIn(with: external(token))
        await #expect(throws: RecoveryAccountError.wrongCredentials) { try await service.signIn(with: external(token)) }
    }

    @Test func anExpiredTokenIsRefusedAsWrongCredentials() async throws {
        let (service, clock) = try await makeService()
        defer { try? FileManager.default.removeItem(at: service.directory) }
        let token = try await service.issueExternalToken(for: "alice", lifetime: 60)
        clock.advance(by: 60)
        await #expect(throws: RecoveryAccountError.wrongCredentials) { try await service.signIn(with: external(token)) }
    }

    @Test func aTokenTheServiceNeverIssuedIsRefusedAsWrongCredentials() async throws {
        let (service, _) = try await makeService()
        defer { try? FileManager.default.removeItem(at: service.directory) }
        _ = try await service.issueExternalToken(for: "alice")
        await #expect(throws: RecoveryAccountError.wrongCredentials) {
            try await service.signIn(with: external(SecureBytes(randomCount: 32)))
        }
    }

    @Test func idTokensAndAuthorizationCodesAreUnsupportedCredentials() async throws {
        let (service, _) = try await makeService()
        defer { try? FileManager.default.removeItem(at: service.directory) }
        let token = try await service.issueExternalToken(for: "alice")
        await #expect(throws: RecoveryAccountError.unsupportedCredential(.idToken)) {
            try await service.signIn(with: .externalToken(.idToken(token)))
        }
        await #expect(throws: RecoveryAccountError.unsupportedCredential(.authorizationCode)) {
            try await service.signIn(with: .externalToken(.authorizationCode(
                token, codeVerifier: SecureBytes(randomCount: 32), redirectURI: "com.example:/callback")))
        }
        // Refused before any check: the token is still unused.
        #expect(try await service.signIn(with: external(token)).userName == "alice")
    }

    @Test func onlyAHashOfAnIssuedTokenIsStored() async throws {
        let (service, _) = try await makeService()
        defer { try? FileManager.default.removeItem(at: service.directory) }
        let token = try await service.issueExternalToken(for: "alice")
        let bytes = token.copyBytes()
        let folder = service.directory.appendingPathComponent("recovery-accounts")
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            let contents = try Data(contentsOf: folder.appendingPathComponent(name))
            let text = String(decoding: contents, as: UTF8.self)
            #expect(!text.contains(hex(bytes)), "\(name) holds the token as hex")
            #expect(!text.contains(Data(bytes).base64EncodedString()), "\(name) holds the token as base64")
            #expect(contents.range(of: Data(bytes)) == nil, "\(name) holds the token's bytes")
        }
    }

    @Test func atMostTheBoundOfUnusedTokensIsKeptPerAccountTheOldestGoFirst() async throws {
        let (service, _) = try await makeService()
        defer { try? FileManager.default.removeItem(at: service.directory) }
        let oldest = try await service.issueExternalToken(for: "alice")
        var newer: [SecureBytes] = []
        for _ in 0..<LocalRecoveryAccountService.maximumExternalTokensPerAccount {
            newer.append(try await service.issueExternalToken(for: "alice"))
        }
        let bobs = try await service.issueExternalToken(for: "bob")
        await #expect(throws: RecoveryAccountError.wrongCredentials) { try await service.signIn(with: external(oldest)) }
        for token in newer { #expect(try await service.signIn(with: external(token)).userName == "alice") }
        #expect(try await service.signIn(with: external(bobs)).userName == "bob")
    }

    @Test func revokingTheSessionsDiscardsTheAccountsUnusedTokens() async throws {
        let (service, _) = try await makeService()
        defer { try? FileManager.default.removeItem(at: service.directory) }
        let alices = try await service.issueExternalToken(for: "alice")
        let bobs = try await service.issueExternalToken(for: "bob")
        try await service.revokeSessions(userName: "alice")
        await #expect(throws: RecoveryAccountError.wrongCredentials) { try await service.signIn(with: external(alices)) }
        #expect(try await service.signIn(with: external(bobs)).userName == "bob")
    }

    @Test func issuingATokenForAnUnknownAccountIsAccountNotFound() async throws {
        let (service, _) = try await makeService()
        defer { try? FileManager.default.removeItem(at: service.directory) }
        await #expect(throws: RecoveryAccountError.accountNotFound(userName: "mallory")) {
            try await service.issueExternalToken(for: "mallory")
        }
    }

    // MARK: The coordinators

    @Test func backupTurnedOnWithAnExternalTokenBacksUpUnderTheAccountTheServiceNamed() async throws {
        let world = try await BackupWorld(platform: .android)
        let store = InMemoryAccountStore(vault: try SampleVaults.everyShape())
        let backup = world.coordinator(store: store)
        let token = try await world.service.issueExternalToken(for: BackupWorld.user)
        let status = try await backup.enableBackup(with: .externalToken(.accessToken(token)), cloudIdentity: nil)
        #expect(status.generation == 1)
        let state = try #require(try await backup.backupState())
        #expect(state.recoveryAccount == BackupWorld.user)
        #expect(world.storedBackup != nil)
    }

    @Test func signingInAgainWithATokenOfAnotherAccountIsRefusedAndKeepsNoSession() async throws {
        let world = try await BackupWorld(platform: .android)
        let (store, backup, _) = try await world.oldDevice(try SampleVaults.everyShape())
        try await world.service.revokeSessions(userName: BackupWorld.user)
        try await store.modifyVault { try $0.add(try SampleVaults.thirdPartyAccount(userName: "pending")) }
        #expect(await backup.backUpNow() == .needsSignIn)
        try await world.service.createAccount(userName: "bob@contoso.example", password: BackupWorld.password)
        let bobs = try await world.service.issueExternalToken(for: "bob@contoso.example")
        await #expect(throws: BackupError.differentRecoveryAccount(expected: BackupWorld.user)) {
            try await backup.signIn(with: .externalToken(.accessToken(bobs)))
        }
        #expect(await backup.status() == .needsSignIn)
        let alices = try await world.service.issueExternalToken(for: BackupWorld.user)
        #expect(try await backup.signIn(with: .externalToken(.accessToken(alices))).generation == 2)
    }

    @Test func aRestoreSignedInWithAnExternalTokenRestoresTheAccountTheServiceNamed() async throws {
        let world = try await BackupWorld(platform: .android)
        _ = try await world.oldDevice(try SampleVaults.everyShape())
        let device = try world.newDevice()
        var restore = world.restore(on: device)
        try await restore.startRecovery()
        let token = try await world.service.issueExternalToken(for: BackupWorld.user)
        try await restore.signIn(with: .externalToken(.accessToken(token)), cloudIdentity: nil)
        let plan = try await restore.plan()
        #expect(plan.vault.backupState?.recoveryAccount == BackupWorld.user)
        let report = try await restore.commit()
        #expect(report.generation == 1)
    }

    @Test func aRestoreWithAnUnacceptedTokenIsWrongCredentials() async throws {
        let world = try await BackupWorld(platform: .android)
        _ = try await world.oldDevice(try SampleVaults.everyShape())
        var restore = world.restore(on: try world.newDevice())
        try await restore.startRecovery()
        await #expect(throws: RestoreError.wrongCredentials) {
            try await restore.signIn(with: .externalToken(.accessToken(SecureBytes(randomCount: 32))), cloudIdentity: nil)
        }
        #expect(restore.step == .started)
    }

    private func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }
}

@Suite("Recovery credentials and names")
struct RecoveryCredentialTests {
    @Test func credentialsAndTokensNeverShowTheirSecrets() {
        let secret = "s3cr3t-token-value"
        let verifier = "pkce-verifier-value"
        let nonce = "nonce-value"
        let credentials: [RecoveryCredential] = [
            .password(userName: "alice", password: SecureBytes(copying: Array(secret.utf8))),
            .externalToken(.idToken(SecureBytes(copying: Array(secret.utf8)), issuer: "https://id.example",
                                    nonce: SecureBytes(copying: Array(nonce.utf8)))),
            .externalToken(.accessToken(SecureBytes(copying: Array(secret.utf8)))),
            .externalToken(.authorizationCode(
                SecureBytes(copying: Array(secret.utf8)), codeVerifier: SecureBytes(copying: Array(verifier.utf8)),
                redirectURI: "com.example:/callback", nonce: SecureBytes(copying: Array(nonce.utf8)))),
        ]
        for credential in credentials {
            var dumped = ""
            dump(credential, to: &dumped)
            if case let .externalToken(token) = credential { dump(token, to: &dumped) }
            let rendered = [
                "\(credential)", String(reflecting: credential), dumped,
            ]
            for text in rendered {
                #expect(!text.contains(secret) && !text.contains(verifier) && !text.contains(nonce), "\(text)")
            }
        }
        #expect("\(credentials[0])" == "RecoveryCredential(password, user: alice, redacted)")
        #expect("\(credentials[1])" == "RecoveryCredential(idToken, issuer: https://id.example, redacted)")
    }

    @Test func onlyAPasswordAssertsAUserName() {
        let password = RecoveryCredential.password(userName: "alice", password: SecureBytes(randomCount: 8))
        let token = RecoveryCredential.externalToken(.idToken(SecureBytes(randomCount: 8)))
        #expect(password.assertedUserName == "alice")
        #expect(token.assertedUserName == nil)
        #expect(password.kind == .password)
        #expect(token.kind == .idToken)
    }

    @Test func recoveryAccountNamesAreTheSameAccountWithoutRegardToCaseButEqualOnlyExactly() {
        let name: RecoveryAccountName = "Alice@Contoso.example"
        #expect(name.isSameAccount(as: "alice@contoso.example"))
        #expect(name != "alice@contoso.example")
        #expect(!name.isSameAccount(as: "bob@contoso.example"))
        #expect("\(name)" == "Alice@Contoso.example")
    }

    @Test func theNewTypesAreSendable() {
        func requireSendable<T: Sendable>(_: T.Type) {}
        requireSendable(RecoveryCredential.self)
        requireSendable(IdentityProviderToken.self)
        requireSendable(RecoveryAccountName.self)
        requireSendable(LogCapture.self)
        requireSendable(CapturingLogHandler.self)
    }

    @Test func aRecoveryAccountNameEncodesAsItsText() throws {
        let encoded = try JSONEncoder().encode(["userName": RecoveryAccountName("alice")])
        #expect(String(decoding: encoded, as: UTF8.self) == #"{"userName":"alice"}"#)
        #expect(try JSONDecoder().decode(RecoveryAccountName.self, from: Data(#""bob""#.utf8)) == "bob")
    }
}
