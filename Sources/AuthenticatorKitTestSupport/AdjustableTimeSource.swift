import Foundation
import AuthenticatorKit

/// A clock a test moves by hand: expire sessions, age backups, step through time windows.
public final class AdjustableTimeSource: TimeSource, @unchecked Sendable {
    private let lock = Lock()
    private var instant: Date

    /// A clock showing `start`.
    public init(_ start: Date) { self.instant = start }

    /// A clock showing `unixTime` seconds since 1970-01-01T00:00:00Z.
    public convenience init(unixTime: TimeInterval) { self.init(Date(timeIntervalSince1970: unixTime)) }

    /// The instant the clock shows.
    public func now() -> Date { lock.withLock { instant } }

    /// Moves the clock forward by `interval` seconds (backward when negative).
    public func advance(by interval: TimeInterval) {
        lock.withLock { instant = instant.addingTimeInterval(interval) }
    }

    /// Sets the clock to `date`.
    public func set(to date: Date) {
        lock.withLock { instant = date }
    }
}
