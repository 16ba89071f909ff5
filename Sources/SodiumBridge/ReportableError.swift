/// An error of the SDK that an app can show and a script can match.
///
/// Every module's error enum conforms. ``message`` explains the problem in plain words and
/// never contains secret material; ``caseName`` is the Swift case name (`emptySecret`,
/// `invalidBase32Character`…), stable across releases, which the `authenticator` reference
/// app prints as `error: <caseName>: <message>`.
public protocol ReportableError: Error, Sendable {
    /// What was wrong, in plain words, without secrets.
    var message: String { get }

    /// The Swift case name of this error, e.g. `invalidBase32Character`.
    ///
    /// Scripts match it, so it is part of the contract: conforming enums return a string
    /// literal from an exhaustive `switch` (never a rendering of the value, which changes
    /// when reflection metadata is stripped), and their tests pin every case to its name.
    var caseName: String { get }
}
