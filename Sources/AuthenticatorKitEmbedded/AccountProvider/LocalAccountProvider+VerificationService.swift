import SodiumBridge
import VerificationFlow
import AccountModel
import Foundation

extension LocalAccountProvider: VerificationService {
    /// Checks `password` against the account's Argon2id verifier. A right password starts a
    /// new verification (replacing any earlier one of the account) and resets the count of
    /// wrong passwords; a wrong one counts, and the last allowed one locks the account.
    public func checkPassword(_ password: SecureBytes, for reference: ProviderAccountReference) async throws(VerificationError) -> PasswordCheck {
        guard !password.isEmpty else { throw .emptyPassword }
        let account = reference.rawValue
        let ticketValue = randomHex(32)
        return try await transactForService { state, now -> Result<PasswordCheck, VerificationError> in
            let stored: StoredAccount
            switch checkPassword(password, ofAccount: account, in: &state, now: now) {
            case let .success(found): stored = found
            case let .failure(error): return .failure(error)
            }
            guard !stored.contacts.isEmpty else { return .failure(.noAlternateContact) }
            state.tickets = state.tickets.filter { $0.value.account != account }
            state.tickets[Self.key(ticketValue)] = StoredTicket(
                account: account, expiresAt: now.addingTimeInterval(limits.verificationLifetime)
            )
            return .success(PasswordCheck(ticket: VerificationTicket(value: ticketValue), contacts: stored.maskedContacts))
        }
    }

    /// Draws a new 6-digit code, puts it in the outbox of the contact's full value, and
    /// replaces any earlier code of the verification.
    public func sendCode(to contact: MaskedContact, ticket: VerificationTicket) async throws(VerificationError) -> CodeDelivery {
        let code = String(format: "%06u", random.uniform(below: 1_000_000))
        return try await transactForService { state, now -> Result<CodeDelivery, VerificationError> in
            let key = Self.key(ticket.value)
            var entry: StoredTicket
            let stored: StoredAccount
            switch Self.verification(key, in: &state, now: now) {
            case let .success(found): (entry, stored) = found
            case let .failure(error): return .failure(error)
            }
            guard let index = Int(contact.id), stored.contacts.indices.contains(index - 1) else {
                return .failure(.unknownContact)
            }
            if let availableAt = entry.resendAvailableAt, now < availableAt {
                return .failure(.resendTooSoon(availableAt: availableAt))
            }
            let delivery = CodeDelivery(
                contact: stored.maskedContacts[index - 1],
                sentAt: now,
                expiresAt: now.addingTimeInterval(limits.codeLifetime),
                resendAvailableAt: now.addingTimeInterval(limits.resendCooldown)
            )
            entry.code = code
            entry.contactID = contact.id
            entry.codeExpiresAt = delivery.expiresAt
            entry.resendAvailableAt = delivery.resendAvailableAt
            state.tickets[key] = entry
            state.outbox[stored.contacts[index - 1].value] = StoredMessage(code: code, sentAt: now)
            return .success(delivery)
        }
    }

    /// Checks `code` against the last code sent for `ticket`. The right code finishes the
    /// verification and resets the count of wrong codes; a wrong one counts, and the last
    /// allowed one locks the account. An expired code does not count.
    public func checkCode(_ code: String, ticket: VerificationTicket) async throws(VerificationError) {
        try await transactForService { state, now -> Result<Void, VerificationError> in
            let key = Self.key(ticket.value)
            let entry: StoredTicket
            var stored: StoredAccount
            switch Self.verification(key, in: &state, now: now) {
            case let .success(found): (entry, stored) = found
            case let .failure(error): return .failure(error)
            }
            guard let expected = entry.code, let expiresAt = entry.codeExpiresAt else { return .failure(.noCodeSent) }
            guard now < expiresAt else { return .failure(.codeExpired) }
            guard ConstantTime.equals(Array(code.utf8), Array(expected.utf8)) else {
                stored.failedCodeAttempts += 1
                let remaining = limits.codeAttempts - stored.failedCodeAttempts
                let outcome = remaining > 0
                    ? VerificationError.wrongCode(attemptsRemaining: remaining)
                    : lock(&stored, in: &state, now: now)
                state.accounts[entry.account] = stored
                return .failure(outcome)
            }
            stored.failedCodeAttempts = 0
            state.accounts[entry.account] = stored
            state.tickets[key] = nil
            return .success(())
        }
    }

    /// Checks a payload made by ``qrPayload(for:lifetime:)``: its tag first, then the
    /// organisation, the account, the expiry, and that it was not used; then uses it up.
    public func checkEnrolmentPayload(_ payload: String, for reference: ProviderAccountReference, organisation: String) async throws(VerificationError) {
        let account = reference.rawValue
        return try await transactForService { state, now -> Result<Void, VerificationError> in
            let claims: EnrolmentPayload
            do throws(VerificationError) {
                claims = try EnrolmentPayload.verified(payload, key: Array(state.payloadKey))
            } catch {
                return .failure(error)
            }
            guard claims.organisation == organisation else { return .failure(.enrolmentPayloadForAnotherOrganisation) }
            guard claims.account == account else { return .failure(.enrolmentPayloadForAnotherAccount) }
            guard state.accounts[account] != nil else { return .failure(.unknownAccount) }
            let expiry = Date(timeIntervalSince1970: TimeInterval(claims.expiresAt))
            guard now < expiry else { return .failure(.enrolmentPayloadExpired(at: expiry)) }
            guard !state.usedPayloadNonces.contains(claims.nonce) else { return .failure(.enrolmentPayloadAlreadyUsed) }
            state.usedPayloadNonces.insert(claims.nonce)
            return .success(())
        }
    }

    // MARK: Helpers

    /// The store key of a ticket value: its BLAKE2b-256, hex, so the store never holds the
    /// bearer value itself.
    static func key(_ ticket: String) -> String {
        Hex.encode(Hash.blake2b(Array(ticket.utf8)))
    }

    /// The verification in progress stored under `key` and its account. Fails with
    /// `verificationExpired` (forgetting the ticket) when it is unknown or expired, and with
    /// `locked` while the account is locked; an ended lock is cleared.
    static func verification(
        _ key: String, in state: inout ProviderState, now: Date
    ) -> Result<(StoredTicket, StoredAccount), VerificationError> {
        guard let entry = state.tickets[key], now < entry.expiresAt, var stored = state.accounts[entry.account] else {
            state.tickets[key] = nil
            return .failure(.verificationExpired)
        }
        if let error = lockError(&stored, now: now) {
            state.accounts[entry.account] = stored
            return .failure(error)
        }
        return .success((entry, stored))
    }

    /// Checks `password` against the verifier of the account `reference` inside a
    /// transaction: a right one resets the count of wrong passwords and returns the account;
    /// a wrong one counts, and the last allowed one locks the account. The account's record
    /// is written back to `state` either way.
    func checkPassword(
        _ password: SecureBytes, ofAccount reference: String, in state: inout ProviderState, now: Date
    ) -> Result<StoredAccount, VerificationError> {
        guard var stored = state.accounts[reference] else { return .failure(.unknownAccount) }
        defer { state.accounts[reference] = stored }
        if let error = Self.lockError(&stored, now: now) { return .failure(error) }
        let verifier = stored.password
        guard let cost = verifier.boundedCost, let hash = try? Argon2id.deriveKey(
            password: password, salt: Array(verifier.salt), outputLength: verifier.hash.count,
            operations: cost.operationsLimit, memoryBytes: cost.memoryBytes
        ) else {
            return .failure(.providerUnavailable(reason: "the password verifier of the account in \(storeURL.path) is damaged"))
        }
        guard hash == SecureBytes(copying: verifier.hash) else {
            stored.failedPasswordAttempts += 1
            let remaining = limits.passwordAttempts - stored.failedPasswordAttempts
            return .failure(
                remaining > 0
                    ? .wrongPassword(attemptsRemaining: remaining)
                    : lock(&stored, in: &state, now: now)
            )
        }
        stored.failedPasswordAttempts = 0
        return .success(stored)
    }

    /// The lock error while the account is locked; clears an ended lock.
    static func lockError(_ account: inout StoredAccount, now: Date) -> VerificationError? {
        guard let until = account.lockedUntil else { return nil }
        if now < until { return .locked(until: until) }
        account.lockedUntil = nil
        account.failedPasswordAttempts = 0
        account.failedCodeAttempts = 0
        return nil
    }

    /// Locks the account, resets its counts and ends its verifications in progress.
    func lock(_ account: inout StoredAccount, in state: inout ProviderState, now: Date) -> VerificationError {
        let until = now.addingTimeInterval(limits.lockoutDuration)
        account.lockedUntil = until
        account.failedPasswordAttempts = 0
        account.failedCodeAttempts = 0
        let reference = account.reference
        state.tickets = state.tickets.filter { $0.value.account != reference }
        return .locked(until: until)
    }
}
