import Benchmark
import OTP
import SodiumBridge

/// HOTP codes for one secret, in process, through the public API an app calls:
/// one `Generator` per secret, then `code(forCounter:)` for consecutive counters, as
/// `authenticator code --hotp --window N` and HOTP look-ahead verification do.
///
/// The throughput column is codes per second (each iteration computes 1,000 codes; the
/// scaling factor makes the tool report per code). Target: ≥ 5 million codes/s on one core
/// for SHA-1 (issue 3, section 4).
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.throughput, .wallClock, .mallocCountTotal],
        timeUnits: .nanoseconds,
        warmupIterations: 10,
        scalingFactor: .kilo,
        maxDuration: .seconds(2),
        maxIterations: 1_000_000
    )

    // RFC 4226 Appendix D's secret ('12345678901234567890'); its length does not matter for
    // speed as long as it fits in one hash block.
    let secret = SecureBytes(copying: Array("12345678901234567890".utf8))

    for algorithm in Algorithm.allCases {
        // Built outside the measured closure: a generator is made once per secret.
        guard let generator = try? Generator(factor: .counter(0), secret: secret, algorithm: algorithm) else {
            continue
        }
        Benchmark("HOTP code, 6 digits, \(algorithm.uriName)") { benchmark in
            var counter: UInt64 = 0
            for _ in benchmark.scaledIterations {
                blackHole(generator.code(forCounter: counter))
                counter &+= 1
            }
        }
    }

    // Creating a generator (the HMAC key schedule) for each code, for comparison: what an
    // app pays if it does not keep its generators.
    Benchmark("HOTP code with a new Generator per code, SHA1") { benchmark in
        var counter: UInt64 = 0
        for _ in benchmark.scaledIterations {
            if let generator = try? Generator(factor: .counter(counter), secret: secret) {
                blackHole(generator.code(forCounter: counter))
            }
            counter &+= 1
        }
    }
}
