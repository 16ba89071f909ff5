import Foundation
import Testing

@Suite("authenticator uri")
struct URICommandTests {
    // MARK: parse

    @Test func parsePrintsOneJSONObjectForTOTP() async throws {
        let result = try await CLI.run(["uri", "parse", "otpauth://totp/ACME%20Co:john.doe@email.com?secret=hxdmvjecjjwsrb3hwizr4ifugftmxboz&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30"])
        #expect(result.status == 0)
        #expect(result.stdout == #"{"type":"totp","issuer":"ACME Co","account":"john.doe@email.com","secret":"HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ","algorithm":"SHA1","digits":6,"period":30,"counter":null}"# + "\n")
        #expect(result.stderr.isEmpty)
    }

    @Test func parsePrintsHOTPWithCounterAndNullPeriod() async throws {
        let result = try await CLI.run(["uri", "parse", "otpauth://hotp/alice?secret=GEZDGNBVGY3TQOJQ&counter=18446744073709551614&digits=8&algorithm=sha512"])
        #expect(result.stdout == #"{"type":"hotp","issuer":"","account":"alice","secret":"GEZDGNBVGY3TQOJQ","algorithm":"SHA512","digits":8,"period":null,"counter":18446744073709551614}"# + "\n")
    }

    /// A counter of 2⁶⁴ − 1 has no code after it: refused wherever a counter enters (`uri
    /// parse`, `add --uri`, `add --hotp --counter`), with its own case.
    @Test func aCounterOfTwoToTheSixtyFourMinusOneIsRefusedEverywhere() async throws {
        let uri = "otpauth://hotp/alice?secret=GEZDGNBVGY3TQOJQ&counter=18446744073709551615"
        try await CLI.expectError(["uri", "parse", uri], caseName: "counterOutOfRange", status: 65)
        let device = try DeviceWorld().device("d")
        try await device.initialise()
        try await device.fail(["add", "--uri", uri], caseName: "counterOutOfRange")
        try await device.fail(["add", "--issuer", "X", "--account", "a", "--secret", "GEZDGNBVGY3TQOJQ", "--hotp", "--counter", "18446744073709551615"], caseName: "counterOutOfRange")
        #expect(try await device.list().isEmpty)
    }

    /// Steam Guard is SHA-1, time-based, 30 s: `add` refuses a Steam token saying otherwise.
    @Test func steamWithOtherParametersIsRefusedByAdd() async throws {
        let device = try DeviceWorld().device("d")
        try await device.initialise()
        for uri in [
            "otpauth://steam/Steam:a?secret=GEZDGNBVGY3TQOJQ&algorithm=SHA256",
            "otpauth://steam/Steam:a?secret=GEZDGNBVGY3TQOJQ&period=60",
            "otpauth://hotp/Steam:a?secret=GEZDGNBVGY3TQOJQ&counter=1&encoder=steam",
        ] {
            try await device.fail(["add", "--uri", uri], caseName: "invalidSteamParameters")
        }
        #expect(try await device.list().isEmpty)
    }

    @Test func parsePrintsSteamFromTheSteamTypeAndFromTheEncoder() async throws {
        let expected = #"{"type":"steam","issuer":"Steam","account":"alice","secret":"GEZDGNBVGY3TQOJQ","algorithm":"SHA1","digits":5,"period":30,"counter":null}"# + "\n"
        #expect(try await CLI.run(["uri", "parse", "otpauth://steam/Steam:alice?secret=GEZDGNBVGY3TQOJQ&issuer=Steam"]).stdout == expected)
        #expect(try await CLI.run(["uri", "parse", "otpauth://totp/Steam:alice?secret=GEZDGNBVGY3TQOJQ&encoder=steam&digits=5"]).stdout == expected)
    }

    @Test func parseOutputIsValidJSONWithEscapedStrings() async throws {
        let result = try await CLI.run(["uri", "parse", "otpauth://totp/%22Q%22%5C:tab%09%E6%97%A5?secret=GEZDGNBVGY3TQOJQ"])
        #expect(result.stdout == #"{"type":"totp","issuer":"\"Q\"\\","account":"tab\t日","secret":"GEZDGNBVGY3TQOJQ","algorithm":"SHA1","digits":6,"period":30,"counter":null}"# + "\n")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["issuer"] as? String == "\"Q\"\\")
        #expect(object["account"] as? String == "tab\t日")
    }

    @Test func parseWarnsWhenTheLabelIssuerDiffersAndUsesTheParameter() async throws {
        let result = try await CLI.run(["uri", "parse", "otpauth://totp/Old:alice?secret=GEZDGNBVGY3TQOJQ&issuer=New"])
        #expect(result.status == 0)
        #expect(result.stdout.contains(#""issuer":"New""#))
        #expect(result.stderr == "warning: the label's issuer 'Old' differs from the issuer parameter 'New'; using 'New'\n")
    }

    // MARK: format

    @Test func formatPrintsTheCanonicalURI() async throws {
        let result = try await CLI.run(["uri", "format", "--type", "totp", "--account", "john.doe@email.com", "--issuer", "ACME Co", "--secret", "hxdm vjec jjws rb3h wizr 4ifu gftm xboz"])
        #expect(result.status == 0)
        #expect(result.stdout == "otpauth://totp/ACME%20Co:john.doe%40email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30\n")
    }

    @Test func formatWritesEveryParameter() async throws {
        let hotp = try await CLI.run(["uri", "format", "--type", "hotp", "--account", "alice", "--secret", "GEZDGNBVGY3TQOJQ", "--algorithm", "sha256", "--digits", "8", "--counter", "42"])
        #expect(hotp.stdout == "otpauth://hotp/alice?secret=GEZDGNBVGY3TQOJQ&algorithm=SHA256&digits=8&counter=42\n")
        let totp = try await CLI.run(["uri", "format", "--type", "totp", "--account", "alice", "--secret", "GEZDGNBVGY3TQOJQ", "--period", "60"])
        #expect(totp.stdout == "otpauth://totp/alice?secret=GEZDGNBVGY3TQOJQ&algorithm=SHA1&digits=6&period=60\n")
        let steam = try await CLI.run(["uri", "format", "--type", "steam", "--account", "alice", "--issuer", "Steam", "--secret", "GEZDGNBVGY3TQOJQ"])
        #expect(steam.stdout == "otpauth://steam/Steam:alice?secret=GEZDGNBVGY3TQOJQ&issuer=Steam&algorithm=SHA1&digits=5&period=30\n")
    }

    @Test func formatHOTPDefaultsToCounterZero() async throws {
        let result = try await CLI.run(["uri", "format", "--type", "hotp", "--account", "alice", "--secret", "GEZDGNBVGY3TQOJQ"])
        #expect(result.stdout == "otpauth://hotp/alice?secret=GEZDGNBVGY3TQOJQ&algorithm=SHA1&digits=6&counter=0\n")
    }

    @Test func formatReadsTheSecretFromStandardInput() async throws {
        let result = try await CLI.run(["uri", "format", "--type", "totp", "--account", "alice", "--secret-file", "-"], input: "gezdgnbvgy3tqojq\n")
        #expect(result.stdout == "otpauth://totp/alice?secret=GEZDGNBVGY3TQOJQ&algorithm=SHA1&digits=6&period=30\n")
    }

    @Test func formatThenParseGivesBackTheParameters() async throws {
        let uri = try await CLI.run(["uri", "format", "--type", "totp", "--account", "a:b c", "--issuer", "X&Y", "--secret", "GEZDGNBVGY3TQOJQ", "--algorithm", "sha512", "--digits", "7", "--period", "45"]).stdout
        let parsed = try await CLI.run(["uri", "parse", String(uri.dropLast())])
        #expect(parsed.stdout == #"{"type":"totp","issuer":"X&Y","account":"a:b c","secret":"GEZDGNBVGY3TQOJQ","algorithm":"SHA512","digits":7,"period":45,"counter":null}"# + "\n")
        #expect(parsed.stderr.isEmpty)
    }
}
