import AuthenticatorKitFuzzChecks
import CFuzzerDriver
import Foundation

/// Runs libFuzzer on one of the shared property checks (`FuzzTarget.all`): every input is
/// passed to the target's check, and a property violation aborts the process, so libFuzzer
/// records the input as a crash (under `-artifact_prefix`, which `Fuzz/run` sets).
///
/// Each harness executable is one line around this: its `@_cdecl("<Target>_main")` calls it
/// with its target's name. A harness built without `-sanitize=fuzzer` has no
/// `LLVMFuzzerRunDriver` and does not link: build with `Fuzz/run` or the line in
/// Documentation/Fuzzing.md.
public func runFuzzer(
    named name: String, argc: Int32, argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>
) -> Int32 {
    guard let target = FuzzTarget.named(name) else {
        FileHandle.standardError.write(Data("no fuzz target named \(name)\n".utf8))
        return 2
    }
    // `Fuzz/Corpus/generate` sets FUZZ_WRITE_SEEDS to a folder: write the target's seeds there.
    if let folder = ProcessInfo.processInfo.environment["FUZZ_WRITE_SEEDS"] {
        return writeSeeds(of: target, to: URL(fileURLWithPath: folder))
    }
    FuzzDriverState.target = target
    // The setup (a sealed seed backup, a provider with an account…) before the first input.
    target.prepare()
    var count = argc
    var arguments: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in
        let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
        FuzzDriverState.run(bytes)
        return 0
    }
}

/// The target of this process (set once, before libFuzzer starts; libFuzzer calls back on
/// one thread).
enum FuzzDriverState {
    nonisolated(unsafe) static var target: FuzzTarget?

    static func run(_ bytes: [UInt8]) {
        guard let target else { return }
        if let violation = target.violation(for: bytes) {
            FileHandle.standardError.write(Data("\nPROPERTY VIOLATED in \(target.name): \(violation)\n".utf8))
            abort()
        }
    }
}

/// Writes `target`'s generated seeds into `folder`, one file per seed named after it, after
/// checking that each keeps the target's properties. 0 on success.
func writeSeeds(of target: FuzzTarget, to folder: URL) -> Int32 {
    do {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for seed in target.seeds() {
            if let violation = target.violation(for: seed.bytes) {
                FileHandle.standardError.write(Data("seed \(seed.name) of \(target.name) violates \(violation)\n".utf8))
                return 1
            }
            try Data(seed.bytes).write(to: folder.appendingPathComponent(seed.name), options: .atomic)
        }
        print("\(target.name): \(target.seeds().count) seeds in \(folder.path)")
        return 0
    } catch {
        FileHandle.standardError.write(Data("cannot write the seeds of \(target.name): \(error)\n".utf8))
        return 1
    }
}
