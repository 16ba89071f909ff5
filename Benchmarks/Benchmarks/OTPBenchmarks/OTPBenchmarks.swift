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
///
/// TOTP verification with the default window (issue 14), reported per check, next to three
/// codes and a comparison: the HMAC work a ±1 check cannot avoid.
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

    // TOTP verify ±1 (issue 14): `check` of a 6-digit SHA-1 code with the default window
    // (previous, current and next step), next to what it must cost at least: three codes
    // and a comparison. Target: ≤ 1.5× the three codes, and no heap allocation.
    let unixTime: Int64 = 1_700_000_000
    if let totp = try? Generator(factor: .timer(period: 30), secret: secret),
       let counter = try? totp.counter(atUnixTime: unixTime) {
        // A code of the previous step (accepted at offset −1) and one of no step in the window.
        let previous = totp.code(forCounter: counter - 1)
        let window = Set(((counter - 1)...(counter + 1)).map { totp.code(forCounter: $0) })
        let wrong = (0...9).map { String(repeating: String($0), count: 6) }.first { !window.contains($0) } ?? "000000"
        for (label, typed) in [("code of the previous step", previous), ("wrong code", wrong)] {
            Benchmark("TOTP verify ±1, 6 digits, SHA1, \(label)") { benchmark in
                for _ in benchmark.scaledIterations {
                    blackHole(try totp.check(typed, atUnixTime: unixTime))
                }
            }
        }
        Benchmark("Three TOTP codes + compare (verify ±1's HMAC cost), SHA1") { benchmark in
            for _ in benchmark.scaledIterations {
                var matched = false
                for step in (counter - 1)...(counter + 1) {
                    matched = (totp.code(forCounter: step) == previous) || matched
                }
                blackHole(matched)
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
