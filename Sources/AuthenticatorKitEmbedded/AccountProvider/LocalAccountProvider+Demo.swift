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
    /// 16-byte salt).
    /// - Parameters:
    ///   - userName: unique (ignoring case) in this provider; surrounding white space is removed.
    ///   - kind: ``AccountKind/personal`` or ``AccountKind/workOrSchool``.
    ///   - organisation: required for work or school accounts, absent for personal ones.
    ///   - password: the account password (kept only as a verifier).
    ///   - alternateContacts: where codes can be sent.
    /// - Throws: ``VerificationError/invalidAccount(reason:)``,
    ///   ``VerificationError/emptyPassword``, ``VerificationError/accountAlreadyExists(userName:)``,
    ///   ``VerificationError/invalidPasswordHashingCost``, storage errors.
    @discardableResult
    public func createAccount(
        userName: String,
        kind: AccountKind,
        organisation: String? = nil,
        password: SecureBytes,
        alternateContacts: [AlternateContact] = []
    ) async throws(VerificationError) -> ProviderAccount {
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
            contacts: alternateContacts
        )
        let payloadKey = random.bytes(32)
        return try await transact { state, _ -> Result<ProviderAccount, VerificationError> in
            guard !state.accounts.values.contains(where: { $0.userName.lowercased() == name.lowercased() }) else {
                return .failure(.accountAlreadyExists(userName: name))
            }
            if state.payloadKey.isEmpty { state.payloadKey = Data(payloadKey) }
            state.accounts[account.reference] = account
            return .success(account.summary)
        }
    }

    /// The account with `userName` (ignoring case), or `nil`.
    public func account(named userName: String) async throws(VerificationError) -> ProviderAccount? {
        let name = userName.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        return try load().accounts.values.first { $0.userName.lowercased() == name }?.summary
    }

    /// A QR enrolment payload for the work or school account `reference`, valid for
    /// `lifetime` seconds from now (clamped to 0 … one year) and usable once: the text a QR
    /// code would hold.
    /// - Throws: ``VerificationError/unknownAccount``,
    ///   ``VerificationError/wrongVerificationMethod(required:)`` for a personal account.
    public func qrPayload(for reference: String, lifetime: TimeInterval = 10 * 60) async throws(VerificationError) -> String {
        let nonce = randomHex(16)
        let seconds = lifetime.isNaN ? 0 : Int64(min(max(lifetime, 0), 366 * 24 * 3600).rounded(.down))
        return try await transact { state, now -> Result<String, VerificationError> in
            guard let stored = state.accounts[reference] else { return .failure(.unknownAccount) }
            guard stored.kind == .workOrSchool, let organisation = stored.organisation else {
                return .failure(.wrongVerificationMethod(required: .passwordAndAlternateContact))
            }
            let issuedAt = Int64(now.timeIntervalSince1970.rounded(.down))
            let claims = EnrolmentPayload(
                account: reference,
                organisation: organisation,
                issuedAt: issuedAt,
                expiresAt: issuedAt + seconds,
                nonce: nonce
            )
            return .success(claims.encoded(key: Array(state.payloadKey)))
        }
    }

    /// The last code "sent" to `contact` (an e-mail address or phone number, written any way
    /// ``AlternateContact/init(_:)`` accepts), or `nil` when none was.
    /// - Throws: ``VerificationError/invalidContact(_:)``, storage errors.
    public func lastCode(sentTo contact: String) async throws(VerificationError) -> String? {
        let parsed = try AlternateContact(contact)
        return try load().outbox[parsed.value]?.code
    }
}
