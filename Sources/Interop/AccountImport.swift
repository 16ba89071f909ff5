import AccountModel
import OTP
import SodiumBridge
internal import Foundation

/// Another app's export added to the vault in a store: what an app's "Import from another
/// app" does.
///
/// ```swift
/// let foreign = try ForeignVaultReader.read(bytes, format: .aegis, password: password)
/// let report = try await AccountImport(store: store).importAccounts(from: foreign)
/// for entry in report.imported { show("\(entry.issuer) (\(entry.account)) added") }
/// ```
///
/// Unlike a backup restore it adds to a vault that already holds accounts. The rules:
///
/// - **All or nothing.** Every entry is parsed and validated first. If any entry cannot be
///   represented (``ForeignEntry/problem``), or exceeds a limit of the vault — what a backup
///   can carry, `VaultLimits`: ``EntryProblem/beyondVaultLimit(_:)`` naming the field and the
///   limit —, nothing is imported and
///   ``AccountImportError/importFailed(_:)`` lists every failing entry, unless `partial` is
///   given, which imports the others on purpose and reports those it left out
///   (``AccountImportReport/leftOut``).
/// - **No second copies.** An entry whose secret and OTP parameters equal those of an account
///   already in the vault, or of an earlier entry of the same file, is skipped and reported
///   with that account's identifier (``AccountImportReport/skipped``). The parameters are the
///   kind (TOTP, HOTP, Steam), period and T0, algorithm and digits; an HOTP counter is state,
///   not a parameter, so the same HOTP secret at another counter is a duplicate too. The
///   secrets are compared in constant time (`SecureBytes ==`). An entry the vault itself calls
///   a duplicate (same issuer, user name and secret; `Vault/duplicate(of:)`) is skipped the
///   same way. A provider account's scanned secret counts; a device credential never does.
/// - **Faithful.** The accounts are appended in the file's order, with the issuer and account
///   name byte for byte. What an entry carried that has no place in the vault (icons, groups,
///   notes, favourites…) is listed in ``AccountImportReport/dropped``.
/// - **One atomic save.** All accounts are added in one compare-and-swap save; when another
///   writer saved in between, the import starts again from the fresh vault (so duplicates are
///   judged against what is really there), up to `attempts` times.
/// - **Dry run.** With `dryRun`, the same report is computed and nothing is saved.
/// - **Within the vault's limits.** Beyond `VaultLimits/maximumAccounts` accounts in the
///   vault, a `partial` import leaves the rest out (``EntryProblem/beyondVaultLimit(_:)`` with
///   `AccountModelError/tooManyAccounts(limit:)`); otherwise nothing is imported and the
///   import fails with ``AccountImportError/vault(_:)`` carrying that error.
public struct AccountImport: Sendable {
    let store: any AccountStore
    let clock: any TimeSource
    let attempts: Int

    /// An import into the vault in `store`; new accounts are created at `clock`'s time; a save
    /// that loses a race to another writer is tried again, up to `attempts` tries in all.
    public init(store: any AccountStore, clock: any TimeSource = SystemTimeSource(), attempts: Int = 3) {
        self.store = store
        self.clock = clock
        self.attempts = max(1, attempts)
    }

    /// Adds the accounts of `foreign` to the vault (see the type's rules).
    ///
    /// - Parameters:
    ///   - foreign: what ``ForeignVaultReader`` read.
    ///   - partial: import the entries that can be represented and report the others in
    ///     ``AccountImportReport/leftOut``, instead of failing.
    ///   - dryRun: compute the report and save nothing.
    /// - Returns: every entry's outcome, in the file's order within each list.
    /// - Throws: ``AccountImportError/importFailed(_:)`` (unless `partial`), before the store is
    ///   even read; ``AccountImportError/vault(_:)`` with `AccountModelError/vaultNotFound`
    ///   when no vault is stored, `AccountModelError/revisionConflict(expected:found:)` when
    ///   every attempt lost the race, or any other error of the store. The vault is unchanged
    ///   when it throws.
    public func importAccounts(
        from foreign: ForeignVault, partial: Bool = false, dryRun: Bool = false
    ) async throws(AccountImportError) -> AccountImportReport {
        let failures = foreign.entries.compactMap { entry in
            entry.importProblem.map { AccountImportFailure(entry, problem: $0) }
        }
        if !failures.isEmpty && !partial { throw .importFailed(failures) }
        var attempt = 1
        while true {
            let stored: Vault?
            do {
                stored = try await store.load()
            } catch {
                throw .vault(error)
            }
            guard let stored else { throw .vault(.vaultNotFound) }
            var report = try plan(foreign, onto: stored, partial: partial)
            if dryRun || report.imported.isEmpty { return report }
            do throws(AccountModelError) {
                try await store.save(report.vaultToSave, replacingRevision: stored.revision)
                report.savedVault = report.vaultToSave
                return report
            } catch {
                guard case .revisionConflict = error, attempt < attempts else { throw .vault(error) }
                attempt += 1
            }
        }
    }

    /// Every entry's outcome against `vault`, and the vault with the new accounts.
    ///
    /// Linear in the vault's and the file's sizes: duplicates are found through a keyed index
    /// (``DuplicateFinder``), and the new accounts are added in one batch
    /// (`Vault/add(contentsOf:)`).
    private func plan(_ foreign: ForeignVault, onto vault: Vault, partial: Bool) throws(AccountImportError) -> AccountImportReport {
        var finder = DuplicateFinder(vault.accounts)
        let existingCount = vault.accounts.count
        var added: [Account] = []
        var imported: [AccountImportReport.Entry] = []
        var skipped: [AccountImportReport.Entry] = []
        var leftOut: [AccountImportReport.Entry] = []
        var dropped: [AccountImportReport.DroppedFields] = []
        let now = clock.now()
        for entry in foreign.entries {
            let problem = entry.importProblem
            guard let token = entry.token, problem == nil else {
                leftOut.append(AccountImportReport.Entry(
                    position: entry.position, id: nil, issuer: entry.issuer, account: entry.account, type: nil,
                    reason: problem?.message, problem: problem))
                continue
            }
            let type = CodeType(token.generator)
            let account = Account(token: token, createdAt: now)
            if let match = finder.duplicate(of: account) {
                let reason = match.position < existingCount
                    ? "the same secret and parameters as an account already in the vault"
                    : "the same secret and parameters as an earlier entry of the file"
                skipped.append(AccountImportReport.Entry(
                    position: entry.position, id: match.id, issuer: entry.issuer, account: entry.account, type: type,
                    reason: reason, problem: nil))
                continue
            }
            // The entry's own limits are checked above: only the vault's size is left to
            // refuse, and a partial import leaves the rest out.
            guard existingCount + added.count < VaultLimits.maximumAccounts else {
                let error = AccountModelError.tooManyAccounts(limit: VaultLimits.maximumAccounts)
                guard partial else { throw .vault(error) }
                let problem = EntryProblem.beyondVaultLimit(error)
                leftOut.append(AccountImportReport.Entry(
                    position: entry.position, id: nil, issuer: entry.issuer, account: entry.account, type: nil,
                    reason: problem.message, problem: problem))
                continue
            }
            finder.insert(account)
            added.append(account)
            let reported = AccountImportReport.Entry(
                position: entry.position, id: account.id, issuer: entry.issuer, account: entry.account, type: type,
                reason: nil, problem: nil)
            imported.append(reported)
            if !entry.droppedFields.isEmpty {
                dropped.append(AccountImportReport.DroppedFields(entry: reported, fields: entry.droppedFields))
            }
        }
        var working = vault
        do {
            try working.add(contentsOf: added)
        } catch {
            throw .vault(error)
        }
        return AccountImportReport(
            format: foreign.format, imported: imported, skipped: skipped, leftOut: leftOut, dropped: dropped,
            recordsWithoutOTP: foreign.recordsWithoutOTP, vaultToSave: working)
    }

    /// The account of `vault` that `account` duplicates: the same secret and OTP parameters
    /// (any counter), or what the vault itself calls a duplicate.
    static func duplicate(of account: Account, in vault: Vault) -> Account? {
        DuplicateFinder(vault.accounts).duplicate(of: account).map { vault.accounts[$0.position] }
    }

    /// Same secret (constant time), kind, period and T0, algorithm and code format; the
    /// HOTP counter is not compared.
    static func sameSecretAndParameters(_ lhs: Generator, _ rhs: Generator) -> Bool {
        let sameSecret = lhs.secret == rhs.secret  // SecureBytes ==: sodium_memcmp
        let sameFactor: Bool
        switch (lhs.factor, rhs.factor) {
        case (.counter, .counter):
            sameFactor = true
        case let (.timer(period, t0), .timer(otherPeriod, otherT0)):
            sameFactor = period == otherPeriod && t0 == otherT0
        case (.counter, .timer), (.timer, .counter):
            sameFactor = false
        }
        return sameFactor && lhs.algorithm == rhs.algorithm && lhs.format == rhs.format && sameSecret
    }
}

/// The accounts of a vault and of the entries accepted so far, indexed so that an import
/// finds an entry's duplicate without comparing it with every account: by secret and OTP
/// parameters, and by the vault's own rule (identifier; issuer, user name and secret).
///
/// The keys are `AccountModel`'s `AccountIndex` keys (a keyed hash of the secret, made in
/// place, never stored or printed); every candidate is confirmed by the full comparison, the
/// secrets in constant time.
struct DuplicateFinder {
    /// The accounts, the vault's first, then the accepted entries.
    private var accounts: [Account] = []
    private var bySecretAndParameters = AccountIndex()
    private var byVaultRule = AccountIndex()
    private var identifiers: [AccountID: Int] = [:]

    /// The index of `accounts` (a vault's, in order).
    init(_ accounts: [Account]) {
        self.accounts.reserveCapacity(accounts.count)
        identifiers.reserveCapacity(accounts.count)
        for account in accounts { insert(account) }
    }

    /// Adds `account` after the others.
    mutating func insert(_ account: Account) {
        let position = accounts.count
        accounts.append(account)
        if let generator = account.token?.generator {
            bySecretAndParameters.insert(position, forKey: Self.parametersKey(generator))
        }
        byVaultRule.insert(position, forKey: AccountIndex.key(account.token?.generator.secret, [account.issuer, account.userName]))
        if identifiers[account.id] == nil { identifiers[account.id] = position }
    }

    /// The first account (in order) with `account`'s secret and OTP parameters, else the
    /// first the vault itself calls a duplicate (same identifier; same issuer, user name and
    /// secret), with its position; `nil` when there is none.
    func duplicate(of account: Account) -> (id: AccountID, position: Int)? {
        if let generator = account.token?.generator {
            for position in bySecretAndParameters.positions(forKey: Self.parametersKey(generator)) {
                if let other = accounts[position].token?.generator, AccountImport.sameSecretAndParameters(generator, other) {
                    return (accounts[position].id, position)
                }
            }
        }
        let key = AccountIndex.key(account.token?.generator.secret, [account.issuer, account.userName])
        var first = byVaultRule.positions(forKey: key).first { accounts[$0].isDuplicate(of: account) }
        if let same = identifiers[account.id] { first = min(first ?? same, same) }
        return first.map { (accounts[$0].id, $0) }
    }

    /// The key of a generator's secret and parameters, the HOTP counter left out.
    private static func parametersKey(_ generator: Generator) -> Int {
        let factor: String
        switch generator.factor {
        case .counter: factor = "hotp"
        case let .timer(period, t0): factor = "totp \(period) \(t0)"
        }
        let format: String
        switch generator.format {
        case let .decimal(digits): format = "decimal \(digits)"
        case .steam: format = "steam"
        }
        return AccountIndex.key(generator.secret, [factor, generator.algorithm.rawValue, format])
    }
}

/// The kind of codes an account makes, as reports name it.
public enum CodeType: String, Sendable, Hashable, CaseIterable {
    /// Time-based decimal codes (RFC 6238).
    case totp
    /// Counter-based decimal codes (RFC 4226).
    case hotp
    /// Steam's five-character time-based codes.
    case steam

    /// The type of `generator`'s codes.
    public init(_ generator: Generator) {
        switch generator.factor {
        case .counter: self = .hotp
        case .timer: self = generator.format == .steam ? .steam : .totp
        }
    }
}

/// What ``AccountImport/importAccounts(from:partial:dryRun:)`` did (or, for a dry run, would
/// do) with every entry of the file.
public struct AccountImportReport: Sendable {
    /// One entry of the file and its outcome.
    public struct Entry: Sendable {
        /// The entry's position in the file (``ForeignEntry/position``).
        public let position: Int
        /// The new account's identifier (imported), the identifier of the account it
        /// duplicates (skipped), or `nil` (left out).
        public let id: AccountID?
        /// The issuer, byte for byte as the file has it.
        public let issuer: String
        /// The account name, byte for byte as the file has it.
        public let account: String
        /// The kind of codes, or `nil` for an entry left out.
        public let type: CodeType?
        /// Why it was skipped or left out, in plain words; `nil` for an imported entry.
        public let reason: String?
        /// Why an entry was left out, as the reader reported it.
        public let problem: EntryProblem?
    }

    /// The fields an imported entry carried that the vault has no place for.
    public struct DroppedFields: Sendable {
        /// The imported entry.
        public let entry: Entry
        /// The fields, sorted (`favorite`, `group`, `icon`, `note`…).
        public let fields: [String]
    }

    /// The format the file was read as.
    public let format: ImportFormat
    /// The entries added to the vault, in the file's order (and the vault's: appended at its
    /// end).
    public let imported: [Entry]
    /// The entries not added because the vault (or an earlier entry) already has them, each
    /// with the identifier of that account.
    public let skipped: [Entry]
    /// The entries that cannot be represented, left out by a `partial` import (empty
    /// otherwise).
    public let leftOut: [Entry]
    /// The imported entries whose other fields were dropped.
    public let dropped: [DroppedFields]
    /// Records of the file that are not OTP accounts (``ForeignVault/recordsWithoutOTP``).
    public let recordsWithoutOTP: Int
    /// The vault as saved; `nil` for a dry run or when there was nothing to import (then
    /// nothing was saved).
    public internal(set) var savedVault: Vault?
    /// The vault the import saves (or, for a dry run, would save).
    let vaultToSave: Vault

    init(
        format: ImportFormat, imported: [Entry], skipped: [Entry], leftOut: [Entry], dropped: [DroppedFields],
        recordsWithoutOTP: Int, vaultToSave: Vault
    ) {
        self.format = format
        self.imported = imported
        self.skipped = skipped
        self.leftOut = leftOut
        self.dropped = dropped
        self.recordsWithoutOTP = recordsWithoutOTP
        self.vaultToSave = vaultToSave
        self.savedVault = nil
    }

    /// Every entry with its outcome, in the file's order.
    public var entries: [(outcome: Outcome, entry: Entry)] {
        (imported.map { (Outcome.imported, $0) } + skipped.map { (Outcome.skippedDuplicate, $0) }
            + leftOut.map { (Outcome.leftOut, $0) })
            .sorted { $0.1.position < $1.1.position }
    }

    /// What happened to one entry.
    public enum Outcome: String, Sendable, Hashable, CaseIterable {
        /// Added to the vault.
        case imported
        /// Not added: the vault (or an earlier entry) has the same secret and parameters.
        case skippedDuplicate = "skipped-duplicate"
        /// Not added: it cannot be represented (a `partial` import).
        case leftOut = "left-out"
    }
}

/// One entry that cannot be imported, for ``AccountImportError/importFailed(_:)``.
public struct AccountImportFailure: Sendable, Hashable {
    /// The entry's position in the file.
    public let position: Int
    /// The issuer, byte for byte.
    public let issuer: String
    /// The account name, byte for byte.
    public let account: String
    /// Why it cannot be represented.
    public let problem: EntryProblem

    /// The failure of `entry` for `problem`.
    init(_ entry: ForeignEntry, problem: EntryProblem) {
        self.position = entry.position
        self.issuer = entry.issuer
        self.account = entry.account
        self.problem = problem
    }

    /// `entry 5 (MOTP Inc, mo): the type 'motp' is not supported`.
    public var message: String { "entry \(position) (\(issuer), \(account)): \(problem.message)" }
}

/// Why an import of another app's accounts failed as a whole; the vault is unchanged.
public enum AccountImportError: ReportableError {
    /// Some entries cannot be represented, so nothing was imported: every one of them, in the
    /// file's order. Import the others with `partial`.
    case importFailed([AccountImportFailure])
    /// The store failed or refused the save (`AccountModelError/vaultNotFound`,
    /// `AccountModelError/revisionConflict(expected:found:)`, …).
    case vault(AccountModelError)

    /// The case's name, e.g. `importFailed`, stable across releases.
    public var caseName: String {
        switch self {
        case .importFailed: return "importFailed"
        case .vault: return "vault"
        }
    }

    /// What went wrong, in plain words, without secrets.
    public var message: String {
        switch self {
        case let .importFailed(failures):
            let count = failures.count == 1 ? "1 entry cannot" : "\(failures.count) entries cannot"
            return "\(count) be imported, so nothing was imported: "
                + failures.map(\.message).joined(separator: "; ")
        case let .vault(error):
            return error.message
        }
    }
}

extension ForeignEntry {
    /// Why the entry cannot be imported: the reader's ``problem``, else the first limit of the
    /// vault its token exceeds (``EntryProblem/beyondVaultLimit(_:)``); `nil` when it can be.
    var importProblem: EntryProblem? {
        if let problem { return problem }
        guard let token else { return nil }
        let account = Account(id: AccountID(rawValue: ""), token: token, createdAt: Date(timeIntervalSince1970: 0))
        return account.limitViolations.first.map { EntryProblem.beyondVaultLimit($0) }
    }
}
