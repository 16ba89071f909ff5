import VerificationFlow
import Foundation

// Bounding guesses: failures per key within a window, then growing delays (never a
// permanent lock).
extension LocalAccountProvider {
    /// The most throttle records kept; the stalest go first (a stranger trying many user
    /// names cannot grow the store without bound).
    static let maximumThrottleRecords = 4096

    /// The throttle key of password attempts on the user name `userName`, known or not.
    static func passwordThrottleKey(_ userName: String) -> String {
        "password:" + userName.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    /// The throttle key of code attempts on the account `reference`.
    static func codeThrottleKey(_ reference: String) -> String { "code:" + reference }

    /// `tooManyAttempts` while `key` must wait at `now`; else `nil`.
    func waiting(_ key: String, in state: ProviderState, now: Date) -> VerificationError? {
        guard let retryAfter = state.throttles?[key]?.retryAfter, now < retryAfter else { return nil }
        return .tooManyAttempts(retryAfter: retryAfter)
    }

    /// Counts a failure of `key` at `now` against `limit`: the attempts left (more than 0), or
    /// the wait that starts now (`tooManyAttempts`), doubling with each failure past the
    /// limit up to ``VerificationLimits/maximumDelay``.
    func countFailure(_ key: String, limit: Int, in state: inout ProviderState, now: Date) -> Result<Int, VerificationError> {
        var throttles = state.throttles ?? [:]
        var record = throttles[key] ?? StoredThrottle(failures: [])
        record.failures = Array(record.failures.filter { now.timeIntervalSince($0) < limits.attemptWindow }.suffix(64)) + [now]
        let beyond = record.failures.count - limit
        let outcome: Result<Int, VerificationError>
        if beyond >= 0 {
            let delay = min(limits.maximumDelay, limits.lockoutDuration * pow(2, Double(min(beyond, 30))))
            let retryAfter = now.addingTimeInterval(delay)
            record.retryAfter = retryAfter
            outcome = .failure(.tooManyAttempts(retryAfter: retryAfter))
        } else {
            outcome = .success(-beyond)
        }
        throttles[key] = record
        state.throttles = Self.pruned(throttles, now: now, window: limits.attemptWindow)
        return outcome
    }

    /// Forgets the failures of `key` (after a success).
    func resetFailures(_ key: String, in state: inout ProviderState) {
        guard state.throttles?[key] != nil else { return }
        state.throttles?[key] = nil
        if state.throttles?.isEmpty == true { state.throttles = nil }
    }

    /// `throttles` without records that no longer matter, and at most
    /// ``maximumThrottleRecords`` of them.
    private static func pruned(_ throttles: [String: StoredThrottle], now: Date, window: TimeInterval) -> [String: StoredThrottle] {
        var kept = throttles.filter { _, record in
            let recent = record.failures.contains { now.timeIntervalSince($0) < window }
            let waiting = record.retryAfter.map { now < $0 } ?? false
            return recent || waiting
        }
        if kept.count > maximumThrottleRecords {
            let stalest = kept.sorted { ($0.value.failures.last ?? .distantPast) < ($1.value.failures.last ?? .distantPast) }
            for (key, _) in stalest.prefix(kept.count - maximumThrottleRecords) { kept[key] = nil }
        }
        return kept
    }
}
