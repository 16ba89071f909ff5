import Foundation
import Testing

/// Bad input of any kind: non-zero exit, nothing on standard output, one line
/// `error: <case>: <what was wrong>` on standard error, never a crash or a help dump.
@Suite("authenticator error contract")
struct ErrorContractTests {
    // MARK: SDK errors (status 65), named by their case

    @Test func anInvalidBase32SecretNamesTheCharacterAndPosition() async throws {
        let message = try await CLI.expectError(["code", "--secret", "GEZD1NBV"], caseName: "invalidBase32Character", status: 65)
        #expect(message == "'1' at position 4 is not a Base32 character (A–Z, 2–7)")
        try await CLI.expectError(["code", "--secret", "GE=ZDGNBV"], caseName: "misplacedBase32Padding", status: 65)
        try await CLI.expectError(["code", "--secret", "GEZ"], caseName: "invalidBase32Length", status: 65)
        try await CLI.expectError(["code", "--secret", ""], caseName: "emptySecret", status: 65)
        try await CLI.expectError(["code", "--secret-file", "-"], caseName: "emptySecret", status: 65, input: "\n")
    }

    @Test func parametersOutOfRangeAreSDKErrors() async throws {
        try await CLI.expectError(["code", "--secret", rfcSHA1Secret, "--digits", "5"], caseName: "digitsOutOfRange", status: 65)
        try await CLI.expectError(["code", "--secret", rfcSHA1Secret, "--digits", "11"], caseName: "digitsOutOfRange", status: 65)
        try await CLI.expectError(["code", "--secret", rfcSHA1Secret, "--period", "0"], caseName: "invalidPeriod", status: 65)
        try await CLI.expectError(["code", "--secret", rfcSHA1Secret, "--algorithm", "md5"], caseName: "unknownAlgorithm", status: 65)
        try await CLI.expectError(["uri", "format", "--type", "motp", "--account", "a", "--secret", rfcSHA1Secret], caseName: "unknownType", status: 65)
    }

    @Test func aTimeBeforeT0IsAnError() async throws {
        let message = try await CLI.expectError(["code", "--secret", rfcSHA1Secret, "--t0", "100", "--time", "99"], caseName: "timeBeforeT0", status: 65)
        #expect(message == "time 99 is before T0 100")
        try await CLI.expectError(["check", "--secret", rfcSHA1Secret, "--t0", "100", "--time", "99", "--code", "123456"], caseName: "timeBeforeT0", status: 65)
    }

    @Test func anHOTPWindowPastTheLastCounterIsAnError() async throws {
        try await CLI.expectError(["code", "--hotp", "--secret", rfcSHA1Secret, "--counter", "18446744073709551614", "--window", "2"], caseName: "counterOverflow", status: 65)
        // 2⁶⁴ − 1 is no counter at all: no generator holds it.
        try await CLI.expectError(["code", "--hotp", "--secret", rfcSHA1Secret, "--counter", "18446744073709551615"], caseName: "counterOutOfRange", status: 65)
    }

    @Test func everyMalformedURIGetsItsOwnCase() async throws {
        let cases: [(String, String)] = [
            ("https://example.com", "invalidScheme"),
            ("otpauth:totp/a?secret=GEZDGNBVGY3TQOJQ", "missingType"),
            ("otpauth://motp/a?secret=GEZDGNBVGY3TQOJQ", "unknownType"),
            ("otpauth://totp?secret=GEZDGNBVGY3TQOJQ", "missingLabel"),
            ("otpauth://totp/a%zz?secret=GEZDGNBVGY3TQOJQ", "invalidPercentEncoding"),
            ("otpauth://totp/a?secret=GEZDGNBVGY3TQOJQ&secret=GEZDGNBVGY3TQOJQ", "duplicateParameter"),
            ("otpauth://totp/a?issuer=x", "missingSecret"),
            ("otpauth://totp/a?secret=GEZ1", "invalidBase32Character"),
            ("otpauth://totp/a?secret=GEZDGNBVGY3TQOJQ&algorithm=MD5", "unknownAlgorithm"),
            ("otpauth://totp/a?secret=GEZDGNBVGY3TQOJQ&encoder=yandex", "unknownEncoder"),
            ("otpauth://totp/a?secret=GEZDGNBVGY3TQOJQ&digits=six", "invalidDigitsParameter"),
            ("otpauth://totp/a?secret=GEZDGNBVGY3TQOJQ&digits=12", "digitsOutOfRange"),
            ("otpauth://totp/a?secret=GEZDGNBVGY3TQOJQ&period=x", "invalidPeriodParameter"),
            ("otpauth://totp/a?secret=GEZDGNBVGY3TQOJQ&period=0", "invalidPeriod"),
            ("otpauth://hotp/a?secret=GEZDGNBVGY3TQOJQ", "missingCounter"),
            ("otpauth://hotp/a?secret=GEZDGNBVGY3TQOJQ&counter=-1", "invalidCounterParameter"),
            ("otpauth://totp/a?secret=GEZDGNBVGY3TQOJQ&t0=x", "invalidT0Parameter"),
        ]
        for (uri, caseName) in cases {
            try await CLI.expectError(["uri", "parse", uri], caseName: caseName, status: 65)
            try await CLI.expectError(["code", "--uri", uri, "--time", "59"], caseName: caseName, status: 65)
        }
    }

    @Test func errorMessagesNeverContainTheSecret() async throws {
        let secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJ1"
        let result = try await CLI.run(["code", "--secret", secret])
        #expect(result.status == 65)
        #expect(!result.stderr.contains("GEZDGNBV"))
        let uri = try await CLI.run(["uri", "parse", "otpauth://totp/a?secret=GEZDGNBVGY3TQOJQ&digits=99"])
        #expect(!uri.stderr.contains("GEZDGNBV"))
    }

    // MARK: App errors

    @Test func anUnreadableSecretFileIsStatus66() async throws {
        let message = try await CLI.expectError(["code", "--secret-file", "/nonexistent/secret"], caseName: "unreadableSecretFile", status: 66)
        #expect(message == "cannot read the secret file '/nonexistent/secret': no such file")
        try await CLI.expectError(["code", "--secret-file", FileManager.default.temporaryDirectory.path], caseName: "unreadableSecretFile", status: 66)
    }

    // MARK: Usage errors (status 64): one line, no help dump

    @Test func usageErrorsAreOneLine() async throws {
        let cases: [([String], String)] = [
            (["code"], "missing --secret or --secret-file"),
            (["code", "--secret", "A", "--secret-file", "x"], "--secret and --secret-file cannot be used together"),
            (["code", "--bogus"], "Unknown option '--bogus'"),
            (["frobnicate"], "Unexpected argument 'frobnicate'"),
            (["code", "--secret", rfcSHA1Secret, "--digits", "abc"], "The value 'abc' is invalid for '--digits <N>'"),
            (["code", "--uri", "otpauth://totp/a?secret=A", "--secret", rfcSHA1Secret], "--uri cannot be combined with --secret"),
            (["code", "--hotp", "--secret", rfcSHA1Secret], "--hotp needs --counter"),
            (["code", "--hotp", "--steam", "--counter", "0", "--secret", rfcSHA1Secret], "--hotp and --steam cannot be used together"),
            (["code", "--counter", "3", "--secret", rfcSHA1Secret], "--counter needs --hotp"),
            (["code", "--window", "3", "--secret", rfcSHA1Secret], "--window needs --hotp"),
            (["code", "--hotp", "--counter", "0", "--time", "5", "--secret", rfcSHA1Secret], "--time cannot be used with --hotp"),
            (["code", "--steam", "--digits", "8", "--secret", rfcSHA1Secret], "--digits cannot be used with --steam"),
            (["code", "--uri", "otpauth://hotp/a?secret=GEZDGNBVGY3TQOJQ&counter=1", "--time", "5"], "--time cannot be used with an HOTP URI"),
            (["check", "--secret", rfcSHA1Secret], "missing --code or --code-file"),
            (["uri", "parse"], "missing URI or --uri-file"),
            (["uri", "format", "--type", "hotp", "--account", "a", "--period", "30", "--secret", rfcSHA1Secret], "--period cannot be used with --type hotp"),
            (["uri", "format", "--type", "totp", "--account", "a"], "missing --secret or --secret-file"),
        ]
        for (arguments, message) in cases {
            let actual = try await CLI.expectError(arguments, caseName: "usage", status: 64)
            #expect(actual == message, "\(arguments)")
        }
    }

    @Test func helpGoesToStandardOutputWithStatusZero() async throws {
        let result = try await CLI.run(["code", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE: authenticator code"))
        #expect(result.stdout.contains("--secret-file"))
        #expect(result.stderr.isEmpty)
    }

    /// Every case a backup or restore can be unavailable for (`BackupUnavailableReason`, as
    /// `BackupUnavailableReasonTests` pins them) is named in the root help's error list, so a
    /// script author finds each `error: <case>` line there.
    @Test func theRootHelpNamesEveryReasonABackupIsUnavailable() async throws {
        let result = try await CLI.run(["--help"])
        #expect(result.status == 0)
        let names = [
            "platformMismatch", "backupElsewhere", "networkUnavailable", "notSignedIn", "cloudIdentityMismatch",
            "backupNotFound", "existingAccounts", "backupStale", "unsupportedVersion", "damaged",
            "wrongRecoveryAccount", "duplicateAccountIdentifier", "backupRolledBack", "tooManyAccounts",
        ]
        for name in names {
            #expect(result.stdout.contains(name), "the root help does not name \(name)")
        }
    }
}
