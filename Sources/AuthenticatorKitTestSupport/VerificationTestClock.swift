import AuthenticatorKit
import Foundation

/// A clock a test moves by hand, shared by a provider and the flows under test.
public final class VerificationTestClock: TimeSource, @unchecked Sendable {
    private let lock = Lock()
    private var instant: Date

    /// A clock at `instant` (default: 2025-01-01T00:00:00Z, the start of a 30-second step).
    public init(_ instant: Date = Date(timeIntervalSince1970: 1_735_689_600)) {
        self.instant = instant
    }

    /// The current instant.
    public func now() -> Date {
        lock.withLock { instant }
    }

    /// Moves the clock forward (or back, for a negative value) by `seconds`.
    public func advance(by seconds: TimeInterval) {
        lock.withLock { instant = instant.addingTimeInterval(seconds) }
    }

    /// Sets the clock to `date`.
    public func set(to date: Date) {
        lock.withLock { instant = date }
    }
}
