import Foundation

/// Time-based codes (RFC 6238): the counter is the number of whole periods since `T0`.
extension Generator {
    /// The time step at `date`: ⌊(unix time − T0) / period⌋, with the time rounded down to
    /// whole seconds. Every 64-bit time at or after T0 has a step; none overflows.
    ///
    /// - Throws: ``OTPError/notTimeBased`` for an HOTP generator,
    ///   ``OTPError/timeBeforeT0(time:t0:)`` when `date` is before T0,
    ///   ``OTPError/unrepresentableTime`` when `date` is not finite or beyond 64-bit seconds.
    public func counter(at date: Date) throws(OTPError) -> UInt64 {
        try step(at: date).counter
    }

    /// The time step at `unixTime` whole seconds since 1970-01-01T00:00:00Z: the same as
    /// ``counter(at:)`` without the detour through `Date`'s floating point, so every 64-bit
    /// time is exact (with T0 = `Int64.min` and a 1-second period, `Int64.max` is step
    /// 2⁶⁴ − 1).
    ///
    /// - Throws: ``OTPError/notTimeBased``, ``OTPError/timeBeforeT0(time:t0:)``.
    public func counter(atUnixTime unixTime: Int64) throws(OTPError) -> UInt64 {
        try step(atUnixTime: unixTime).counter
    }

    /// The code at `unixTime` whole seconds since the Unix epoch.
    ///
    /// - Throws: the errors of ``counter(atUnixTime:)``.
    public func code(atUnixTime unixTime: Int64) throws(OTPError) -> String {
        code(forCounter: try counter(atUnixTime: unixTime))
    }

    /// The code at `date`.
    ///
    /// - Throws: the errors of ``counter(at:)``.
    public func code(at date: Date) throws(OTPError) -> String {
        code(forCounter: try counter(at: date))
    }

    /// The code now, by `clock`.
    ///
    /// - Throws: the errors of ``counter(at:)``.
    public func code(using clock: some TimeSource) throws(OTPError) -> String {
        try code(at: clock.now())
    }

    /// Everything a UI shows at `date`: code, validity interval, seconds remaining and the
    /// next code.
    ///
    /// - Throws: the errors of ``counter(at:)``; ``OTPError/counterOverflow`` in the very last
    ///   time step (counter 2⁶⁴ − 1), which has no next code. (A `Date` is a `Double`, so no
    ///   date reaches that step: the last representable second before 2⁶³ is step 2⁶⁴ − 1024
    ///   at most.)
    public func timedCode(at date: Date) throws(OTPError) -> TimedCode {
        let step = try step(at: date)
        let (next, overflow) = step.counter.addingReportingOverflow(1)
        guard !overflow else { throw .counterOverflow }
        return TimedCode(
            code: code(forCounter: step.counter),
            nextCode: code(forCounter: next),
            counter: step.counter,
            instant: date,
            validFrom: Date(timeIntervalSince1970: Double(step.start)),
            validUntil: Date(timeIntervalSince1970: Double(step.start) + Double(step.period))
        )
    }

    /// ``timedCode(at:)`` now, by `clock`.
    ///
    /// - Throws: the errors of ``timedCode(at:)``.
    public func timedCode(using clock: some TimeSource) throws(OTPError) -> TimedCode {
        try timedCode(at: clock.now())
    }

    /// The time step at `date`, the Unix time it started and the period.
    private func step(at date: Date) throws(OTPError) -> (counter: UInt64, start: Int64, period: Int64) {
        guard factor.isTimeBased else { throw .notTimeBased }
        guard let time = Int64(exactly: date.timeIntervalSince1970.rounded(.down)) else {
            throw .unrepresentableTime
        }
        return try step(atUnixTime: time)
    }

    /// The time step at `time`, the Unix time it started and the period.
    private func step(atUnixTime time: Int64) throws(OTPError) -> (counter: UInt64, start: Int64, period: Int64) {
        guard case let .timer(period, t0) = factor else { throw .notTimeBased }
        guard time >= t0 else { throw .timeBeforeT0(time: time, t0: t0) }
        // time − t0 lies in 0…2⁶⁴ − 1; the wrapping difference's bit pattern is exactly it.
        let elapsed = UInt64(bitPattern: time &- t0)
        let counter = elapsed / UInt64(period)
        let intoStep = elapsed % UInt64(period)
        // intoStep < period ≤ Int64.max, and time − intoStep ≥ t0, so nothing overflows.
        return (counter, time - Int64(intoStep), period)
    }
}
