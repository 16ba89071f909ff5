import BackupServices
import SodiumBridge
import Foundation
import DurableStorage

extension LocalRecoveryAccountService {
    /// How long a token from ``issueExternalToken(for:lifetime:)`` lasts by default: five
    /// minutes, about as long as an identity provider's authorization code.
    public static let defaultExternalTokenLifetime: TimeInterval = 5 * 60
    /// The most unused external tokens kept per account; issuing one more drops the oldest.
    public static let maximumExternalTokensPerAccount = 8

    /// Issues a one-time token that signs in to the account `userName` as an identity
    /// provider's token would: pass it as
    /// `RecoveryCredential.externalToken(.accessToken(token))`. An administrative and test
    /// call, standing in for the browser sign-in a real provider runs.
    ///
    /// The token is 32 random bytes. The service keeps only its BLAKE2b-256 hash, with the
    /// account and the expiry; the token signs in once, within `lifetime`, and at most
    /// ``maximumExternalTokensPerAccount`` unused tokens are kept per account (the oldest go
    /// first). ``revokeSessions(userName:)`` discards the account's unused tokens.
    ///
    /// - Parameters:
    ///   - userName: the recovery account the token signs in to.
    ///   - lifetime: how long the token is accepted; zero or less gives a token that has
    ///     already expired.
    /// - Throws: `RecoveryAccountError/accountNotFound(userName:)`,
    ///   `RecoveryAccountError/invalidUserName(reason:)`, `RecoveryAccountError/unreachable`,
    ///   `RecoveryAccountError/serviceFailure(reason:)`.
    public func issueExternalToken(
        for userName: RecoveryAccountName, lifetime: TimeInterval = LocalRecoveryAccountService.defaultExternalTokenLifetime
    ) async throws(RecoveryAccountError) -> SecureBytes {
        try requireReachable()
        let file = try accountFile(for: userName.rawValue)
        guard let account = try readAccount(at: file) else { throw .accountNotFound(userName: userName) }
        try createAccountsFolder()
        let token = SecureBytes(count: 32) { random.fill($0) }
        let now = clock.now()
        let expiration = now.addingTimeInterval(lifetime.isNaN ? 0 : lifetime).unixMilliseconds
        try await withLock { () throws(RecoveryAccountError) in
            guard try readAccount(at: file) != nil else { throw .accountNotFound(userName: userName) }
            var index = try readExternalTokens()
            index.tokens.removeAll { $0.expirationMilliseconds <= now.unixMilliseconds }
            let own = index.tokens.indices.filter { index.tokens[$0].userName == account.userName }
            let surplus = own.count - (Self.maximumExternalTokensPerAccount - 1)
            if surplus > 0 {
                let dropped = Set(own.prefix(surplus))
                index.tokens = index.tokens.enumerated().filter { !dropped.contains($0.offset) }.map(\.element)
            }
            index.tokens.append(ExternalTokenRecord(
                tokenHash: Hex.encode(SessionRecord.hash(of: token)), userName: account.userName,
                expirationMilliseconds: expiration))
            try writeExternalTokens(index)
        }
        return token
    }

    /// Uses up the external token `token` and opens a session of its account. Every failure
    /// is `wrongCredentials`.
    func signIn(redeeming token: SecureBytes) async throws(RecoveryAccountError) -> RecoverySession {
        try requireReachable()
        try createAccountsFolder()
        let hash = SessionRecord.hash(of: token)
        let now = clock.now().unixMilliseconds
        return try await withLock { () throws(RecoveryAccountError) in
            var index = try readExternalTokens()
            let before = index
            var match: Int?
            for (position, stored) in index.tokens.enumerated() {
                // Compare against every stored hash, without stopping early.
                if let storedHash = Hex.decode(stored.tokenHash), ConstantTime.equals(storedHash, hash) {
                    match = position
                }
            }
            let redeemed = match.map { index.tokens.remove(at: $0) }
            index.tokens.removeAll { $0.expirationMilliseconds <= now }
            if index != before { try writeExternalTokens(index) }
            guard let redeemed, now < redeemed.expirationMilliseconds,
                  let file = try? accountFile(for: redeemed.userName), var account = try readAccount(at: file)
            else { throw .wrongCredentials }
            let session = openSession(in: &account)
            try writeAccount(account, to: file)
            return session
        }
    }

    /// Discards the unused external tokens of the account `userName`.
    func discardExternalTokens(of userName: String) async throws(RecoveryAccountError) {
        try createAccountsFolder()
        try await withLock { () throws(RecoveryAccountError) in
            var index = try readExternalTokens()
            let before = index
            index.tokens.removeAll { $0.userName == userName }
            if index != before { try writeExternalTokens(index) }
        }
    }

    // MARK: The index file

    /// `recovery-accounts/external-tokens.index` (account files end in `.json`, so no user
    /// name can collide with it).
    var externalTokensFile: URL { accountsFolder.appendingPathComponent("external-tokens.index") }

    /// The stored external tokens; none when the file does not exist.
    func readExternalTokens() throws(RecoveryAccountError) -> ExternalTokenIndex {
        let file = externalTokensFile
        guard let bytes = try Self.storage({ () throws(StorageError) in
            try AtomicFile.read(file, limit: EmbeddedStorageLimits.recoveryTokenIndexSize)
        }) else {
            return ExternalTokenIndex()
        }
        guard let index = try? JSONDecoder().decode(ExternalTokenIndex.self, from: Data(bytes)), index.format == 1 else {
            throw .serviceFailure(reason: "\(file.path) is damaged")
        }
        return index
    }

    func writeExternalTokens(_ index: ExternalTokenIndex) throws(RecoveryAccountError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        let bytes: [UInt8]
        do {
            bytes = Array(try encoder.encode(index))
        } catch {
            throw .serviceFailure(reason: "cannot encode the external tokens")
        }
        let file = externalTokensFile
        try Self.storage { () throws(StorageError) in try AtomicFile.write(bytes, to: file) }
    }
}

/// The external tokens the service issued and that are not used up.
struct ExternalTokenIndex: Codable, Equatable {
    var format = 1
    var tokens: [ExternalTokenRecord] = []
}

/// An issued external token as the service remembers it: a hash of the token, never the token.
struct ExternalTokenRecord: Codable, Equatable {
    /// BLAKE2b-256 of the token, hex.
    var tokenHash: String
    /// The account the token signs in to.
    var userName: String
    var expirationMilliseconds: Int64
}
