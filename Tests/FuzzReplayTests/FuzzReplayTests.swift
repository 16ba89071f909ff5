import AuthenticatorKitFuzzChecks
import Foundation
import Testing

/// Every seed of the fuzz corpora (`Fuzz/Corpus/<target>/`) and every input that ever failed
/// (`Fuzz/Findings/<target>/`) through the same property checks as the libFuzzer harnesses
/// (Documentation/Fuzzing.md), without a sanitizer: a finding, once fixed, stays fixed.
@Suite struct FuzzReplayTests {
    /// The repository's `Fuzz/` folder, found from this file.
    static let fuzzFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz")

    /// The inputs under `Fuzz/<folder>/<target>/` (README files are not inputs).
    static func inputs(in folder: String, of target: FuzzTarget) throws -> [URL] {
        let directory = fuzzFolder.appendingPathComponent(folder).appendingPathComponent(target.name)
        guard FileManager.default.fileExists(atPath: directory.path) else { return [] }
        return try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { !$0.lastPathComponent.hasPrefix(".") && $0.lastPathComponent != "README.md" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    @Test("every seed and every finding keeps the harness's properties", arguments: FuzzTarget.all.map(\.name))
    func replaysCorpusAndFindings(of name: String) async throws {
        let target = try #require(FuzzTarget.named(name))
        let seeds = try Self.inputs(in: "Corpus", of: target)
        #expect(!seeds.isEmpty, "Fuzz/Corpus/\(name)/ has no seeds")
        var inputs: [(file: String, bytes: [UInt8])] = []
        for file in try seeds + Self.inputs(in: "Findings", of: target) {
            inputs.append((file.lastPathComponent, try [UInt8](Data(contentsOf: file))))
        }
        let replayed = inputs
        for (file, violation) in await Self.violations(of: target, for: replayed) {
            Issue.record("\(name)/\(file): \(violation)")
        }
        // A corpus that the parser refuses whole would check nothing behind the refusal.
        #expect(target.acceptedInputs > 0, "the parser of \(name) accepts none of its seeds")
    }

    @Test("every check has a harness in Fuzz/Package.swift, a corpus and a findings folder, and no harness lacks a check")
    func everyCheckHasAHarness() throws {
        let manifest = try String(contentsOf: Self.fuzzFolder.appendingPathComponent("Package.swift"), encoding: .utf8)
        let list = try #require(manifest.range(of: "let harnesses = [").map { manifest[$0.upperBound...] })
        let names = list[..<(list.range(of: "]")?.lowerBound ?? list.endIndex)]
            .split(separator: "\"").enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
        #expect(names.sorted() == FuzzTarget.all.map(\.name).sorted())
        #expect(Set(names).count == names.count, "a harness is listed twice")
        for target in FuzzTarget.all {
            let findings = Self.fuzzFolder.appendingPathComponent("Findings/\(target.name)/README.md")
            #expect(FileManager.default.fileExists(atPath: findings.path), "Fuzz/Findings/\(target.name)/ is missing")
            let harness = Self.fuzzFolder.appendingPathComponent("Harnesses/Fuzz\(target.name)/Fuzz\(target.name).swift")
            let source = try String(contentsOf: harness, encoding: .utf8)
            #expect(source.contains("@_cdecl(\"Fuzz\(target.name)_main\")") && source.contains("named: \"\(target.name)\""))
        }
    }

    /// The violations of `inputs`, checked on a thread of their own as libFuzzer does (a
    /// check may wait for an `async` API, which must not block a thread of the pool).
    static func violations(
        of target: FuzzTarget, for inputs: [(file: String, bytes: [UInt8])]
    ) async -> [(String, PropertyViolation)] {
        await withCheckedContinuation { continuation in
            Thread {
                target.prepare()
                continuation.resume(returning: inputs.compactMap { input in
                    target.violation(for: input.bytes).map { (input.file, $0) }
                })
            }.start()
        }
    }
}
