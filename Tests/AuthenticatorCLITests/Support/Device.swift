import Foundation
import Testing

/// A folder holding simulated devices that share one cloud and one services folder, the
/// way the `authenticator` story runs them: each device is its own `--home`, all get the
/// same `--cloud` and `--services`, and the same clock (`--now`, unless a command gives its
/// own), so that sessions and codes do not depend on the day the tests run. Password
/// hashing runs at test costs (`AUTHENTICATOR_FAST_KDF=1`) so that the tests stay quick.
final class DeviceWorld: Sendable {
    /// The world's time: 2027-01-15T08:00:00Z.
    static let now = "1800000000"

    /// The folder; removed when the world goes away.
    let root: URL
    /// The shared cloud.
    var cloud: URL { root.appendingPathComponent("cloud") }
    /// The shared services.
    var services: URL { root.appendingPathComponent("services") }

    /// The environment every run gets.
    static let environment: [String: String?] = ["AUTHENTICATOR_FAST_KDF": "1", "AUTHENTICATOR_HOME": nil]

    /// A new, empty world.
    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("authenticator-world-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    /// The device named `name`.
    func device(_ name: String) -> Device {
        Device(world: self, name: name)
    }

    /// Writes `text` to a file in the world and returns its path (for `--password-file`).
    func file(_ name: String, _ text: String) throws -> String {
        let url = root.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// The path of `name` in the world (which need not exist).
    func path(_ name: String) -> String {
        root.appendingPathComponent(name).path
    }
}

/// One simulated device of a ``DeviceWorld``.
struct Device {
    /// Its world.
    let world: DeviceWorld
    /// Its name, and its home's name in the world.
    let name: String

    /// Its `--home`.
    var home: URL { world.root.appendingPathComponent(name) }

    /// The options every command of this device gets.
    var globalOptions: [String] { ["--home", home.path, "--cloud", world.cloud.path, "--services", world.services.path] }

    /// The global options, with the world's `--now` unless `arguments` give one.
    func options(for arguments: [String]) -> [String] {
        arguments.contains("--now") ? globalOptions : globalOptions + ["--now", DeviceWorld.now]
    }

    /// Runs `authenticator arguments… <global options>`.
    func run(_ arguments: [String], input: String = "", mode: CLI.Mode = .inProcess) async throws -> CLI.Result {
        try await CLI.run(arguments + options(for: arguments), input: input, environment: DeviceWorld.environment, mode: mode)
    }

    /// Runs a command that must succeed quietly on standard error, and returns its standard
    /// output without the final line break.
    @discardableResult
    func succeed(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        let result = try await run(arguments)
        #expect(result.status == 0, "\(arguments): \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.isEmpty, "\(arguments): \(result.stderr)", sourceLocation: sourceLocation)
        return result.stdout.hasSuffix("\n") ? String(result.stdout.dropLast()) : result.stdout
    }

    /// Runs a command that must fail with the error contract; returns the message.
    @discardableResult
    func fail(_ arguments: [String], caseName: String, status: Int32 = 65, sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        try await CLI.expectError(arguments + options(for: arguments), caseName: caseName, status: status, environment: DeviceWorld.environment, sourceLocation: sourceLocation)
    }

    /// The lines of `list`, each split into its tab-separated fields.
    func list() async throws -> [[String]] {
        let output = try await succeed(["list"])
        return output.isEmpty ? [] : output.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }

    // Set-up without a command line (`initialise`, `addThirdParty`…): DeviceSetUp.swift.
}

/// A JSON document as Foundation reads it, for tests that look inside `--json` output.
func jsonObject(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], sourceLocation: sourceLocation)
}
