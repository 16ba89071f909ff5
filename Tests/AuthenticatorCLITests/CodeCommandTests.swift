import Foundation
import Testing

@Suite("authenticator code")
struct CodeCommandTests {
    @Test func printsTheRFC6238AppendixBCodes() async throws {
        let rows = try CLI.vectorRows("rfc6238-totp")
        #expect(rows.count == 18)
        for row in rows {
            let secret = try #require(rfc6238Secrets[row[1]])
            let result = try await CLI.run(["code", "--secret", secret, "--algorithm", row[1], "--digits", "8", "--time", row[0]])
            #expect(result.status == 0)
            #expect(result.stdout == row[2] + "\n", "\(row)")
            #expect(result.stderr.isEmpty)
        }
    }

    @Test func algorithmNamesIgnoreCase() async throws {
        // RFC 6238 Appendix B: 59, SHA-256 → 46119246.
        let result = try await CLI.run(["code", "--secret", try #require(rfc6238Secrets["sha256"]), "--algorithm", "SHA256", "--digits", "8", "--time", "59"])
        #expect(result.stdout == "46119246\n")
    }

    @Test func printsSixDigitsByDefault() async throws {
        // RFC 6238 Appendix B: 1234567890, SHA-1 → 89005924; its last six digits.
        let result = try await CLI.run(["code", "--secret", rfcSHA1Secret, "--time", "1234567890"])
        #expect(result.stdout == "005924\n")
    }

    @Test func periodAndT0ShiftTheSteps() async throws {
        // With T0 = 30 and a 60 s period, time 89 is step 0 and time 90 is step 1; with
        // the RFC 4226 secret those are 755224 and 287082 (RFC 4226 Appendix D).
        #expect(try await CLI.run(["code", "--secret", rfcSHA1Secret, "--period", "60", "--t0", "30", "--time", "89"]).stdout == "755224\n")
        #expect(try await CLI.run(["code", "--secret", rfcSHA1Secret, "--period", "60", "--t0", "30", "--time", "90"]).stdout == "287082\n")
    }

    @Test func hotpWindowPrintsTheRFC4226CodesOneALineLikeOathtool() async throws {
        let rows = try CLI.vectorRows("rfc4226-hotp")
        let result = try await CLI.run(["code", "--hotp", "--secret", rfcSHA1Secret, "--counter", "0", "--window", "9"])
        #expect(result.status == 0)
        #expect(result.stdout == rows.map { $0[1] + "\n" }.joined())
        #expect(result.stderr.isEmpty)
    }

    @Test func hotpWindowLongerThanTheOutputBufferPrintsEveryCodeOnceInOrder() async throws {
        // 30,000 codes are about 210 KB, so the output is written in several 64 KiB pieces.
        let result = try await CLI.run(["code", "--hotp", "--secret", rfcSHA1Secret, "--counter", "0", "--window", "29999"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 30_001)  // 30,000 lines and the empty string after the last newline
        #expect(lines.last == "")
        #expect(lines.allSatisfy { $0.isEmpty || ($0.count == 6 && $0.allSatisfy(\.isASCII)) })
        // The first ten are RFC 4226 Appendix D; the others equal the single code of their counter.
        let rfc4226 = try CLI.vectorRows("rfc4226-hotp").map { $0[1] }
        #expect(lines.prefix(10).map(String.init) == rfc4226)
        for counter in [9_361, 9_362, 18_724, 29_999] {
            let single = try await CLI.run(["code", "--hotp", "--secret", rfcSHA1Secret, "--counter", String(counter)])
            #expect(single.stdout == lines[counter] + "\n", "counter \(counter)")
        }
    }

    @Test func hotpWithoutWindowOrWindowZeroPrintsOneLine() async throws {
        // RFC 4226 Appendix D: counter 4 → 338314.
        #expect(try await CLI.run(["code", "--hotp", "--secret", rfcSHA1Secret, "--counter", "4"]).stdout == "338314\n")
        #expect(try await CLI.run(["code", "--hotp", "--secret", rfcSHA1Secret, "--counter", "4", "--window", "0"]).stdout == "338314\n")
    }

    @Test func hotpWindowStartsAtTheCounter() async throws {
        // RFC 4226 Appendix D: counters 7, 8, 9 → 162583, 399871, 520489.
        #expect(try await CLI.run(["code", "--hotp", "--secret", rfcSHA1Secret, "--counter", "7", "--window", "2"]).stdout == "162583\n399871\n520489\n")
    }

    @Test func hotpWindowReachesTheLastCounter() async throws {
        let result = try await CLI.run(["code", "--hotp", "--secret", rfcSHA1Secret, "--counter", "18446744073709551614", "--window", "1"])
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: "\n").count == 2)
    }

    @Test func steamPrintsKeePassXCsKnownAnswers() async throws {
        // keepassxreboot/keepassxc tests/TestTotp.cpp (TestTotp::testSteamTotp).
        let secret = "63BEDWCQZKTQWPESARIERL5DTTQFCJTK"
        #expect(try await CLI.run(["code", "--steam", "--secret", secret, "--time", "1511200518"]).stdout == "FR8RV\n")
        #expect(try await CLI.run(["code", "--steam", "--secret", secret, "--time", "1511200714"]).stdout == "9P3VP\n")
    }

    @Test func uriGivesTheCodeForItsParameters() async throws {
        // RFC 6238 Appendix B: 1111111111, SHA-512 → 99943326.
        let sha512 = try #require(rfc6238Secrets["sha512"])
        let uri = "otpauth://totp/Example:alice?secret=\(sha512)&algorithm=SHA512&digits=8"
        #expect(try await CLI.run(["code", "--uri", uri, "--time", "1111111111"]).stdout == "99943326\n")
    }

    @Test func uriOfHOTPUsesItsCounter() async throws {
        // RFC 4226 Appendix D: counter 9 → 520489.
        let uri = "otpauth://hotp/alice?secret=\(rfcSHA1Secret)&counter=9"
        #expect(try await CLI.run(["code", "--uri", uri]).stdout == "520489\n")
    }

    @Test func uriOfSteamGivesASteamCode() async throws {
        let uri = "otpauth://steam/Steam:alice?secret=63BEDWCQZKTQWPESARIERL5DTTQFCJTK&issuer=Steam"
        #expect(try await CLI.run(["code", "--uri", uri, "--time", "1511200714"]).stdout == "9P3VP\n")
    }

    @Test func secretFileReplacesSecret() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("secret-\(UUID().uuidString)")
        try Data("gezd gnbv gy3t qojq gezd gnbv gy3t qojq\n".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try await CLI.run(["code", "--secret-file", file.path, "--digits", "8", "--time", "59"])
        #expect(result.stdout == "94287082\n")
    }

    @Test func secretFileDashReadsStandardInput() async throws {
        let result = try await CLI.run(["code", "--secret-file", "-", "--digits", "8", "--time", "59"], input: rfcSHA1Secret + "\n")
        #expect(result.stdout == "94287082\n")
        let hotp = try await CLI.run(["code", "--hotp", "--counter", "1", "--secret-file", "-"], input: rfcSHA1Secret)
        #expect(hotp.stdout == "287082\n")
    }

    @Test func withoutTimeTheCodeIsTheCurrentOne() async throws {
        let before = Int(Date().timeIntervalSince1970)
        let result = try await CLI.run(["code", "--secret", rfcSHA1Secret])
        let after = Int(Date().timeIntervalSince1970)
        let expected = try await Set([before, after].asyncMap { try await CLI.run(["code", "--secret", rfcSHA1Secret, "--time", String($0)]).stdout })
        #expect(expected.contains(result.stdout))
    }
}
