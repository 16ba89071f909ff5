/// Which counter a checked code belongs to.
public struct CodeCheckMatch: Sendable, Hashable {
    /// Steps from the expected counter: for TOTP, from the current time step (`-1`, `0`,
    /// `1`…); for HOTP, from the expected counter (`0`, `1`…).
    public let offset: Int64
    /// The counter (time step or HOTP counter) of the code. Store it: a TOTP checker passes
    /// it back as `lastAcceptedCounter`; an HOTP checker expects ``nextCounter`` next.
    public let counter: UInt64

    /// A match of `counter`, `offset` steps from the expected one.
    public init(offset: Int64, counter: UInt64) {
        self.offset = offset
        self.counter = counter
    }

    /// The counter an HOTP checker expects next (`counter + 1`); `nil` after counter
    /// 2⁶⁴ − 1, the last one there is.
    public var nextCounter: UInt64? {
        let (next, overflow) = counter.addingReportingOverflow(1)
        return overflow ? nil : next
    }
}

/// The outcome of checking a code. A rejected or replayed code is a normal outcome, not an
/// error: the checker tells the user and keeps its state unchanged.
public enum CodeCheckResult: Sendable, Hashable {
    /// The code is valid. Store ``CodeCheckMatch/counter`` as the new state.
    case accepted(CodeCheckMatch)
    /// The code is valid for a step at or before the last accepted one: it was used
    /// already (or an older code was), so it is refused. The state stays as it was.
    case replayed(CodeCheckMatch)
    /// The code matches no step in the window.
    case rejected

    /// The match when the code was accepted, else `nil`.
    public var acceptedMatch: CodeCheckMatch? {
        if case let .accepted(match) = self { return match }
        return nil
    }
}
