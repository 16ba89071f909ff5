import Foundation
import AuthenticatorKit

/// Reusable checks that a `RecoveryAccountService` meets its implementation requirements.
///
/// Give it a test account of your service. It throws a ``ConformanceFailure`` naming the
/// broken requirement:
///
/// ```swift
/// @Test func myServiceConforms() async throws {
///     try await RecoveryAccountServiceConformance.checkSessionsAndEscrow(
///         of: MyRecoveryService(...), userName: "test-user",
///         password: SecureBytes(copying: "correct horse".utf8))
///     // A service that signs users in through their identity provider: a fresh token of
///     // the test user for each call (from a test tenant, or a test hook of the service).
///     try await RecoveryAccountServiceConformance.checkExternalTokenSignIn(
///         of: MyRecoveryService(...), userName: "test-user",
///         validToken: { try await testTenant.freshIDToken(for: "test-user") })
/// }
/// ```
///
/// Run the checks for the kinds of credential your service accepts: a service that only
/// signs users in through their identity provider skips ``checkSessionsAndEscrow(of:userName:password:)``
/// and runs ``checkExternalTokenSignIn(of:userName:validToken:)`` — which checks the same
/// session and escrow requirements through external sign-ins.
///
/// ``checkPasswordThrottling(of:userName:password:advanceClock:)`` checks that guessing is
/// bounded; it needs a way to move the service's clock.
///
/// The checks create the account's escrow key if it has none and leave the recorded backup
/// location as they found it; they record verified backups only at locations of their own.
public enum RecoveryAccountServiceConformance {
    /// Checks sign-in, refresh, the escrow key and the backup location with the account
    /// `userName` / `password` (which must exist).
    ///
    /// Checked: a wrong password and an unknown user name both throw `wrongCredentials`; a
    /// sign-in returns a session of the user that is not yet expired (by the session's own
    /// expiry); the escrow key is 32 bytes and the same key and identifier for two sessions;
    /// a refresh gives a session that expires no earlier and is accepted; a session with a
    /// token the service never issued throws `sessionRevoked`; a recorded location reads back,
    /// a later one replaces it, and `nil` forgets it; the verified-backup record of a location
    /// reads back, refuses a lower generation or the recorded one with another digest
    /// (`backupRecordRegressed`) and is kept per location, for valid sessions only.
    public static func checkSessionsAndEscrow(
        of service: some RecoveryAccountService, userName: RecoveryAccountName, password: SecureBytes
    ) async throws(ConformanceFailure) {
        let wrong = SecureBytes(copying: password.copyBytes() + Array("-wrong".utf8))
        try await ConformanceStep.expect(RecoveryAccountError.wrongCredentials, "a wrong password throws wrongCredentials") {
            () throws(RecoveryAccountError) in try await service.signIn(userName: userName, password: wrong)
        }
        try await ConformanceStep.expect(
            RecoveryAccountError.wrongCredentials, "an unknown user name throws wrongCredentials"
        ) { () throws(RecoveryAccountError) in
            try await service.signIn(userName: RecoveryAccountName(userName.rawValue + "-conformance-unknown"), password: password)
        }

        let session = try await ConformanceStep.require("signing in with the right password succeeds") {
            () throws(RecoveryAccountError) in try await service.signIn(userName: userName, password: password)
        }
        try ConformanceStep.check(
            session.userName.isSameAccount(as: userName), "a session names the account's user",
            observed: session.userName.rawValue)
        let key = try await ConformanceStep.require("a valid session gets the escrow key") {
            () throws(RecoveryAccountError) in try await service.escrowKey(for: session)
        }
        try ConformanceStep.check(
            key.key.count == EscrowKey.keyLength, "the escrow key is 32 bytes", observed: "\(key.key.count) bytes")

        let second = try await ConformanceStep.require("signing in again succeeds") { () throws(RecoveryAccountError) in
            try await service.signIn(userName: userName, password: password)
        }
        try await checkSessionRequirements(of: service, userName: userName, first: session, second: second, key: key)
    }

    /// Checks sign-in with an identity provider's token (`RecoveryCredential/externalToken(_:)`)
    /// for the account `userName`, and through those sessions the same refresh, escrow-key and
    /// backup-location requirements as ``checkSessionsAndEscrow(of:userName:password:)``.
    ///
    /// `validToken` returns a fresh token that proves `userName` to the service each time it
    /// is called (it is called twice; a single-use token must not be reused).
    ///
    /// Checked: a forged token — `validToken`'s kind, issuer, verifier and nonce, with random
    /// bytes in place of the token — throws `wrongCredentials`; a valid token signs in to a
    /// session that names `userName` (the service decides who signed in) and is not yet
    /// expired; two such sessions get the same 32-byte escrow key; then refresh, forged
    /// sessions and the backup location as in ``checkSessionsAndEscrow(of:userName:password:)``.
    public static func checkExternalTokenSignIn(
        of service: some RecoveryAccountService, userName: RecoveryAccountName,
        validToken: () async throws -> IdentityProviderToken
    ) async throws(ConformanceFailure) {
        let token = try await ConformanceStep.require("the test obtains a valid external token") { try await validToken() }
        try await ConformanceStep.expect(
            RecoveryAccountError.wrongCredentials, "a forged external token throws wrongCredentials"
        ) { () throws(RecoveryAccountError) in
            try await service.signIn(with: .externalToken(forgery(of: token)))
        }
        let session = try await ConformanceStep.require("signing in with a valid external token succeeds") {
            () throws(RecoveryAccountError) in try await service.signIn(with: .externalToken(token))
        }
        try ConformanceStep.check(
            session.userName.isSameAccount(as: userName),
            "an external sign-in's session names the account the token proves", observed: session.userName.rawValue)
        let key = try await ConformanceStep.require("an external sign-in's session gets the escrow key") {
            () throws(RecoveryAccountError) in try await service.escrowKey(for: session)
        }
        try ConformanceStep.check(
            key.key.count == EscrowKey.keyLength, "the escrow key is 32 bytes", observed: "\(key.key.count) bytes")
        let another = try await ConformanceStep.require("the test obtains a second valid external token") {
            try await validToken()
        }
        let second = try await ConformanceStep.require("signing in with a second valid external token succeeds") {
            () throws(RecoveryAccountError) in try await service.signIn(with: .externalToken(another))
        }
        try await checkSessionRequirements(of: service, userName: session.userName, first: session, second: second, key: key)
    }

    /// A token like `token` but with random bytes of the same length as its value.
    private static func forgery(of token: IdentityProviderToken) -> IdentityProviderToken {
        let forged = SecureBytes(randomCount: max(token.value.count, 32))
        switch token.kind {
        case .idToken:
            return .idToken(forged, issuer: token.issuer, nonce: token.nonce)
        case .accessToken:
            return .accessToken(forged, issuer: token.issuer)
        case .authorizationCode:
            return .authorizationCode(
                forged, codeVerifier: token.codeVerifier ?? SecureBytes(randomCount: 32),
                redirectURI: token.redirectURI ?? "", issuer: token.issuer, nonce: token.nonce)
        }
    }

    /// The requirements on two valid sessions `first` and `second` of `userName`, the first
    /// of which got `key`: the same key for both, refresh, forged sessions, the location.
    private static func checkSessionRequirements(
        of service: some RecoveryAccountService, userName: RecoveryAccountName,
        first session: RecoverySession, second: RecoverySession, key: EscrowKey
    ) async throws(ConformanceFailure) {
        let again = try await ConformanceStep.require("a second session gets the escrow key") {
            () throws(RecoveryAccountError) in try await service.escrowKey(for: second)
        }
        try ConformanceStep.check(
            again == key, "every session of the account gets the same escrow key and identifier",
            observed: "\(again.identifier) after \(key.identifier), or another key")

        let refreshed = try await ConformanceStep.require("refreshing a valid session succeeds") {
            () throws(RecoveryAccountError) in try await service.refresh(second)
        }
        try ConformanceStep.check(
            refreshed.userName.isSameAccount(as: userName) && refreshed.expirationDate >= second.expirationDate,
            "a refreshed session is the same user's and expires no earlier",
            observed: "\(refreshed)")
        let viaRefreshed = try await ConformanceStep.require("a refreshed session gets the escrow key") {
            () throws(RecoveryAccountError) in try await service.escrowKey(for: refreshed)
        }
        try ConformanceStep.check(viaRefreshed == key, "a refreshed session gets the same escrow key", observed: "another key")

        let forged = RecoverySession(
            userName: userName, token: SecureBytes(randomCount: 32), expirationDate: refreshed.expirationDate)
        try await ConformanceStep.expect(
            RecoveryAccountError.sessionRevoked, "a session the service never issued throws sessionRevoked"
        ) { () throws(RecoveryAccountError) in try await service.escrowKey(for: forged) }
        try await ConformanceStep.expect(
            RecoveryAccountError.sessionRevoked, "a session the service never issued cannot read the backup location"
        ) { () throws(RecoveryAccountError) in try await service.backupLocation(for: forged) }

        let original = try await ConformanceStep.require("a valid session reads the backup location") {
            () throws(RecoveryAccountError) in try await service.backupLocation(for: refreshed)
        }
        let iCloud = BackupLocation(platform: .ios, cloudIdentity: "conformance@icloud.example")
        let provider = BackupLocation(platform: .android, cloudIdentity: CloudIdentity(userName.rawValue))
        for location in [iCloud, provider, nil] {
            try await ConformanceStep.require("a valid session records the backup location") {
                () throws(RecoveryAccountError) in try await service.recordBackupLocation(location, for: refreshed)
            }
            let read = try await ConformanceStep.require("a valid session reads the backup location") {
                () throws(RecoveryAccountError) in try await service.backupLocation(for: refreshed)
            }
            try ConformanceStep.check(
                read == location, "the recorded backup location reads back, replacing the previous one",
                observed: "\(String(describing: read)) after recording \(String(describing: location))")
        }
        try await ConformanceStep.require("a valid session records the backup location") {
            () throws(RecoveryAccountError) in try await service.recordBackupLocation(original, for: refreshed)
        }
        try await checkVerifiedBackupRecords(of: service, session: refreshed, forged: forged)
    }

    /// The verified-backup record only moves forward, per location, for valid sessions only.
    /// Uses two locations of its own (a portable service named `conformance-…`), so the
    /// account's real records are left as they were.
    private static func checkVerifiedBackupRecords(
        of service: some RecoveryAccountService, session: RecoverySession, forged: RecoverySession
    ) async throws(ConformanceFailure) {
        let tag = String(UInt64.random(in: 0...UInt64.max), radix: 16)
        let location = BackupLocation(kind: .portable("conformance-\(tag)"), cloudIdentity: "conformance")
        let other = BackupLocation(kind: .portable("conformance-\(tag)-other"), cloudIdentity: "conformance")
        let third = BackupFingerprint(generation: 3, backupBytes: Array("generation 3".utf8))
        let otherThird = BackupFingerprint(generation: 3, backupBytes: Array("another generation 3".utf8))
        let second = BackupFingerprint(generation: 2, backupBytes: Array("generation 2".utf8))
        let fourth = BackupFingerprint(generation: 4, backupBytes: Array("generation 4".utf8))

        let none = try await ConformanceStep.require("a valid session reads the verified-backup record") {
            () throws(RecoveryAccountError) in try await service.verifiedBackup(at: location, for: session)
        }
        try ConformanceStep.check(none == nil, "a location never recorded has no verified-backup record", observed: "\(String(describing: none))")
        for record in [third, third] {
            try await ConformanceStep.require("a valid session records a verified backup (the same record again too)") {
                () throws(RecoveryAccountError) in try await service.recordVerifiedBackup(record, at: location, for: session)
            }
        }
        try await ConformanceStep.expect(
            RecoveryAccountError.backupRecordRegressed(recorded: 3),
            "the recorded generation with another digest throws backupRecordRegressed"
        ) { () throws(RecoveryAccountError) in try await service.recordVerifiedBackup(otherThird, at: location, for: session) }
        try await ConformanceStep.expect(
            RecoveryAccountError.backupRecordRegressed(recorded: 3), "a lower generation throws backupRecordRegressed"
        ) { () throws(RecoveryAccountError) in try await service.recordVerifiedBackup(second, at: location, for: session) }
        let kept = try await ConformanceStep.require("a valid session reads the verified-backup record") {
            () throws(RecoveryAccountError) in try await service.verifiedBackup(at: location, for: session)
        }
        try ConformanceStep.check(kept == third, "a refused record leaves the record as it was", observed: "\(String(describing: kept))")
        try await ConformanceStep.require("a higher generation is recorded") {
            () throws(RecoveryAccountError) in try await service.recordVerifiedBackup(fourth, at: location, for: session)
        }
        let moved = try await ConformanceStep.require("a valid session reads the verified-backup record") {
            () throws(RecoveryAccountError) in try await service.verifiedBackup(at: location, for: session)
        }
        try ConformanceStep.check(moved == fourth, "the verified-backup record reads back as recorded", observed: "\(String(describing: moved))")
        let elsewhere = try await ConformanceStep.require("a valid session reads the verified-backup record") {
            () throws(RecoveryAccountError) in try await service.verifiedBackup(at: other, for: session)
        }
        try ConformanceStep.check(elsewhere == nil, "each backup location has its own verified-backup record", observed: "\(String(describing: elsewhere))")
        try await ConformanceStep.expect(
            RecoveryAccountError.sessionRevoked, "a session the service never issued cannot record a verified backup"
        ) { () throws(RecoveryAccountError) in try await service.recordVerifiedBackup(fourth, at: other, for: forged) }
        try await ConformanceStep.expect(
            RecoveryAccountError.sessionRevoked, "a session the service never issued cannot read a verified-backup record"
        ) { () throws(RecoveryAccountError) in _ = try await service.verifiedBackup(at: location, for: forged) }
    }

    /// Checks that password guessing is bounded, with the account `userName` / `password`
    /// (which must exist and have no recent failures) and `advanceClock`, which moves the
    /// service's clock forward by the given seconds (a test clock; never a sleep).
    ///
    /// Checked: 5 wrong passwords throw `wrongCredentials`; the next attempt, and then the
    /// right password, throw `tooManyAttempts` with a positive wait; an unknown user name gets
    /// exactly the same sequence; once the wait is over the right password signs in. Leaves
    /// the unknown name throttled for a while; the account's count is cleared by the sign-in.
    public static func checkPasswordThrottling(
        of service: some RecoveryAccountService, userName: RecoveryAccountName, password: SecureBytes,
        advanceClock: (TimeInterval) async -> Void
    ) async throws(ConformanceFailure) {
        let unknown = RecoveryAccountName(userName.rawValue + "-conformance-unknown-\(UInt32.random(in: 0...UInt32.max))")
        func outcomes(_ name: RecoveryAccountName) async -> [String] {
            var result: [String] = []
            for attempt in 0..<6 {
                let guess = SecureBytes(copying: password.copyBytes() + Array("-guess-\(attempt)".utf8))
                do {
                    _ = try await service.signIn(userName: name, password: guess)
                    result.append("signed in")
                } catch {
                    result.append(error.caseName)
                }
            }
            return result
        }
        let expected = Array(repeating: "wrongCredentials", count: 5) + ["tooManyAttempts"]
        let known = await outcomes(userName)
        try ConformanceStep.check(
            known == expected, "after 5 wrong passwords the next attempt throws tooManyAttempts", observed: "\(known)")
        let stranger = await outcomes(unknown)
        try ConformanceStep.check(
            stranger == known, "an unknown user name gets exactly the errors of a known one", observed: "\(stranger)")
        var wait: TimeInterval = 0
        do {
            _ = try await service.signIn(userName: userName, password: password)
        } catch {
            if case let .tooManyAttempts(retryAfter) = error { wait = retryAfter }
        }
        try ConformanceStep.check(
            wait > 0, "during the wait the right password throws tooManyAttempts with a positive retryAfter",
            observed: "retryAfter \(wait)")
        await advanceClock(wait)
        _ = try await ConformanceStep.require("once the wait is over the right password signs in") {
            () throws(RecoveryAccountError) in try await service.signIn(userName: userName, password: password)
        }
    }
}
