import Foundation

/// What an authenticator screen shows for a time-based account at one instant: the code,
/// how long it stays valid, and the code that follows it.
///
/// Get one from ``Generator/timedCode(at:)`` or ``Generator/timedCode(using:)``, e.g. once
/// per second; between refreshes, ``secondsRemaining(at:)`` counts down without new HMACs.
public struct TimedCode: Sendable, Hashable {
    /// The code valid at ``instant``.
    public let code: String
    /// The code of the following time step, for a UI that shows it in advance.
    public let nextCode: String
    /// The time step (TOTP counter) of ``code``.
    public let counter: UInt64
    /// The instant this value was computed for.
    public let instant: Date
    /// The first instant at which ``code`` is valid (the start of its time step).
    public let validFrom: Date
    /// The instant at which ``code`` stops being valid and ``nextCode`` takes over.
    public let validUntil: Date

    /// A timed code; ``Generator/timedCode(at:)`` is the usual way to get one.
    public init(code: String, nextCode: String, counter: UInt64, instant: Date, validFrom: Date, validUntil: Date) {
        self.code = code
        self.nextCode = nextCode
        self.counter = counter
        self.instant = instant
        self.validFrom = validFrom
        self.validUntil = validUntil
    }

    /// The time ``code`` stays valid after ``instant``, in seconds (fractions included).
    public var remaining: TimeInterval { validUntil.timeIntervalSince(instant) }

    /// The whole seconds ``code`` stays valid after ``instant``, rounded up: what a
    /// countdown shows (30 at the start of a 30-second step, 1 during its last second).
    public var secondsRemaining: Int { secondsRemaining(at: instant) }

    /// The whole seconds ``code`` stays valid after `date`, rounded up; 0 once it expired.
    public func secondsRemaining(at date: Date) -> Int {
        let seconds = validUntil.timeIntervalSince(date).rounded(.up)
        guard seconds > 0 else { return 0 }
        return Int(exactly: seconds) ?? Int.max
    }
}
