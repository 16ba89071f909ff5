/// How many time steps around the current one a TOTP checker accepts, to absorb clock
/// drift and the seconds a user needs to type.
///
/// RFC 6238 section 5.2 recommends at most one step of tolerance: ``default`` accepts the
/// previous, current and next step.
public struct CodeCheckWindow: Sendable, Hashable {
    /// Steps before the current one that are accepted.
    public var behind: UInt32
    /// Steps after the current one that are accepted.
    public var ahead: UInt32

    /// A window of `behind` steps before and `ahead` steps after the current one.
    public init(behind: UInt32, ahead: UInt32) {
        self.behind = behind
        self.ahead = ahead
    }

    /// `steps` steps either side of the current one.
    public static func symmetric(_ steps: UInt32) -> CodeCheckWindow {
        CodeCheckWindow(behind: steps, ahead: steps)
    }

    /// One step either side: the previous, current and next codes are accepted.
    public static let `default` = CodeCheckWindow.symmetric(1)

    /// The current step only.
    public static let exact = CodeCheckWindow.symmetric(0)
}
