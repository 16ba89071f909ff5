import Testing

@Suite("authenticator check")
struct CheckCommandTests {
    /// RFC 6238 Appendix B, SHA-1, 8 digits: 07081804 is step 37037036 (1111111080…1111111109).
    let totp = ["check", "--secret", rfcSHA1Secret, "--digits", "8", "--code", "07081804"]

    @Test func printsTheMatchingStepOffset() async throws {
        for (time, offset) in [("1111111109", "0"), ("1111111110", "-1"), ("1111111079", "1")] {
            let result = try await CLI.run(totp + ["--time", time])
            #expect(result.status == 0)
            #expect(result.stdout == offset + "\n", "at \(time)")
            #expect(result.stderr.isEmpty)
        }
    }

    @Test func aCodeOutsideTheWindowIsNoMatchWithStatusOne() async throws {
        let result = try await CLI.run(totp + ["--time", "1111111140"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "no match\n")
    }

    @Test func windowWidensOrNarrowsTheAcceptedSteps() async throws {
        #expect(try await CLI.run(totp + ["--time", "1111111140", "--window", "2"]).stdout == "-2\n")
        #expect(try await CLI.run(totp + ["--time", "1111111110", "--window", "0"]).status == 1)
    }

    @Test func hotpLooksAheadFromTheCounter() async throws {
        // RFC 4226 Appendix D: counter 9 → 520489.
        let base = ["check", "--hotp", "--secret", rfcSHA1Secret, "--code", "520489", "--counter", "7"]
        #expect(try await CLI.run(base + ["--window", "2"]).stdout == "2\n")
        let short = try await CLI.run(base)
        #expect(short.status == 1)
        #expect(short.stderr == "no match\n")
    }

    @Test func steamCodesAreChecked() async throws {
        // keepassxreboot/keepassxc tests/TestTotp.cpp: FR8RV at 1511200518.
        let result = try await CLI.run(["check", "--steam", "--secret", "63BEDWCQZKTQWPESARIERL5DTTQFCJTK", "--code", "FR8RV", "--time", "1511200518"])
        #expect(result.stdout == "0\n")
    }

    @Test func uriCodesAreChecked() async throws {
        let uri = "otpauth://hotp/alice?secret=\(rfcSHA1Secret)&counter=8"
        #expect(try await CLI.run(["check", "--uri", uri, "--code", "520489"]).stdout == "1\n")
    }

    @Test func secretFileWorksForCheck() async throws {
        let result = try await CLI.run(["check", "--secret-file", "-", "--digits", "8", "--code", "07081804", "--time", "1111111109"], input: rfcSHA1Secret)
        #expect(result.stdout == "0\n")
    }
}
