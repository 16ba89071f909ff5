import AuthenticatorKit

/// Something in the story did not happen as it should: the demo stops and exits non-zero.
struct DemoFailure: Error, CustomStringConvertible {
    /// What went wrong, in plain words.
    let description: String

    init(_ description: String) {
        self.description = description
    }

    /// An SDK call threw where the story expected it to succeed.
    init(while doing: String, _ error: any Error) {
        if let reportable = error as? any ReportableError {
            self.description = "\(doing) failed: \(reportable.caseName): \(reportable.message)"
        } else {
            self.description = "\(doing) failed: \(error)"
        }
    }
}

/// Stops the story unless `condition` holds.
func require(_ condition: Bool, _ what: @autoclosure () -> String) throws(DemoFailure) {
    guard condition else { throw DemoFailure("expected \(what())") }
}

/// Runs `body`, turning whatever it throws into a ``DemoFailure`` that says which step failed.
func attempt<Value>(_ doing: String, _ body: () async throws -> Value) async throws(DemoFailure) -> Value {
    do {
        return try await body()
    } catch let failure as DemoFailure {
        throw failure
    } catch {
        throw DemoFailure(while: doing, error)
    }
}
