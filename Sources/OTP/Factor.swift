/// What makes a one-time password change: an event counter (HOTP, RFC 4226) or time
/// (TOTP, RFC 6238).
public enum Factor: Sendable, Hashable {
    /// HOTP: the code for this counter value.
    case counter(UInt64)
    /// TOTP: the counter is ⌊(unix time − `t0`) / `period`⌋, both in seconds.
    case timer(period: Int64, t0: Int64 = 0)

    /// Whether codes change with time (TOTP, Steam).
    public var isTimeBased: Bool {
        if case .timer = self { return true }
        return false
    }
}
