import BackupServices
import SodiumBridge
import Foundation
import DurableStorage

extension LocalRecoveryAccountService {
    /// The folder of account files inside ``directory``.
    var accountsFolder: URL { directory.appendingPathComponent("recovery-accounts", isDirectory: true) }

    /// Throws `unreachable` unless ``directory`` is an existing folder.
    func requireReachable() throws(RecoveryAccountError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory),
              isDirectory.boolValue
        else { throw .unreachable }
    }

    /// The file of `userName`'s account.
    func accountFile(for userName: String) throws(RecoveryAccountError) -> URL {
        do {
            return accountsFolder.appendingPathComponent(try SafeFileName.encode(userName) + ".json")
        } catch {
            throw .invalidUserName(reason: error.reason)
        }
    }

    func createAccountsFolder() throws(RecoveryAccountError) {
        _ = try Self.storage { () throws(StorageError) in
            try ContainedDirectory.create([accountsFolder.lastPathComponent], in: directory)
        }
    }

    /// The account in `file`, or `nil` when there is none.
    func readAccount(at file: URL) throws(RecoveryAccountError) -> AccountRecord? {
        // The accounts folder must be a folder itself, not a link planted in its place.
        guard try Self.storage({ () throws(StorageError) in
            try ContainedDirectory.existing([accountsFolder.lastPathComponent], in: directory)
        }) != nil else { return nil }
        guard let bytes = try Self.storage({ () throws(StorageError) in
            try AtomicFile.read(file, limit: EmbeddedStorageLimits.recoveryAccountFileSize)
        }) else {
            return nil
        }
        let decoder = JSONDecoder()
        decoder.userInfo[PasswordHashingCost.configuredCostKey] = passwordHashing  // a package-only test cost reads back
        guard let account = try? decoder.decode(AccountRecord.self, from: Data(bytes)), account.format == 1 else {
            throw .serviceFailure(reason: "\(file.path) is damaged")
        }
        return account
    }

    func writeAccount(_ account: AccountRecord, to file: URL) throws(RecoveryAccountError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        let bytes: [UInt8]
        do {
            bytes = Array(try encoder.encode(account))
        } catch {
            throw .serviceFailure(reason: "cannot encode the account of \(account.userName)")
        }
        try Self.storage { () throws(StorageError) in try AtomicFile.write(bytes, to: file) }
    }

    /// Runs `body` under the service's exclusive lock (waiting for it without blocking a
    /// thread).
    func withLock<Result>(
        _ body: () throws(RecoveryAccountError) -> Result
    ) async throws(RecoveryAccountError) -> Result {
        try await FileLock.withExclusiveLock(
            on: accountsFolder.appendingPathComponent(".lock"), timeout: lockTimeout, lockFailure: Self.translate, body
        )
    }

    /// Reads the account in `file`, lets `body` change it and writes it back if it changed,
    /// all under the lock. A missing account throws `missing`.
    @discardableResult
    func updateAccount<Result>(
        at file: URL,
        missing: RecoveryAccountError = .wrongCredentials,
        _ body: (inout AccountRecord) throws(RecoveryAccountError) -> Result
    ) async throws(RecoveryAccountError) -> Result {
        try createAccountsFolder()
        return try await withLock { () throws(RecoveryAccountError) in
            guard var account = try readAccount(at: file) else { throw missing }
            let before = account
            let result = try body(&account)
            if account != before { try writeAccount(account, to: file) }
            return result
        }
    }

    /// ``updateAccount(at:missing:_:)`` for the account of `session`; an unknown account means
    /// the session is not valid.
    @discardableResult
    func updateAccount<Result>(
        of session: RecoverySession, _ body: (inout AccountRecord) throws(RecoveryAccountError) -> Result
    ) async throws(RecoveryAccountError) -> Result {
        guard let file = try? accountFile(for: session.userName.rawValue) else { throw .sessionRevoked }
        return try await updateAccount(at: file, missing: .sessionRevoked, body)
    }

    /// The index of `session` in `account`, if it is valid now.
    func validate(_ session: RecoverySession, in account: AccountRecord) throws(RecoveryAccountError) -> Int {
        guard session.userName.rawValue == account.userName else { throw .sessionRevoked }
        let hash = SessionRecord.hash(of: session.token)
        var match: Int?
        for (index, stored) in account.sessions.enumerated() {
            // Compare against every stored hash, without stopping early.
            if let storedHash = Hex.decode(stored.tokenHash), ConstantTime.equals(storedHash, hash) {
                match = index
            }
        }
        guard let index = match, !account.sessions[index].ended else { throw .sessionRevoked }
        let expiration = Date(unixMilliseconds: account.sessions[index].expirationMilliseconds)
        guard clock.now() < expiration else { throw .sessionExpired }
        return index
    }

    /// Adds a new session to `account`, dropping long-expired and surplus old ones.
    func openSession(in account: inout AccountRecord) -> RecoverySession {
        let now = clock.now()
        let forgetBefore = now.addingTimeInterval(-Self.sessionRetention).unixMilliseconds
        account.sessions.removeAll { $0.expirationMilliseconds < forgetBefore }
        let surplus = account.sessions.count - (Self.maximumSessionsPerAccount - 1)
        if surplus > 0 { account.sessions.removeFirst(surplus) }
        let token = SecureBytes(count: 32) { random.fill($0) }
        let expiration = now.addingTimeInterval(sessionLifetime.isNaN ? 0 : sessionLifetime).unixMilliseconds
        let tokenHash = SessionRecord.hash(of: token)
        account.sessions.append(SessionRecord(
            tokenHash: Hex.encode(tokenHash),
            expirationMilliseconds: expiration, ended: false
        ))
        return RecoverySession(
            userName: RecoveryAccountName(account.userName), token: token, expirationDate: Date(unixMilliseconds: expiration),
            identityAssertion: identityAssertionHoldingLock(
                for: account.userName, tokenHash: tokenHash, expiration: Date(unixMilliseconds: expiration)))
    }

    /// Runs a file operation, translating its error.
    static func storage<Result>(_ body: () throws(StorageError) -> Result) throws(RecoveryAccountError) -> Result {
        do {
            return try body()
        } catch {
            throw translate(error)
        }
    }

    /// A vanished folder, or a lock held past ``lockTimeout``, is an unreachable service.
    static func translate(_ error: StorageError) -> RecoveryAccountError {
        if case .lockTimedOut = error { return .unreachable }
        return error.isMissingLocation ? .unreachable : .serviceFailure(reason: error.message)
    }
}
