import Foundation
import AuthenticatorKit

/// Reusable checks that a ``RecoveryAccountService`` meets its implementation requirements.
///
/// Give it a test account of your service. It throws a ``ConformanceFailure`` naming the
/// broken requirement:
///
/// ```swift
/// @Test func myServiceConforms() async throws {
///     try await RecoveryAccountServiceConformance.checkSessionsAndEscrow(
///         of: MyRecoveryService(...), userName: "test-user",
///         password: SecureBytes(copying: "correct horse".utf8))
/// }
/// ```
///
/// The check creates the account's escrow key if it has none and leaves the recorded backup
/// location as it found it.
public enum RecoveryAccountServiceConformance {
    /// Checks sign-in, refresh, the escrow key and the backup location with the account
    /// `userName` / `password` (which must exist).
    ///
    /// Checked: a wrong password and an unknown user name both throw `wrongCredentials`; a
    /// sign-in returns a session of the user that is not yet expired (by the session's own
    /// expiry); the escrow key is 32 bytes and the same key and identifier for two sessions;
    /// a refresh gives a session that expires no earlier and is accepted; a session with a
    /// token the service never issued throws `sessionRevoked`; a recorded location reads back,
    /// a later one replaces it, and `nil` forgets it.
    public static func checkSessionsAndEscrow(
        of service: some RecoveryAccountService, userName: String, password: SecureBytes
    ) async throws(ConformanceFailure) {
        let wrong = SecureBytes(copying: password.copyBytes() + Array("-wrong".utf8))
        try await ConformanceStep.expect(RecoveryAccountError.wrongCredentials, "a wrong password throws wrongCredentials") {
            () throws(RecoveryAccountError) in try await service.signIn(userName: userName, password: wrong)
        }
        try await ConformanceStep.expect(
            RecoveryAccountError.wrongCredentials, "an unknown user name throws wrongCredentials"
        ) { () throws(RecoveryAccountError) in
            try await service.signIn(userName: userName + "-conformance-unknown", password: password)
        }

        let session = try await ConformanceStep.require("signing in with the right password succeeds") {
            () throws(RecoveryAccountError) in try await service.signIn(userName: userName, password: password)
        }
        try ConformanceStep.check(
            session.userName == userName, "a session names the account's user", observed: session.userName)
        let key = try await ConformanceStep.require("a valid session gets the escrow key") {
            () throws(RecoveryAccountError) in try await service.escrowKey(for: session)
        }
        try ConformanceStep.check(
            key.key.count == EscrowKey.keyLength, "the escrow key is 32 bytes", observed: "\(key.key.count) bytes")

        let second = try await ConformanceStep.require("signing in again succeeds") { () throws(RecoveryAccountError) in
            try await service.signIn(userName: userName, password: password)
        }
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
            refreshed.userName == userName && refreshed.expirationDate >= second.expirationDate,
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
        let provider = BackupLocation(platform: .android, cloudIdentity: CloudIdentity(userName))
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
    }
}
