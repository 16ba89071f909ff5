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
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
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
        // Sealing and opening backups (issues 4 and 14), next to libsodium's primitives over
        // the same bytes.
        .executableTarget(
            name: "BackupBenchmarks",
            dependencies: [
                "BenchmarkVaults", "CLibsodium",
                .product(name: "AuthenticatorKit", package: "AuthenticatorKit"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/BackupBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // The vaults the benchmarks and `make-vault` build: N accounts of mixed kinds from a
        // seed, through the public API only.
        .target(
            name: "BenchmarkVaults",
            dependencies: [.product(name: "AuthenticatorKit", package: "AuthenticatorKit")],
            path: "Sources/BenchmarkVaults"
        ),
        // `swift run --package-path Benchmarks make-vault --accounts N --output F --password-file P`
        // (Benchmarks/README.md): a sealed backup, and optionally a CLI vault, for the
        // whole-process benchmarks (`measure-commands`).
        .executableTarget(
            name: "make-vault",
            dependencies: [
                "BenchmarkVaults",
                .product(name: "AuthenticatorKit", package: "AuthenticatorKit"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/make-vault"
        ),
        // libsodium itself, for the baselines (SodiumBridge's wrappers are `package` API).
        .systemLibrary(
            name: "CLibsodium",
            path: "Sources/CLibsodium",
            pkgConfig: "libsodium",
            providers: [.apt(["libsodium-dev"]), .brew(["libsodium"])]
        ),
    ]
)
