// swift-tools-version: 6.1
import PackageDescription

/// AuthenticatorKit's benchmarks, kept in their own package so that `swift test` of the main
/// package never builds them. Run from the repository root:
///
///     swift package --package-path Benchmarks benchmark
///
/// See Benchmarks/README.md for the measured numbers.
let package = Package(
    name: "AuthenticatorKitBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        // `name:` makes the main package's name fixed; a plain path dependency is named
        // after its folder, which differs between clones and worktrees.
        .package(name: "AuthenticatorKit", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // HOTP codes for one secret, in process (codes per second), SHA-1/256/512.
        .executableTarget(
            name: "OTPBenchmarks",
            dependencies: [
                .product(name: "OTP", package: "AuthenticatorKit"),
                .product(name: "SodiumBridge", package: "AuthenticatorKit"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/OTPBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // Sealing and opening backups (issue 4).
        .executableTarget(
            name: "BackupBenchmarks",
            dependencies: [
                .product(name: "AuthenticatorKit", package: "AuthenticatorKit"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/BackupBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
