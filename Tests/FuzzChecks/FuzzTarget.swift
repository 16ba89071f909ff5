import SodiumBridge

/// One parser that takes untrusted bytes, and the properties it must keep for every input.
///
/// The same value drives the libFuzzer harness of the `Fuzz/` package (`Fuzz<Name>`) and the
/// replay of its seed corpus and findings in `swift test` (`FuzzReplayTests`), so that an input
/// that ever failed keeps being checked by the ordinary test suite, without a sanitizer.
///
/// Every check is synchronous: libFuzzer calls back on one thread and expects the input to be
/// finished with when the call returns. Checks that need an `async` API wait for it on a
/// thread of their own (``blockingWait(_:)``), never on the caller's.
public struct FuzzTarget: Sendable {
    /// The name: the corpus folder `Fuzz/Corpus/<name>/`, the findings folder
    /// `Fuzz/Findings/<name>/` and the harness executable `Fuzz<name>`.
    public let name: String
    /// What the check asserts, in one sentence (Documentation/Fuzzing.md lists them).
    public let summary: String
    private let setUp: @Sendable () -> Void
    private let check: @Sendable ([UInt8]) throws(PropertyViolation) -> Void

    init(
        _ name: String, _ summary: String, setUp: @escaping @Sendable () -> Void = {},
        check: @escaping @Sendable ([UInt8]) throws(PropertyViolation) -> Void
    ) {
        self.name = name
        self.summary = summary
        self.setUp = setUp
        self.check = check
    }

    /// Does the target's one-time setup (sealing its seed backup, creating its provider
    /// account…), so that the first input is not timed with it. Idempotent.
    public func prepare() { setUp() }

    /// The property `bytes` violate, or `nil` when every property holds (a parser that
    /// refuses the input with its typed error keeps them).
    public func violation(for bytes: [UInt8]) -> PropertyViolation? {
        do throws(PropertyViolation) {
            try check(bytes)
            return nil
        } catch {
            return error
        }
    }

    /// The seeds this target's corpus starts from, built from the published formats with
    /// fixed keys (`Fuzz/run seeds` writes them to `Fuzz/Corpus/<name>/`); the interop
    /// targets' seeds are copies of `Tests/InteropTests/Fixtures` instead, and have none here.
    public func seeds() -> [(name: String, bytes: [UInt8])] {
        Seeds.of(name)
    }

    /// How many inputs this process gave the target that its parser accepted (a token, a
    /// payload, a vault… and not a refusal), so the replay can tell that the seeds reach
    /// the properties behind the parser and not only its refusals.
    public var acceptedInputs: Int { Acceptances.count(of: name) }

    /// The target called `name`, if any.
    public static func named(_ name: String) -> FuzzTarget? {
        all.first { $0.name == name }
    }

    /// Every target, one per parser of untrusted bytes.
    public static let all: [FuzzTarget] = [
        .tokenURI, .base32, .backupFile, .backupPayload, .localVault, .enrolmentPayload, .recoveryCode,
        .alternateContact,
    ] + InteropTargets.all
}

/// A property a parser broke for an input: what was expected, and what happened.
public struct PropertyViolation: Error, CustomStringConvertible {
    /// The property, e.g. "Token.uri parses back to an equal token".
    public let property: String
    /// What happened instead (never a secret).
    public let detail: String

    init(_ property: String, _ detail: String) {
        self.property = property
        self.detail = detail
    }

    /// `property: detail`.
    public var description: String { "\(property): \(detail)" }
}

/// Throws `PropertyViolation(property, detail())` unless `condition` holds.
func require(
    _ condition: Bool, _ property: String, _ detail: @autoclosure () -> String = ""
) throws(PropertyViolation) {
    if !condition { throw PropertyViolation(property, detail()) }
}

/// The count of accepted inputs per target (``FuzzTarget/acceptedInputs``).
enum Acceptances {
    private static let lock = Lock()
    /// Guarded by ``lock``.
    nonisolated(unsafe) private static var counts: [String: Int] = [:]

    static func note(_ target: String) {
        lock.withLock { counts[target, default: 0] += 1 }
    }

    static func count(of target: String) -> Int {
        lock.withLock { counts[target, default: 0] }
    }
}
