import Foundation

/// The TOTP time step (RFC 6238 section 4.2) at `date`: ⌊(unix time − `t0`) / `period`⌋, or
/// `nil` before `t0` or for a period below one second.
func totpTimeStep(at date: Date, period: Int64, t0: Int64 = 0) -> UInt64? {
    guard period >= 1 else { return nil }
    let seconds = date.timeIntervalSince1970.rounded(.down)
    guard seconds.isFinite, seconds >= Double(t0), seconds < 9.2e18 else { return nil }
    return UInt64((Int64(seconds) - t0) / period)
}
