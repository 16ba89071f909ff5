/// An error of the SDK that an app can show and a script can match.
///
/// Every module's error enum conforms. ``message`` explains the problem in plain words and
/// never contains secret material; ``caseName`` is the Swift case name (`emptySecret`,
/// `invalidBase32Character`…), stable across releases, which the `authenticator` reference
/// app prints as `error: <caseName>: <message>`.
///
/// Conforming enums must not also conform to `CustomStringConvertible`: ``caseName`` reads
/// the case from the standard `String(describing:)` rendering of the value.
public protocol ReportableError: Error, Sendable {
    /// What was wrong, in plain words, without secrets.
    var message: String { get }
}

extension ReportableError {
    /// The Swift case name of this error, e.g. `invalidBase32Character`.
    public var caseName: String {
        let rendered = String(describing: self)
        return String(rendered.prefix { $0 != "(" })
    }
}
