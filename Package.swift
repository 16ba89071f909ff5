// swift-tools-version: 6.1
import PackageDescription

/// AuthenticatorKit: one-time codes, an account vault and encrypted backup and restore.
///
/// Modules, lowest first: `OTP` → `AccountModel` → `BackupFormat` → `RestorePolicy`
/// → `VerificationFlow` → `AuthenticatorKit`. `SodiumBridge` is the only code that calls
/// libsodium; `CSodium` is its system-library shim.
let package = Package(
    name: "AuthenticatorKit",
    platforms: [.macOS(.v13), .iOS(.v16), .tvOS(.v16), .watchOS(.v9), .visionOS(.v1)],
    products: [
        .library(name: "AuthenticatorKit", targets: ["AuthenticatorKit"]),
        .library(name: "OTP", targets: ["OTP"]),
        .library(name: "AccountModel", targets: ["AccountModel"]),
        .library(name: "BackupFormat", targets: ["BackupFormat"]),
        .library(name: "RestorePolicy", targets: ["RestorePolicy"]),
        .library(name: "VerificationFlow", targets: ["VerificationFlow"]),
        .library(name: "AuthenticatorKitTestSupport", targets: ["AuthenticatorKitTestSupport"]),
        .library(name: "AuthenticatorKitWebDAV", targets: ["AuthenticatorKitWebDAV"]),
        .executable(name: "authenticator", targets: ["authenticator"]),
        .executable(name: "backup-restore-demo", targets: ["backup-restore-demo"]),
        .executable(name: "custom-backends-example", targets: ["custom-backends-example"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto", "4.5.2"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // The C library and the one Swift module that calls it.
        .systemLibrary(
            name: "CSodium",
            pkgConfig: "libsodium",
            providers: [.apt(["libsodium-dev"]), .brew(["libsodium"])]
        ),
        .target(name: "SodiumBridge", dependencies: ["CSodium"]),
        // Atomic files and locks for the embedded on-disk defaults (package-internal).
        .target(name: "DurableStorage"),

        // Library modules, lowest first.
        .target(
            name: "OTP",
            dependencies: ["SodiumBridge", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(name: "AccountModel", dependencies: ["OTP", "SodiumBridge", "DurableStorage"]),
        .target(
            name: "BackupFormat",
            dependencies: ["AccountModel", "OTP", "SodiumBridge", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(name: "RestorePolicy", dependencies: ["BackupFormat", "AccountModel"]),
        .target(name: "VerificationFlow", dependencies: ["RestorePolicy", "AccountModel", "OTP", "SodiumBridge", "DurableStorage"]),
        .target(
            name: "AuthenticatorKit",
            dependencies: ["OTP", "AccountModel", "BackupFormat", "RestorePolicy", "VerificationFlow", "SodiumBridge", "DurableStorage"]
        ),
        .target(name: "AuthenticatorKitTestSupport", dependencies: ["AuthenticatorKit", "AccountModel"]),
        // A cloud backup provider for any WebDAV server (RFC 4918): a portable backup location.
        .target(name: "AuthenticatorKitWebDAV", dependencies: ["AuthenticatorKit", "SodiumBridge"]),

        // Examples: apps built on the public API only.
        .executableTarget(
            name: "authenticator",
            dependencies: ["AuthenticatorKit", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Examples/authenticator"
        ),
        .executableTarget(
            name: "backup-restore-demo",
            dependencies: ["AuthenticatorKit"],
            path: "Examples/backup-restore-demo"
        ),
        .executableTarget(
            name: "custom-backends-example",
            dependencies: ["AuthenticatorKit"],
            path: "Examples/custom-backends-example"
        ),

        // Tests: the executable spec.
        .testTarget(name: "SodiumBridgeTests", dependencies: ["SodiumBridge"]),
        .testTarget(name: "DurableStorageTests", dependencies: ["DurableStorage"]),
        .testTarget(
            name: "OTPTests",
            dependencies: ["OTP", .product(name: "Crypto", package: "swift-crypto")],
            resources: [.copy("Vectors")]
        ),
        .testTarget(
            name: "AccountModelTests",
            dependencies: ["AccountModel", "AuthenticatorKitTestSupport", "AccountStoreWriter"]
        ),
        // A second process for the file store's lock and crash tests.
        .executableTarget(name: "AccountStoreWriter", dependencies: ["AccountModel"], path: "Tests/AccountStoreWriter"),
        .testTarget(
            name: "BackupFormatTests",
            dependencies: ["BackupFormat", "AuthenticatorKitTestSupport"],
            resources: [.copy("Vectors")]
        ),
        .testTarget(name: "RestorePolicyTests", dependencies: ["RestorePolicy", "AuthenticatorKitTestSupport"]),
        .testTarget(name: "VerificationFlowTests", dependencies: ["VerificationFlow", "AuthenticatorKitTestSupport"]),
        .testTarget(name: "AuthenticatorKitTests", dependencies: ["AuthenticatorKit", "AuthenticatorKitTestSupport"]),
        .testTarget(name: "AuthenticatorCLITests", dependencies: ["authenticator"]),
        // Against real WebDAV servers (.ci/webdav/start-servers); skipped without them.
        .testTarget(
            name: "AuthenticatorKitWebDAVTests",
            dependencies: ["AuthenticatorKitWebDAV", "AuthenticatorKitTestSupport", "WebDAVRacer"]
        ),
        // A second process racing the tests' uploads to the same WebDAV folder.
        .executableTarget(name: "WebDAVRacer", dependencies: ["AuthenticatorKitWebDAV"], path: "Tests/WebDAVRacer"),
    ]
)
