import SodiumBridge
import VerificationFlow
import AccountModel
import Foundation

// Demo and test set-up: what a provider's administration console or sign-up does, and the
// "inbox" where a user would read a sent code.
extension LocalAccountProvider {
    /// Creates an account with a password and alternate contacts.
    ///
    /// The password is kept only as an Argon2id verifier (cost ``passwordHashing``, random
    /// 16-byte salt). The provider's records start with push approvals off; a personal
    /// account is owned by the recovery identity of the same user name (the provider is its
    /// users' identity provider), whose recovery sign-in may stand for it at a restore
    /// (``restoreRequirement(for:recoverySignIn:)``); ``setRecoveryAccount(_:forUserNamed:)``
    /// changes that. A work or school account is owned by no recovery identity.
    /// - Parameters:
    ///   - userName: unique (ignoring case) in this provider; surrounding white space is removed.
    ///   - kind: `AccountKind/personal` or `AccountKind/workOrSchool`.
    ///   - organisation: required for work or school accounts, absent for personal ones.
    ///   - password: the account password (kept only as a verifier).
    ///   - alternateContacts: where codes can be sent.
    /// - Throws: ``LocalAccountProviderError/invalidAccount(reason:)``,
    ///   ``LocalAccountProviderError/emptyPassword``,
    ///   ``LocalAccountProviderError/accountAlreadyExists(userName:)``,
    ///   ``LocalAccountProviderError/invalidPasswordHashingCost``,
    ///   ``LocalAccountProviderError/storageFailure(_:)``,
    ///   ``LocalAccountProviderError/storageDamaged(path:)``.
    @discardableResult
    public func createAccount(
        userName: String,
        kind: AccountKind,
        organisation: String? = nil,
        password: SecureBytes,
        alternateContacts: [AlternateContact] = []
    ) async throws(LocalAccountProviderError) -> ProviderAccount {
        let name = userName.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw .invalidAccount(reason: "the user name is empty") }
        let organisationName = organisation?.trimmingCharacters(in: .whitespacesAndNewlines)
        switch kind {
        case .thirdParty:
            throw .invalidAccount(reason: "a provider holds personal or work-or-school accounts only")
        case .workOrSchool:
            guard let organisationName, !organisationName.isEmpty else {
                throw .invalidAccount(reason: "a work or school account needs an organisation")
            }
        case .personal:
            guard organisationName == nil else {
                throw .invalidAccount(reason: "a personal account has no organisation")
            }
        }
        guard !password.isEmpty else { throw .emptyPassword }
        let salt = random.bytes(Argon2id.saltLength)
        let hash: SecureBytes
        do {
            hash = try Argon2id.deriveKey(
                password: password, salt: salt, outputLength: 32,
                operations: passwordHashing.operationsLimit, memoryBytes: passwordHashing.memoryBytes
            )
        } catch {
            throw .invalidPasswordHashingCost
        }
        let account = StoredAccount(
            reference: randomHex(16),
            userName: name,
            kind: kind,
            organisation: organisationName,
            password: StoredVerifier(
                salt: Data(salt), hash: Data(hash.copyBytes()),
                operations: passwordHashing.operationsLimit, memoryBytes: passwordHashing.memoryBytes
            ),
            contacts: alternateContacts,
            pushApprovals: false,
            recoveryAccount: kind == .personal ? name : nil
        )
        let payloadKey = random.bytes(32)
        return try await transact { state, _ -> Result<ProviderAccount, LocalAccountProviderError> in
            guard !state.accounts.values.contains(where: { $0.userName.lowercased() == name.lowercased() }) else {
                return .failure(.accountAlreadyExists(userName: name))
            }
            if state.payloadKey.isEmpty { state.payloadKey = Data(payloadKey) }
            state.accounts[account.reference] = account
            return .success(account.summary)
        }
    }

    /// The account with `userName` (ignoring case and surrounding white space), or `nil`.
    /// - Throws: ``LocalAccountProviderError/storageFailure(_:)``,
    ///   ``LocalAccountProviderError/storageDamaged(path:)``.
    public func account(named userName: String) async throws(LocalAccountProviderError) -> ProviderAccount? {
        try Self.stored(named: userName, in: load())?.summary
    }

    /// A QR enrolment payload for the work or school account `reference`, valid for
    /// `lifetime` seconds from now (clamped to 0 … one year) and usable once: the text a QR
    /// code would hold.
    /// - Throws: ``LocalAccountProviderError/unknownAccount``,
    ///   ``LocalAccountProviderError/wrongVerificationMethod(required:)`` for a personal
    ///   account, storage errors.
    public func qrPayload(
        for reference: ProviderAccountReference, lifetime: TimeInterval = 10 * 60
    ) async throws(LocalAccountProviderError) -> String {
        let nonce = randomHex(16)
        let seconds = lifetime.isNaN ? 0 : Int64(min(max(lifetime, 0), 366 * 24 * 3600).rounded(.down))
        return try await transact { state, now -> Result<String, LocalAccountProviderError> in
            guard let stored = state.accounts[reference.rawValue] else { return .failure(.unknownAccount) }
            guard stored.kind == .workOrSchool, let organisation = stored.organisation else {
                return .failure(.wrongVerificationMethod(required: .passwordAndAlternateContact))
            }
            let issuedAt = Int64(now.timeIntervalSince1970.rounded(.down))
            let claims = EnrolmentPayload(
                account: reference.rawValue,
                organisation: organisation,
                issuedAt: issuedAt,
                expiresAt: issuedAt + seconds,
                nonce: nonce
            )
            return .success(claims.encoded(key: Array(state.payloadKey)))
        }
    }

    /// ``qrPayload(for:lifetime:)`` for the account named `userName` (ignoring case), as an
    /// organisation's administrator picks it.
    /// - Throws: ``LocalAccountProviderError/unknownAccount`` when there is none, and the
    ///   errors of ``qrPayload(for:lifetime:)``.
    public func qrPayload(
        forUserNamed userName: String, lifetime: TimeInterval = 10 * 60
    ) async throws(LocalAccountProviderError) -> String {
        guard let account = try await account(named: userName) else { throw .unknownAccount }
        return try await qrPayload(for: account.reference, lifetime: lifetime)
    }

    /// Whether the provider accepts `code` from any device of the account named `userName`
    /// (ignoring case): ``acceptsCode(_:for:)`` as the provider's side sees it.
    /// - Throws: ``LocalAccountProviderError/unknownAccount`` when there is none, storage
    ///   errors.
    /// A code accepted here counts as accepted: its time step is not accepted again (replay).
    public func acceptsCode(_ code: String, forUserNamed userName: String) async throws(LocalAccountProviderError) -> Bool {
        try await transact { state, now -> Result<Bool, LocalAccountProviderError> in
            guard var stored = Self.stored(named: userName, in: state) else { return .failure(.unknownAccount) }
            let accepted = accept(code, from: &stored, at: now)
            if accepted { state.accounts[stored.reference] = stored }
            return .success(accepted)
        }
    }

    /// The last code "sent" to `contact` (an e-mail address or phone number, written any way
    /// `AlternateContact/init(_:)` accepts), or `nil` when none was.
    /// - Throws: ``LocalAccountProviderError/invalidContact(_:)``, storage errors.
    public func lastCode(sentTo contact: String) async throws(LocalAccountProviderError) -> String? {
        let parsed: AlternateContact
        do { parsed = try AlternateContact(contact) } catch { throw .invalidContact(contact) }
        return try load().outbox[parsed.value]?.code
    }

    /// The stored account with `userName` (ignoring case and surrounding white space).
    static func stored(named userName: String, in state: ProviderState) -> StoredAccount? {
        let name = userName.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        return state.accounts.values.first { $0.userName.lowercased() == name }
    }
}
