import Foundation

/// Where the current time comes from. Inject one so that tests and apps control time.
///
/// Implementation requirements: return the current time; never block.
public protocol TimeSource: Sendable {
    /// The current time.
    func now() -> Date
}

/// The system clock.
public struct SystemTimeSource: TimeSource {
    /// The system clock.
    public init() {}
    /// `Date()`.
    public func now() -> Date { Date() }
}

/// A clock that always answers the same instant: for tests, demos and `--now`.
public struct FixedTimeSource: TimeSource {
    /// The instant this clock answers.
    public let instant: Date

    /// A clock stopped at `instant`.
    public init(_ instant: Date) { self.instant = instant }

    /// A clock stopped at `unixTime` seconds since 1970-01-01T00:00:00Z.
    public init(unixTime: TimeInterval) { self.instant = Date(timeIntervalSince1970: unixTime) }

    /// `instant`.
    public func now() -> Date { instant }
}
