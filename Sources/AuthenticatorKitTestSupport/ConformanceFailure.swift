/// A broken implementation requirement found by a conformance check: which requirement, and
/// what the implementation did instead. Thrown out of a test, its description says both.
public struct ConformanceFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The requirement, in words.
    public let requirement: String
    /// What happened instead.
    public let observed: String

    /// A failure of `requirement`, having seen `observed`.
    public init(requirement: String, observed: String) {
        self.requirement = requirement
        self.observed = observed
    }

    /// `<requirement>: <observed>`.
    public var description: String { "\(requirement): \(observed)" }
}

/// Shared steps of the conformance checks.
enum ConformanceStep {
    /// Fails unless `condition` holds.
    static func check(
        _ condition: Bool, _ requirement: String, observed: @autoclosure () -> String
    ) throws(ConformanceFailure) {
        if !condition { throw ConformanceFailure(requirement: requirement, observed: observed()) }
    }

    /// The value of `body`, or a failure of `requirement` if it throws.
    static func require<Value, Failure: Error>(
        _ requirement: String, _ body: () async throws(Failure) -> Value
    ) async throws(ConformanceFailure) -> Value {
        do {
            return try await body()
        } catch {
            throw ConformanceFailure(requirement: requirement, observed: "threw \(error)")
        }
    }

    /// Fails unless `body` throws exactly `expected`.
    static func expect<Value, Failure: Error & Equatable>(
        _ expected: Failure, _ requirement: String, _ body: () async throws(Failure) -> Value
    ) async throws(ConformanceFailure) {
        let outcome: Result<Value, Failure>
        do {
            outcome = .success(try await body())
        } catch {
            outcome = .failure(error)
        }
        switch outcome {
        case .success:
            throw ConformanceFailure(requirement: requirement, observed: "succeeded; expected \(expected)")
        case let .failure(error) where error == expected:
            return
        case let .failure(error):
            throw ConformanceFailure(requirement: requirement, observed: "threw \(error); expected \(expected)")
        }
    }
}
