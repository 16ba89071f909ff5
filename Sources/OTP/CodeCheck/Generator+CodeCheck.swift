import SodiumBridge
import Foundation

/// Checking codes, for servers and for apps that check them: constant-time comparison, a
/// window of steps, and replay refusal with the state kept by the caller.
extension Generator {
    /// Checks a TOTP `code` at `date` against the steps of `window` around the current one.
    ///
    /// Every candidate in the window is computed and compared in constant time
    /// (`ConstantTime.equals`); when several match, the one nearest the current step wins.
    /// A code of another length than this generator's (``digits``) is rejected without
    /// computing any: its length is what the user typed, not a secret. Checking allocates
    /// no memory: the candidates are written to the stack and zeroed after the comparison.
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

    /// The TOTP window around `current`, nearest steps first: 0, −1, +1, −2, +2…
    private func check(_ code: String, atCounter current: UInt64, window: CodeCheckWindow, lastAcceptedCounter: UInt64?) -> CodeCheckResult {
        withTypedCode(code) { typed in
            var selection = MatchSelection(lastAcceptedCounter: lastAcceptedCounter)
            let behind = Int64(window.behind)
            let ahead = Int64(window.ahead)
            compare(typed, withCodeAt: 0, from: current, into: &selection)
            var distance: Int64 = 1
            while distance <= max(behind, ahead) {
                if distance <= behind { compare(typed, withCodeAt: -distance, from: current, into: &selection) }
                if distance <= ahead { compare(typed, withCodeAt: distance, from: current, into: &selection) }
                distance += 1
            }
            return selection.result
        }
    }

    /// Checks an HOTP `code` against `expectedCounter` and the `lookAhead` counters after it
    /// (RFC 4226 section 7.4), for tokens whose button was pressed without logging in.
    ///
    /// Counters before `expectedCounter` are never accepted, so a used code cannot be
    /// replayed: after `.accepted(match)`, store `match.nextCounter` as the new expected
    /// counter. Works for any generator (for TOTP, the counter is a time step).
    public func check(_ code: String, expectedCounter: UInt64, lookAhead: UInt32 = 0) -> CodeCheckResult {
        withTypedCode(code) { typed in
            var selection = MatchSelection(lastAcceptedCounter: nil)
            for offset in 0...Int64(lookAhead) {
                compare(typed, withCodeAt: offset, from: expectedCounter, into: &selection)
            }
            return selection.result
        }
    }

    /// Resynchronises an HOTP token that drifted beyond the look-ahead window: accepts when
    /// `firstCode` and `secondCode` are the codes of two consecutive counters in
    /// `expectedCounter … expectedCounter + lookAhead` (RFC 4226 section 7.4).
    ///
    /// Returns `.accepted` with the match of `secondCode`; store its ``CodeCheckMatch/nextCounter``.
    /// Both codes are compared in constant time at every candidate counter.
    public func resynchronize(firstCode: String, secondCode: String, expectedCounter: UInt64, lookAhead: UInt32) -> CodeCheckResult {
        withTypedCode(firstCode) { first in
            withTypedCode(secondCode) { second in
                var found: CodeCheckMatch?
                var previousMatched = false
                for offset in 0...Int64(lookAhead) + 1 {
                    let (counter, overflow) = expectedCounter.addingReportingOverflow(UInt64(offset))
                    if overflow { break }
                    let (matchesFirst, matchesSecond) = withCode(forCounter: counter) { candidate in
                        (ConstantTime.equals(candidate, first), ConstantTime.equals(candidate, second))
                    }
                    if previousMatched && matchesSecond && found == nil {
                        found = CodeCheckMatch(offset: offset, counter: counter)
                    }
                    previousMatched = offset <= Int64(lookAhead) && matchesFirst
                }
                return found.map(CodeCheckResult.accepted) ?? .rejected
            }
        }
    }

    /// Calls `body` with `code`'s UTF-8 bytes copied to the stack, or returns `.rejected`
    /// when `code` is not as long as this generator's codes: no candidate could match it, and
    /// its length is what the user typed, not a secret, so nothing is computed for it.
    private func withTypedCode(_ code: String, _ body: (UnsafeRawBufferPointer) -> CodeCheckResult) -> CodeCheckResult {
        let length = format.length
        guard code.utf8.count == length, length <= CodeFormat.maximumLength else { return .rejected }
        var storage = CodeStorage()
        return withUnsafeMutableBytes(of: &storage) { buffer in
            var index = 0
            for byte in code.utf8 where index < length {
                buffer[index] = byte
                index += 1
            }
            defer { ConstantTime.zero(buffer) }
            return body(UnsafeRawBufferPointer(rebasing: buffer[..<length]))
        }
    }

    /// Compares the `typed` code with the code of `base + offset` in constant time and records
    /// a match; a counter below 0 or above 2⁶⁴ − 1 is skipped. No early exit: the caller
    /// compares every candidate of its window.
    @inline(__always)
    private func compare(_ typed: UnsafeRawBufferPointer, withCodeAt offset: Int64, from base: UInt64, into selection: inout MatchSelection) {
        guard let counter = base.adding(offset) else { return }
        if withCode(forCounter: counter, { ConstantTime.equals($0, typed) }) {
            selection.record(CodeCheckMatch(offset: offset, counter: counter))
        }
    }
}

/// The first matches in the order candidates were compared (best first): the first one after
/// the last accepted counter is accepted; failing that, the first one at or before it is a replay.
private struct MatchSelection {
    let lastAcceptedCounter: UInt64?
    var accepted: CodeCheckMatch?
    var replayed: CodeCheckMatch?

    init(lastAcceptedCounter: UInt64?) {
        self.lastAcceptedCounter = lastAcceptedCounter
    }

    mutating func record(_ match: CodeCheckMatch) {
        if let last = lastAcceptedCounter, match.counter <= last {
            if replayed == nil { replayed = match }
        } else if accepted == nil {
            accepted = match
        }
    }

    var result: CodeCheckResult {
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
