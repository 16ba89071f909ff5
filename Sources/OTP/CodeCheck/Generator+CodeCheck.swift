import SodiumBridge
import Foundation

/// Checking codes, for servers and for apps that check them: constant-time comparison, a
/// window of steps, and replay refusal with the state kept by the caller.
extension Generator {
    /// Checks a TOTP `code` at `date` against the steps of `window` around the current one.
    ///
    /// Every candidate in the window is computed and compared in constant time
    /// (`ConstantTime.equals`); when several match, the one nearest the current step wins.
    /// A code is refused as a replay when its step is at or before `lastAcceptedCounter`.
    /// The state lives with the caller: pass the counter of the last accepted code (`nil`
    /// when none was accepted yet) and store the returned match's counter.
    ///
    /// ```swift
    /// switch try generator.check(typed, at: Date(), lastAcceptedCounter: stored) {
    /// case .accepted(let match): stored = match.counter   // log in
    /// case .replayed, .rejected: break                     // refuse
    /// }
    /// ```
    ///
    /// Steps below 0 or above 2⁶⁴ − 1 are outside every window, so checking works at
    /// both ends of the counter range.
    ///
    /// - Throws: the errors of ``counter(at:)`` (an HOTP generator, a time before T0…).
    public func check(_ code: String, at date: Date, window: CodeCheckWindow = .default, lastAcceptedCounter: UInt64? = nil) throws(OTPError) -> CodeCheckResult {
        check(code, atCounter: try counter(at: date), window: window, lastAcceptedCounter: lastAcceptedCounter)
    }

    /// ``check(_:at:window:lastAcceptedCounter:)`` at `unixTime` whole seconds since the
    /// Unix epoch, exact over the whole 64-bit range (see ``counter(atUnixTime:)``).
    ///
    /// - Throws: the errors of ``counter(atUnixTime:)``.
    public func check(_ code: String, atUnixTime unixTime: Int64, window: CodeCheckWindow = .default, lastAcceptedCounter: UInt64? = nil) throws(OTPError) -> CodeCheckResult {
        check(code, atCounter: try counter(atUnixTime: unixTime), window: window, lastAcceptedCounter: lastAcceptedCounter)
    }

    /// ``check(_:at:window:lastAcceptedCounter:)`` now, by `clock`.
    ///
    /// - Throws: the errors of ``counter(at:)``.
    public func check(_ code: String, using clock: some TimeSource, window: CodeCheckWindow = .default, lastAcceptedCounter: UInt64? = nil) throws(OTPError) -> CodeCheckResult {
        try check(code, at: clock.now(), window: window, lastAcceptedCounter: lastAcceptedCounter)
    }

    /// The TOTP window around `current`, nearest steps first.
    private func check(_ code: String, atCounter current: UInt64, window: CodeCheckWindow, lastAcceptedCounter: UInt64?) -> CodeCheckResult {
        // Nearest first: 0, −1, +1, −2, +2…
        let behind = Int64(window.behind)
        let ahead = Int64(window.ahead)
        let offsets = (0...max(behind, ahead)).lazy.flatMap { distance -> [Int64] in
            distance == 0 ? [0] : (distance <= behind ? [-distance] : []) + (distance <= ahead ? [distance] : [])
        }
        return check(code, against: offsets, from: current, lastAcceptedCounter: lastAcceptedCounter)
    }

    /// Checks an HOTP `code` against `expectedCounter` and the `lookAhead` counters after it
    /// (RFC 4226 section 7.4), for tokens whose button was pressed without logging in.
    ///
    /// Counters before `expectedCounter` are never accepted, so a used code cannot be
    /// replayed: after `.accepted(match)`, store `match.nextCounter` as the new expected
    /// counter. Works for any generator (for TOTP, the counter is a time step).
    public func check(_ code: String, expectedCounter: UInt64, lookAhead: UInt32 = 0) -> CodeCheckResult {
        check(code, against: 0...Int64(lookAhead), from: expectedCounter, lastAcceptedCounter: nil)
    }

    /// Resynchronises an HOTP token that drifted beyond the look-ahead window: accepts when
    /// `firstCode` and `secondCode` are the codes of two consecutive counters in
    /// `expectedCounter … expectedCounter + lookAhead` (RFC 4226 section 7.4).
    ///
    /// Returns `.accepted` with the match of `secondCode`; store its ``CodeCheckMatch/nextCounter``.
    /// Both codes are compared in constant time at every candidate counter.
    public func resynchronize(firstCode: String, secondCode: String, expectedCounter: UInt64, lookAhead: UInt32) -> CodeCheckResult {
        let first = Array(firstCode.utf8)
        let second = Array(secondCode.utf8)
        var found: CodeCheckMatch?
        var previousMatched = false
        for offset in 0...Int64(lookAhead) + 1 {
            let (counter, overflow) = expectedCounter.addingReportingOverflow(UInt64(offset))
            if overflow { break }
            let candidate = Array(code(forCounter: counter).utf8)
            let matchesSecond = ConstantTime.equals(candidate, second)
            if previousMatched && matchesSecond && found == nil {
                found = CodeCheckMatch(offset: offset, counter: counter)
            }
            previousMatched = offset <= Int64(lookAhead) && ConstantTime.equals(candidate, first)
        }
        return found.map(CodeCheckResult.accepted) ?? .rejected
    }

    /// Compares `code` with the code of every `base + offset`, in the order given (best
    /// first), and classifies the first matches.
    private func check(_ code: String, against offsets: some Sequence<Int64>, from base: UInt64, lastAcceptedCounter: UInt64?) -> CodeCheckResult {
        let typed = Array(code.utf8)
        var accepted: CodeCheckMatch?
        var replayed: CodeCheckMatch?
        for offset in offsets {
            guard let counter = base.adding(offset) else { continue }
            // No early exit: every candidate is computed and compared.
            guard ConstantTime.equals(Array(self.code(forCounter: counter).utf8), typed) else { continue }
            let match = CodeCheckMatch(offset: offset, counter: counter)
            if let last = lastAcceptedCounter, counter <= last {
                if replayed == nil { replayed = match }
            } else if accepted == nil {
                accepted = match
            }
        }
        if let accepted { return .accepted(accepted) }
        if let replayed { return .replayed(replayed) }
        return .rejected
    }
}

extension UInt64 {
    /// `self + offset`, or `nil` below 0 or above 2⁶⁴ − 1.
    fileprivate func adding(_ offset: Int64) -> UInt64? {
        if offset >= 0 {
            let (sum, overflow) = addingReportingOverflow(UInt64(offset))
            return overflow ? nil : sum
        }
        let (difference, overflow) = subtractingReportingOverflow(offset.magnitude)
        return overflow ? nil : difference
    }
}
