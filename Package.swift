// swift-tools-version: 6.1
import PackageDescription

/// AuthenticatorKit: one-time codes, an account vault and encrypted backup and restore.
///
/// Library modules, lowest first; each target's dependencies below are exactly the modules its
/// files import (`.ci/check-module-graph` checks it; README.md draws the graph):
///
///     SodiumBridge            ← CSodium (the only code that calls libsodium)
///     OTP                     ← SodiumBridge, Crypto
///     BackupServices          ← SodiumBridge                (cloud and recovery-account contracts)
///     AccountModel            ← OTP, SodiumBridge, BackupServices, DurableStorage
///     BackupFormat            ← AccountModel, OTP, SodiumBridge, BackupServices
///     RestorePolicy           ← BackupFormat, AccountModel, BackupServices, OTP, SodiumBridge
///     VerificationFlow        ← AccountModel, OTP, SodiumBridge, BackupServices
///     Interop                 ← AccountModel, OTP, SodiumBridge, CSQLite, Crypto, CryptoExtras
///     AuthenticatorKit        ← all of the above but Interop, Logging (the umbrella; re-exports)
///
/// Products of their own: `AuthenticatorKitEmbedded` (embedded servers for examples and tests;
/// no library module depends on it), `AuthenticatorKitWebDAV` (a WebDAV cloud),
/// `AuthenticatorKitTestSupport` (conformance suites and doubles), `AuthenticatorKitFuzzChecks` (the
/// properties the `Fuzz/` package's libFuzzer harnesses check; not for apps). `DurableStorage` (atomic
/// files, locks) is package-internal.
let package = Package(
    name: "AuthenticatorKit",
    platforms: [.macOS(.v13), .iOS(.v16), .tvOS(.v16), .watchOS(.v9), .visionOS(.v1)],
    products: [
        .library(name: "AuthenticatorKit", targets: ["AuthenticatorKit"]),
        .library(name: "SodiumBridge", targets: ["SodiumBridge"]),
        .library(name: "OTP", targets: ["OTP"]),
        .library(name: "BackupServices", targets: ["BackupServices"]),
        .library(name: "AccountModel", targets: ["AccountModel"]),
        .library(name: "BackupFormat", targets: ["BackupFormat"]),
        .library(name: "RestorePolicy", targets: ["RestorePolicy"]),
        .library(name: "VerificationFlow", targets: ["VerificationFlow"]),
        .library(name: "AuthenticatorKitEmbedded", targets: ["AuthenticatorKitEmbedded"]),
        .library(name: "Interop", targets: ["Interop"]),
        .library(name: "AuthenticatorKitTestSupport", targets: ["AuthenticatorKitTestSupport"]),
        .library(name: "AuthenticatorKitWebDAV", targets: ["AuthenticatorKitWebDAV"]),
        // The fuzz harnesses' property checks, for the separate Fuzz/ package (not for apps).
        .library(name: "AuthenticatorKitFuzzChecks", targets: ["AuthenticatorKitFuzzChecks"]),
        .executable(name: "authenticator", targets: ["authenticator"]),
        .executable(name: "backup-restore-demo", targets: ["backup-restore-demo"]),
        .executable(name: "custom-backends-example", targets: ["custom-backends-example"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto", "4.5.2"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // `swift package generate-documentation` (.ci/run builds every library's docs with
        // warnings as errors); a command plugin, imported by no module.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // The C library and the one Swift module that calls it.
        .systemLibrary(
            name: "CSodium",
            pkgConfig: "libsodium",
            providers: [.apt(["libsodium-dev"]), .brew(["libsodium"])]
        ),
        .target(name: "SodiumBridge", dependencies: ["CSodium"]),
        // SQLite, for reading Microsoft Authenticator's database (Interop only).
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]
        ),
        // Atomic files and locks for the on-disk defaults (package-internal).
        .target(name: "DurableStorage"),

        // Library modules, lowest first. Each target's dependencies are exactly the modules
        // its files import.
        .target(name: "OTP", dependencies: ["SodiumBridge", .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "BackupServices", dependencies: ["SodiumBridge"]),
        .target(name: "AccountModel", dependencies: ["OTP", "SodiumBridge", "BackupServices", "DurableStorage"]),
        .target(name: "BackupFormat", dependencies: ["AccountModel", "OTP", "SodiumBridge", "BackupServices"]),
        .target(name: "RestorePolicy", dependencies: ["BackupFormat", "AccountModel", "BackupServices", "OTP", "SodiumBridge"]),
        .target(name: "VerificationFlow", dependencies: ["AccountModel", "OTP", "SodiumBridge", "BackupServices"]),
        .target(
            name: "AuthenticatorKit",
            dependencies: [
                "SodiumBridge", "OTP", "BackupServices", "AccountModel", "BackupFormat", "RestorePolicy",
                "VerificationFlow", .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // The embedded servers: a product of their own, for examples and tests.
        .target(
            name: "AuthenticatorKitEmbedded",
            dependencies: ["SodiumBridge", "OTP", "BackupServices", "AccountModel", "VerificationFlow", "DurableStorage"]
        ),
        .target(
            name: "AuthenticatorKitTestSupport",
            dependencies: ["AuthenticatorKit", "AuthenticatorKitEmbedded", .product(name: "Logging", package: "swift-log")]
        ),
        // Reading other authenticators' exports and writing ones they import; importing them
        // into a vault and exporting a vault's accounts (hence AccountModel).
        .target(
            name: "Interop",
            dependencies: [
                "OTP", "SodiumBridge", "AccountModel", "CSQLite",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ]
        ),
        // A cloud backup provider for any WebDAV server (RFC 4918): a portable backup location.
        .target(name: "AuthenticatorKitWebDAV", dependencies: ["BackupServices", "SodiumBridge"]),

        // Examples: apps built on the public API only.
        .executableTarget(
            name: "authenticator",
            dependencies: [
                "AuthenticatorKit", "AuthenticatorKitEmbedded", "AuthenticatorKitWebDAV", "Interop",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Examples/authenticator"
        ),
        .executableTarget(
            name: "backup-restore-demo",
            dependencies: ["AuthenticatorKit", "AuthenticatorKitEmbedded"],
            path: "Examples/backup-restore-demo"
        ),
        .executableTarget(
            name: "custom-backends-example",
            dependencies: ["AuthenticatorKit", "AuthenticatorKitEmbedded"],
            path: "Examples/custom-backends-example"
        ),

        // The property checks of every fuzz harness (Fuzz/, Documentation/Fuzzing.md), shared
        // by the libFuzzer harnesses and by FuzzReplayTests, which replays the seed corpora
        // and every input that ever failed.
        .target(
            name: "AuthenticatorKitFuzzChecks",
            dependencies: [
                "OTP", "SodiumBridge", "AccountModel", "BackupFormat", "BackupServices", "RestorePolicy", "VerificationFlow",
                "AuthenticatorKitEmbedded", "Interop", "AuthenticatorKitTestSupport",
            ],
            path: "Tests/FuzzChecks"
        ),

        // Tests: the executable spec.
        .testTarget(name: "SodiumBridgeTests", dependencies: ["SodiumBridge"], resources: [.copy("Vectors")]),
        .testTarget(name: "DurableStorageTests", dependencies: ["DurableStorage"]),
        .testTarget(
            name: "OTPTests",
            dependencies: ["OTP", "SodiumBridge", .product(name: "Crypto", package: "swift-crypto")],
            resources: [.copy("Vectors")]
        ),
        .testTarget(
            name: "AccountModelTests",
            dependencies: ["AccountModel", "OTP", "SodiumBridge", "BackupServices", "AuthenticatorKitTestSupport", "AccountStoreWriter"]
        ),
        // A second process for the file store's lock and crash tests.
        .executableTarget(
            name: "AccountStoreWriter", dependencies: ["AccountModel", "OTP", "SodiumBridge"], path: "Tests/AccountStoreWriter"
        ),
        .testTarget(
            name: "BackupFormatTests",
            dependencies: ["BackupFormat", "AccountModel", "OTP", "SodiumBridge", "AuthenticatorKitTestSupport"],
            resources: [.copy("Vectors")]
        ),
        .testTarget(
            name: "InteropTests",
            dependencies: ["Interop", "OTP", "SodiumBridge", "AccountModel"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "RestorePolicyTests",
            dependencies: [
                "RestorePolicy", "BackupFormat", "AccountModel", "BackupServices", "OTP", "SodiumBridge",
                "AuthenticatorKitTestSupport",
            ]
        ),
        .testTarget(
            name: "VerificationFlowTests",
            dependencies: ["VerificationFlow", "AccountModel", "SodiumBridge", "BackupServices", "AuthenticatorKitEmbedded", "AuthenticatorKitTestSupport"]
        ),
        .testTarget(
            name: "AuthenticatorKitTests",
            dependencies: [
                "AuthenticatorKit", "AuthenticatorKitEmbedded", "AuthenticatorKitTestSupport", "SodiumBridge",
                .product(name: "Logging", package: "swift-log"), "BackupCrashWriter",
            ]
        ),
        // A second process for the kill -9 tests: saves and backs up in a loop until killed.
        .executableTarget(
            name: "BackupCrashWriter", dependencies: ["AuthenticatorKit", "AuthenticatorKitEmbedded"], path: "Tests/BackupCrashWriter"
        ),
        // AuthenticatorKit and its test support: to write a vault file as an earlier version did.
        .testTarget(
            name: "AuthenticatorCLITests",
            dependencies: [
                "authenticator", "AuthenticatorKit", "AuthenticatorKitTestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The fuzz corpora (Fuzz/Corpus) and findings (Fuzz/Findings) through the harnesses' checks.
        .testTarget(name: "FuzzReplayTests", dependencies: ["AuthenticatorKitFuzzChecks"]),
        // Against real WebDAV servers (.ci/webdav/start-servers); skipped without them.
        .testTarget(
            name: "AuthenticatorKitWebDAVTests",
            dependencies: [
                "AuthenticatorKitWebDAV", "AuthenticatorKit", "AuthenticatorKitEmbedded", "SodiumBridge",
                "AuthenticatorKitTestSupport", "WebDAVRacer",
            ]
        ),
        // A second process racing the tests' uploads to the same WebDAV folder.
        .executableTarget(
            name: "WebDAVRacer", dependencies: ["AuthenticatorKitWebDAV", "BackupServices", "SodiumBridge"], path: "Tests/WebDAVRacer"
        ),
    ]
)
