import BackupServices
import SodiumBridge
import Foundation
import DurableStorage

// Bounding password guessing: failures counted per user name, known or not.
extension LocalRecoveryAccountService {
    /// How many failed password sign-ins within ``signInFailureWindow`` a user name gets before
    /// it has to wait: 5.
    public static let signInFailureLimit = 5
    /// The window in which failures count, and how long a user name must stay quiet after its
    /// last failure (or the end of its wait) to start again from zero: 15 minutes.
    public static let signInFailureWindow: TimeInterval = 15 * 60
    /// The wait after the ``signInFailureLimit``-th failure: 30 seconds; each further failure
    /// doubles it, up to ``maximumSignInDelay``.
    public static let firstSignInDelay: TimeInterval = 30
    /// The longest wait: 15 minutes. Only delays, never a permanent lock.
    public static let maximumSignInDelay: TimeInterval = 15 * 60
    /// The most user names whose failures are remembered; beyond it the name whose last
    /// failure is oldest is forgotten first.
    public static let maximumThrottledUserNames = 1024

    /// Counts a password sign-in for `userName` before its password is checked (so attempts
    /// made in parallel all count), or throws `tooManyAttempts` while the name must wait.
    /// Known and unknown user names are treated alike.
    func chargeSignInAttempt(for userName: String) async throws(RecoveryAccountError) {
        try createAccountsFolder()
        let key = Self.throttleKey(for: userName)
        let now = clock.now().unixMilliseconds
        try await withLock { () throws(RecoveryAccountError) in
            var index = try readSignInFailures()
            let before = index
            index.entries.removeAll { $0.expiresMilliseconds <= now }
            var entry = index.entries.first(where: { $0.key == key })
                ?? SignInFailureRecord(key: key, failures: 0, lastFailureMilliseconds: now, notBeforeMilliseconds: 0)
            // Never more than the longest delay from now, whatever the file says: delays only.
            let latest = now.addingReportingOverflow(Int64(Self.maximumSignInDelay * 1000))
            entry.notBeforeMilliseconds = min(entry.notBeforeMilliseconds, latest.overflow ? .max : latest.partialValue)
            if now < entry.notBeforeMilliseconds {
                if let position = index.entries.firstIndex(where: { $0.key == key }) { index.entries[position] = entry }
                if index != before { try writeSignInFailures(index) }
                throw .tooManyAttempts(retryAfter: Double(entry.notBeforeMilliseconds - now) / 1000)
            }
            // Counts from the file are bounded before use (a damaged file never overflows them).
            entry.failures = min(max(entry.failures, 0), Self.signInFailureLimit + 64) + 1
            entry.lastFailureMilliseconds = now
            if entry.failures >= Self.signInFailureLimit {
                let delay = Self.delay(afterFailures: entry.failures)
                entry.notBeforeMilliseconds = now + Int64(delay * 1000)
            }
            index.entries.removeAll { $0.key == key }
            index.entries.append(entry)
            if index.entries.count > Self.maximumThrottledUserNames {
                index.entries.sort { $0.lastFailureMilliseconds < $1.lastFailureMilliseconds }
                index.entries.removeFirst(index.entries.count - Self.maximumThrottledUserNames)
            }
            try writeSignInFailures(index)
        }
    }

    /// Forgets `userName`'s failures after a successful sign-in.
    func clearSignInFailures(for userName: String) async throws(RecoveryAccountError) {
        let key = Self.throttleKey(for: userName)
        try await withLock { () throws(RecoveryAccountError) in
            var index = try readSignInFailures()
            let before = index
            index.entries.removeAll { $0.key == key }
            if index != before { try writeSignInFailures(index) }
        }
    }

    /// The wait after `failures` failures (at least ``signInFailureLimit``).
    static func delay(afterFailures failures: Int) -> TimeInterval {
        let doublings = min(max(failures - signInFailureLimit, 0), 20)
        return min(firstSignInDelay * Double(1 << doublings), maximumSignInDelay)
    }

    /// BLAKE2b-256 of the lower-cased user name, hex: names compare without regard to case,
    /// and the file never holds what strangers typed.
    static func throttleKey(for userName: String) -> String {
        Hex.encode(Hash.blake2b(Array(userName.lowercased().utf8), outputLength: 32))
    }

    // MARK: The index file

    /// `recovery-accounts/sign-in-failures.index`.
    var signInFailuresFile: URL { accountsFolder.appendingPathComponent("sign-in-failures.index") }

    /// The remembered failures; none when the file does not exist.
    func readSignInFailures() throws(RecoveryAccountError) -> SignInFailureIndex {
        let file = signInFailuresFile
        guard let bytes = try Self.storage({ () throws(StorageError) in try AtomicFile.read(file, limit: EmbeddedStorageLimits.recoverySignInFailuresSize) }) else {
            return SignInFailureIndex()
        }
        guard let index = try? JSONDecoder().decode(SignInFailureIndex.self, from: Data(bytes)), index.format == 1 else {
            throw .serviceFailure(reason: "\(file.path) is damaged")
        }
        return index
    }

    func writeSignInFailures(_ index: SignInFailureIndex) throws(RecoveryAccountError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let bytes: [UInt8]
        do {
            bytes = Array(try encoder.encode(index))
        } catch {
            throw .serviceFailure(reason: "cannot encode the sign-in failures")
        }
        let file = signInFailuresFile
        try Self.storage { () throws(StorageError) in try AtomicFile.write(bytes, to: file) }
    }
}

/// The user names with recent failed password sign-ins.
struct SignInFailureIndex: Codable, Equatable {
    var format = 1
    var entries: [SignInFailureRecord] = []
}

/// One user name's failures.
struct SignInFailureRecord: Codable, Equatable {
    /// ``LocalRecoveryAccountService/throttleKey(for:)`` of the user name.
    var key: String
    /// Attempts charged since the count last started from zero.
    var failures: Int
    var lastFailureMilliseconds: Int64
    /// No attempt is accepted before this instant (0: no wait).
    var notBeforeMilliseconds: Int64

    /// When the name has been quiet long enough to start from zero.
    var expiresMilliseconds: Int64 {
        let (sum, overflow) = max(lastFailureMilliseconds, notBeforeMilliseconds)
            .addingReportingOverflow(Int64(LocalRecoveryAccountService.signInFailureWindow * 1000))
        return overflow ? .max : sum
    }
}
