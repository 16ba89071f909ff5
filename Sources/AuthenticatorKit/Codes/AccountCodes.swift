import Foundation

/// The codes of the vault's accounts, as an authenticator shows them.
///
/// ```swift
/// let codes = AccountCodes(store: store)
/// let shown = try await codes.nextCode(for: account.id)
/// print(shown.code)
/// if let saved = shown.savedVault { await backup.backUpNow() }   // an HOTP counter moved on
/// ```
///
/// A time-based account shows its current code and changes nothing. An HOTP account shows the
/// code of its stored counter and the counter moves on in the same step, saved with
/// compare-and-swap, so the same code is never shown twice — also when two processes ask at
/// once.
public struct AccountCodes: Sendable {
    let store: any AccountStore
    let clock: any TimeSource

    /// The codes of the accounts in `store`; `clock` decides time-based codes.
    public init(store: any AccountStore, clock: any TimeSource = SystemTimeSource()) {
        self.store = store
        self.clock = clock
    }

    /// A code an account showed.
    public struct ShownCode: Sendable {
        /// The code, e.g. `287082`.
        public var code: String
        /// The vault as saved when showing the code moved an HOTP counter on (back it up);
        /// `nil` when nothing changed.
        public var savedVault: Vault?
    }

    /// The code account `id` shows now: the current code of a time-based account (at
    /// `unixTime` when given), or the code of an HOTP account's counter, whose counter then
    /// moves on (saved before this returns).
    ///
    /// - Throws: ``AccountCodeError/accountNotFound(_:)``,
    ///   ``AccountCodeError/accountNeedsVerification(id:method:)``,
    ///   ``AccountCodeError/accountHasNoCodes(id:)``, ``AccountCodeError/code(_:)`` (e.g. an
    ///   HOTP counter that cannot move on), ``AccountCodeError/store(_:)``. The vault is
    ///   unchanged when it throws.
    public func nextCode(for id: AccountID, atUnixTime unixTime: Int64? = nil) async throws(AccountCodeError) -> ShownCode {
        let vault: Vault
        do { vault = try await store.load() ?? Vault(platform: .ios) } catch { throw .store(error) }
        return try await nextCode(for: id, in: vault, atUnixTime: unixTime)
    }

    /// ``nextCode(for:atUnixTime:)`` from a vault the caller has just loaded from the store,
    /// so that the vault is not read and decoded a second time (an app that holds the vault
    /// it shows). An HOTP counter's move is saved over `vault`'s revision; when another
    /// writer saved in between, it starts again from the store's fresh vault.
    ///
    /// - Throws: what ``nextCode(for:atUnixTime:)`` throws.
    public func nextCode(
        for id: AccountID, in vault: Vault, atUnixTime unixTime: Int64? = nil
    ) async throws(AccountCodeError) -> ShownCode {
        let generator = try Self.generator(of: id, in: vault)
        switch generator.factor {
        case .timer:
            do throws(OTPError) {
                let code: String
                if let unixTime {
                    code = try generator.code(atUnixTime: unixTime)
                } else {
                    code = try generator.code(using: TimeSourceBox(base: clock))
                }
                return ShownCode(code: code, savedVault: nil)
            } catch {
                throw .code(error)
            }
        case .counter:
            return try await advancingCounter(of: id, startingFrom: vault)
        }
    }

    /// Shows the code of `id`'s stored counter and saves the counter moved on, starting from
    /// `loaded` and retrying from the fresh vault when another writer saved in between.
    private func advancingCounter(of id: AccountID, startingFrom loaded: Vault) async throws(AccountCodeError) -> ShownCode {
        var attempt = 1
        var current: Vault? = loaded
        while true {
            if current == nil {
                do { current = try await store.load() } catch { throw .store(error) }
            }
            guard var vault = current else { throw .accountNotFound(id) }
            current = nil
            let read = vault.revision
            let generator = try Self.generator(of: id, in: vault)
            guard case let .counter(counter) = generator.factor else { throw .accountHasNoCodes(id: id) }
            let next: Generator
            do { next = try generator.incrementingCounter() } catch { throw .code(error) }
            do throws(AccountModelError) {
                try vault.updateAccount(withID: id, at: clock.now()) { account in
                    account.replaceGenerator(with: next)
                }
                try await store.save(vault, replacingRevision: read)
                return ShownCode(code: generator.code(forCounter: counter), savedVault: vault)
            } catch {
                guard case .revisionConflict = error, attempt < 5 else { throw .store(error) }
                attempt += 1
            }
        }
    }

    /// The generator that makes `id`'s codes in `vault`.
    private static func generator(of id: AccountID, in vault: Vault) throws(AccountCodeError) -> Generator {
        guard let account = vault.account(withID: id) else { throw .accountNotFound(id) }
        if case let .needsVerification(method) = account.restoreState {
            throw .accountNeedsVerification(id: id, method: method)
        }
        guard let generator = account.generator else { throw .accountHasNoCodes(id: id) }
        return generator
    }
}
