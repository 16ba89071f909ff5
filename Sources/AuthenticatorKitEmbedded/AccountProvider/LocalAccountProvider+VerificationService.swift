import SodiumBridge
import VerificationFlow
import AccountModel
import Foundation

extension LocalAccountProvider: VerificationService {
    /// Checks `password` against the account's Argon2id verifier. A right password starts a
    /// new verification (replacing any earlier one of the account) and resets the count of
    /// wrong passwords; a wrong one counts (with sign-ins' to the same user name), and from
    /// the limit on every attempt waits (`tooManyAttempts`).
    public func checkPassword(_ password: SecureBytes, for reference: ProviderAccountReference) async throws(VerificationError) -> PasswordCheck {
        guard !password.isEmpty else { throw .emptyPassword }
        let account = reference.rawValue
        let ticketValue = randomHex(32)
        return try await transactForService { state, now -> Result<PasswordCheck, VerificationError> in
            let stored: StoredAccount
            guard let userName = state.accounts[account]?.userName else { return .failure(.unknownAccount) }
            switch checkPassword(password, ofUserNamed: userName, in: &state, now: now) {
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
            switch verification(key, in: &state, now: now) {
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
    /// verification, resets the count of wrong codes and returns a grant to enrol one
    /// credential for the account; a wrong one counts, and from the limit on every attempt
    /// waits (`tooManyAttempts`) and the account's verifications end. An expired code does
    /// not count.
    public func checkCode(_ code: String, ticket: VerificationTicket) async throws(VerificationError) -> EnrolmentGrant {
        let grantValue = randomHex(32)
        return try await transactForService { state, now -> Result<EnrolmentGrant, VerificationError> in
            let key = Self.key(ticket.value)
            let entry: StoredTicket
            switch verification(key, in: &state, now: now) {
            case let .success(found): entry = found.0
            case let .failure(error): return .failure(error)
            }
            guard let expected = entry.code, let expiresAt = entry.codeExpiresAt else { return .failure(.noCodeSent) }
            guard now < expiresAt else { return .failure(.codeExpired) }
            let throttle = Self.codeThrottleKey(entry.account)
            guard ConstantTime.equals(Array(code.utf8), Array(expected.utf8)) else {
                switch countFailure(throttle, limit: limits.codeAttempts, in: &state, now: now) {
                case let .success(remaining):
                    return .failure(.wrongCode(attemptsRemaining: remaining))
                case let .failure(error):
                    state.tickets = state.tickets.filter { $0.value.account != entry.account }
                    return .failure(error)
                }
            }
            resetFailures(throttle, in: &state)
            state.tickets[key] = nil
            return .success(issueGrant(grantValue, for: entry.account, purpose: .passwordAndCode, in: &state, now: now))
        }
    }

    /// Checks a payload made by ``qrPayload(for:lifetime:)``: its tag first, then the
    /// organisation, the account, the expiry, and that it was not used; then uses it up and
    /// returns a grant to enrol one credential for the account.
    public func checkEnrolmentPayload(
        _ payload: String, for reference: ProviderAccountReference, organisation: String
    ) async throws(VerificationError) -> EnrolmentGrant {
        let account = reference.rawValue
        let grantValue = randomHex(32)
        return try await transactForService { state, now -> Result<EnrolmentGrant, VerificationError> in
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
            return .success(issueGrant(grantValue, for: account, purpose: .qrCode, in: &state, now: now))
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
    /// `tooManyAttempts` while the account's codes wait.
    func verification(
        _ key: String, in state: inout ProviderState, now: Date
    ) -> Result<(StoredTicket, StoredAccount), VerificationError> {
        guard let entry = state.tickets[key], now < entry.expiresAt, let stored = state.accounts[entry.account] else {
            state.tickets[key] = nil
            return .failure(.verificationExpired)
        }
        if let error = waiting(Self.codeThrottleKey(entry.account), in: state, now: now) { return .failure(error) }
        return .success((entry, stored))
    }

    /// Checks `password` against the verifier of the account with `userName` (known or not)
    /// inside a transaction, throttled by the user name: a right one resets the count of
    /// wrong passwords and returns the account; a wrong one — or an unknown user name, after
    /// the same Argon2id work at ``passwordHashing`` — counts, and from the limit on every
    /// attempt waits. While it waits, nothing is checked.
    func checkPassword(
        _ password: SecureBytes, ofUserNamed userName: String, in state: inout ProviderState, now: Date
    ) -> Result<StoredAccount, VerificationError> {
        let throttle = Self.passwordThrottleKey(userName)
        if let error = waiting(throttle, in: state, now: now) { return .failure(error) }
        let found = Self.stored(named: userName, in: state)
        let matches: Bool
        if let found {
            let verifier = found.password
            guard let cost = verifier.boundedCost(configuredWith: passwordHashing), let hash = try? Argon2id.deriveKey(
                password: password, salt: Array(verifier.salt), outputLength: verifier.hash.count,
                operations: cost.operationsLimit, memoryBytes: cost.memoryBytes
            ) else {
                return .failure(.providerUnavailable(reason: "the password verifier of the account in \(storeURL.path) is damaged"))
            }
            matches = hash == SecureBytes(copying: verifier.hash)
        } else {
            // The decoy: the same work as a real check, so an unknown user name takes as long.
            _ = try? Argon2id.deriveKey(
                password: password, salt: [UInt8](repeating: 0, count: Argon2id.saltLength), outputLength: 32,
                operations: passwordHashing.operationsLimit, memoryBytes: passwordHashing.memoryBytes
            )
            matches = false
        }
        guard let found, matches else {
            switch countFailure(throttle, limit: limits.passwordAttempts, in: &state, now: now) {
            case let .success(remaining):
                return .failure(.wrongPassword(attemptsRemaining: remaining))
            case let .failure(error):
                if let found { state.tickets = state.tickets.filter { $0.value.account != found.reference } }
                return .failure(error)
            }
        }
        resetFailures(throttle, in: &state)
        return .success(found)
    }
}
