import Foundation

extension Date {
    /// Whole milliseconds since 1970, rounded down and clamped to about ±285,000 years (so an
    /// infinite or absurd date cannot trap); `NaN` gives 0. Stored dates use it so they read
    /// back exactly as written.
    var unixMilliseconds: Int64 {
        let value = (timeIntervalSince1970 * 1000).rounded(.down)
        if value.isNaN { return 0 }
        return Int64(Swift.max(-9e15, Swift.min(9e15, value)))
    }

    /// The date `milliseconds` after 1970-01-01T00:00:00Z.
    init(unixMilliseconds milliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(milliseconds) / 1000)
    }
}
