// swift-tools-version: 6.1
import PackageDescription

/// AuthenticatorKit's libFuzzer harnesses, kept in their own package so that `swift test` of
/// the main package never builds them. One executable per parser of untrusted bytes; each is a
/// few lines around `FuzzDriver.runFuzzer`, and the properties it checks are the main
/// package's `AuthenticatorKitFuzzChecks` (which `swift test` replays on the corpora and
/// findings). Build and run them with `Fuzz/run` (Documentation/Fuzzing.md):
///
///     swift build -c release --package-path Fuzz --scratch-path .build-fuzz --product FuzzBase32 \
///         -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -use-ld=lld
let harnesses = [
    "TokenURI", "Base32", "BackupFile", "BackupPayload", "LocalVault", "EnrolmentPayload", "RecoveryCode",
    "AlternateContact",
    // Interop: every importer, and format detection.
    "ImportAegis", "ImportTwoFAS", "ImportGoogle", "ImportEnte", "ImportAndOTP", "ImportBitwarden",
    "ImportFreeOTPPlus", "ImportProton", "ImportMicrosoftAuthenticator", "ImportOtpauth", "ImportAuto",
]

let package = Package(
    name: "AuthenticatorKitFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [
        // `name:` makes the main package's name fixed; a plain path dependency is named
        // after its folder, which differs between clones and worktrees.
        .package(name: "AuthenticatorKit", path: ".."),
    ],
    targets: [
        // Declares libFuzzer's LLVMFuzzerRunDriver (linked by -sanitize=fuzzer).
        .target(name: "CFuzzerDriver", path: "Sources/CFuzzerDriver"),
        // Runs libFuzzer on one shared check.
        .target(
            name: "FuzzDriver",
            dependencies: ["CFuzzerDriver", .product(name: "AuthenticatorKitFuzzChecks", package: "AuthenticatorKit")],
            path: "Sources/FuzzDriver"
        ),
    ] + harnesses.map { name in
        .executableTarget(name: "Fuzz\(name)", dependencies: ["FuzzDriver"], path: "Harnesses/Fuzz\(name)")
    }
)
