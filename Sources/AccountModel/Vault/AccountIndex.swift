import OTP
import SodiumBridge

/// Finds accounts by identifier, by the vault's duplicate rule (issuer, user name and
/// secret) or by any other key of a secret and plain fields, without comparing every pair:
/// what makes adding or importing thousands of accounts linear instead of quadratic.
///
/// Secrets are bucketed by a keyed hash: Swift's `Hasher` (SipHash with this process's
/// random seed) over the secret's bytes, read in place from secure memory (never copied out).
/// The hash values live only in this index, which lives only for one batch operation:
/// never stored, printed or compared across processes. A bucket only narrows the search —
/// every candidate is confirmed by the full comparison, secrets in constant time
/// (`SecureBytes ==`).
package struct AccountIndex {
    /// The positions (in the order they were inserted) of the accounts of every bucket.
    private var buckets: [Int: [Int]] = [:]

    /// An empty index.
    package init() {}

    /// The bucket key of `parts` (plain fields) and `secret` (absent: no secret).
    package static func key(_ secret: SecureBytes?, _ parts: some Sequence<String>) -> Int {
        var hasher = Hasher()
        for part in parts {
            hasher.combine(part)
        }
        if let secret {
            hasher.combine(secret.count)
            secret.withUnsafeBytes { hasher.combine(bytes: $0) }
        } else {
            hasher.combine(-1)
        }
        return hasher.finalize()
    }

    /// Files `position` under `key`.
    package mutating func insert(_ position: Int, forKey key: Int) {
        buckets[key, default: []].append(position)
    }

    /// The positions filed under `key`, in the order they were inserted.
    package func positions(forKey key: Int) -> [Int] {
        buckets[key] ?? []
    }
}

extension Account {
    /// The bucket key of the vault's duplicate rule (``Vault/duplicate(of:)``): issuer, user
    /// name and OTP secret (none for an account without a token).
    var duplicateKey: Int {
        AccountIndex.key(token?.generator.secret, [issuer, userName])
    }
}

/// The vault's accounts, indexed by identifier and by the duplicate rule, for batch
/// operations (``Vault/add(contentsOf:)``).
struct VaultDuplicateIndex {
    private var identifiers: Set<AccountID> = []
    private var index = AccountIndex()

    /// The index of `accounts`.
    init(_ accounts: [Account]) {
        identifiers.reserveCapacity(accounts.count)
        for (position, account) in accounts.enumerated() {
            insert(account, at: position)
        }
    }

    /// Files `account`, at `position` of the list the index stands for.
    mutating func insert(_ account: Account, at position: Int) {
        identifiers.insert(account.id)
        index.insert(position, forKey: account.duplicateKey)
    }

    /// The position in `accounts` of the first account (in order) that `account` duplicates
    /// — the same identifier, or the same issuer, user name and secret — or `nil`.
    func duplicate(of account: Account, in accounts: [Account]) -> Int? {
        let candidates = index.positions(forKey: account.duplicateKey).filter { accounts[$0].isDuplicate(of: account) }
        if identifiers.contains(account.id), let same = accounts.firstIndex(where: { $0.id == account.id }) {
            return min(same, candidates.first ?? same)
        }
        return candidates.first
    }
}
