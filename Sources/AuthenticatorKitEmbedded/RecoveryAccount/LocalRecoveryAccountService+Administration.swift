import BackupServices
import SodiumBridge
import Foundation

extension LocalRecoveryAccountService {
    /// Creates an account (demo set-up; a real identity provider has its own sign-up).
    ///
    /// Throws `RecoveryAccountError/accountAlreadyExists(userName:)` for a taken user name,
    /// `RecoveryAccountError/invalidUserName(reason:)` for one that cannot name a file, and
    /// `RecoveryAccountError/passwordTooShort(minimumLength:)` below
    /// ``minimumPasswordLength`` bytes. The escrow key is created later, on the first backup.
    public func createAccount(userName: RecoveryAccountName, password: SecureBytes) async throws(RecoveryAccountError) {
        try requireReachable()
        let file = try accountFile(for: userName.rawValue)
        guard password.count >= Self.minimumPasswordLength else {
            throw .passwordTooShort(minimumLength: Self.minimumPasswordLength)
        }
        if try readAccount(at: file) != nil { throw .accountAlreadyExists(userName: userName) }
        let verifier = try PasswordVerifier.make(for: password, cost: passwordHashing, random: random)
        try createAccountsFolder()
        try await withLock { () throws(RecoveryAccountError) in
            if try readAccount(at: file) != nil { throw .accountAlreadyExists(userName: userName) }
            try writeAccount(AccountRecord(userName: userName.rawValue, verifier: verifier), to: file)
        }
    }

    /// Ends every session of the account, as a "sign out everywhere" or an administrator
    /// would. Sessions used afterwards fail with `RecoveryAccountError/sessionRevoked`, and
    /// the account's unused tokens from ``issueExternalToken(for:lifetime:)`` no longer sign in.
    public func revokeSessions(userName: RecoveryAccountName) async throws(RecoveryAccountError) {
        try requireReachable()
        let file = try accountFile(for: userName.rawValue)
        guard try readAccount(at: file) != nil else { throw .accountNotFound(userName: userName) }
        try await updateAccount(at: file) { (account: inout AccountRecord) throws(RecoveryAccountError) in
            for index in account.sessions.indices {
                account.sessions[index].ended = true
            }
        }
        try await discardExternalTokens(of: userName.rawValue)
    }
}
