import AuthenticatorKit
import Benchmark

/// Sealing and opening backups (issue 4, section 4). A placeholder until the backup format
/// lands: it only keeps the target building against the `AuthenticatorKit` product.
let benchmarks: @Sendable () -> Void = {
    Benchmark("Placeholder: 32 random bytes") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(SecureBytes(randomCount: 32))
        }
    }
}
