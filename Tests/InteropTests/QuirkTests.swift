import Foundation
import Interop
import OTP
import Testing

/// The formats' quirks, one test each, on small inputs written here.
@Suite("Format quirks")
struct QuirkTests {
    func read(_ text: String, _ format: ImportFormat = .auto) throws -> ForeignVault {
        try ForeignVaultReader.read(Array(text.utf8), format: format, password: nil)
    }

    @Test func enteLinesWithoutJSONQuotesAreReadToo() throws {
        let vault = try read("otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP&codeDisplay=%7B%22pinned%22%3Atrue%7D\n")
        #expect(vault.format == .ente)
        #expect(vault.entries.first?.droppedFields == ["favorite"])
        #expect(vault.tokens.first?.issuer == "A")
    }

    @Test func enteSteamAndDefaultsFromTheURI() throws {
        let vault = try read(#""otpauth://steam/Steam:me?secret=JBSWY3DPEHPK3PXP&issuer=Steam&codeDisplay=%7B%7D""#, .ente)
        let token = try #require(vault.tokens.first)
        #expect(token.generator.format == .steam)
        #expect(token.generator.factor == .timer(period: 30))
    }

    @Test func otpauthUnknownTypesAreUnsupportedEntriesWithTheirNames() throws {
        let vault = try read("otpauth://yandex/Yandex:me?secret=JBSWY3DPEHPK3PXP\notpauth://totp/Good:me?secret=JBSWY3DPEHPK3PXP\n", .otpauth)
        #expect(vault.entries.count == 2)
        #expect(vault.entries[0].problem == .unsupportedType("yandex"))
        #expect(vault.entries[0].issuer == "Yandex" && vault.entries[0].account == "me")
        #expect(vault.entries[1].token != nil)
    }

    @Test func otpauthLinesKeepTheirLineNumbersAsPositions() throws {
        let vault = try read("\n\notpauth://totp/A:a?secret=JBSWY3DPEHPK3PXP\r\n\r\notpauth://totp/B:b?secret=JBSWY3DP\r\n", .otpauth)
        #expect(vault.entries.map(\.position) == [3, 5])
    }

    @Test func googleNameKeepsItsColonWhenTheIssuerFieldIsSet() throws {
        // field 1: secret "ab", name "x:y", issuer "I"; TOTP.
        let parameters: [UInt8] = [0x0A, 0x02, 0x61, 0x62, 0x12, 0x03, 0x78, 0x3A, 0x79, 0x1A, 0x01, 0x49, 0x30, 0x02]
        let payload: [UInt8] = [0x0A, UInt8(parameters.count)] + parameters + [0x10, 0x01]
        let line = "otpauth-migration://offline?data=" + Data(payload).base64EncodedString()
            .replacingOccurrences(of: "+", with: "%2B").replacingOccurrences(of: "/", with: "%2F").replacingOccurrences(of: "=", with: "%3D")
        let token = try #require(try read(line).tokens.first)
        #expect(token.issuer == "I" && token.account == "x:y")
        #expect(token.generator.factor == .timer(period: 30) && token.generator.digits == 6 && token.generator.algorithm == .sha1)
    }

    @Test func googleDataWithALiteralPlusIsBase64NotASpace() throws {
        // Secret bytes chosen so that the Base64 has a literal "+".
        let parameters: [UInt8] = [0x0A, 0x03, 0xFB, 0xFE, 0xBE, 0x12, 0x01, 0x61]
        let payload: [UInt8] = [0x0A, UInt8(parameters.count)] + parameters
        let encoded = Data(payload).base64EncodedString()
        #expect(encoded.contains("+"))
        let token = try #require(try read("otpauth-migration://offline?data=" + encoded, .google).tokens.first)
        #expect(token.generator.secret.copyBytes() == [0xFB, 0xFE, 0xBE])
    }

    @Test func protonSteamSecretsMayBeBase64() throws {
        let text = #"{"version": 1, "entries": [{"id": "1", "content": {"uri": "steam://AAECAwQFBgcICQ", "entry_type": "Steam", "name": "me"}, "note": null}]}"#
        let token = try #require(try read(text).tokens.first)
        #expect(token.generator.secret.copyBytes() == Array(0...9))
        #expect(token.generator.format == .steam && token.issuer == "Steam" && token.account == "me")
    }

    @Test func bitwardenBareSecretUsesTheItemNameAndUsername() throws {
        let text = #"{"encrypted": false, "items": [{"type": 1, "name": "Site", "login": {"username": "me", "totp": "JBSW Y3DP EHPK 3PXP"}}]}"#
        let token = try #require(try read(text).tokens.first)
        #expect(token.issuer == "Site" && token.account == "me")
        #expect(token.generator.factor == .timer(period: 30) && token.generator.digits == 6)
    }

    @Test func bitwardenURIWithoutIssuerTakesTheItemName() throws {
        let text = #"{"items": [{"type": 1, "name": "Site", "login": {"username": "me", "totp": "otpauth://totp/?secret=JBSWY3DPEHPK3PXP"}}]}"#
        let vault = try read(text, .bitwarden)
        // An otpauth URI with no label is malformed; the entry still names the item.
        #expect(vault.entries.first?.issuer == "Site")
        #expect(vault.entries.first?.account == "me")
    }

    @Test func freeOTPSteamNeedsFiveCharacters() throws {
        let text = #"{"tokens": [{"type": "TOTP", "issuerExt": "Steam", "label": "me", "digits": 6, "period": 30, "algo": "SHA1", "secret": [1, -2, 3]}], "tokenOrder": []}"#
        #expect(try read(text).entries.first?.problem == .invalidDigits(6))
    }

    @Test func freeOTPSecretBytesOutsideAByteAreMalformed() throws {
        let text = #"{"tokens": [{"type": "TOTP", "issuerExt": "X", "label": "me", "secret": [1, 999]}]}"#
        #expect(try read(text).entries.first?.problem?.caseName == "malformedSecret")
    }

    @Test func andOTPEntryDefaultsAndOldLabel() throws {
        let text = #"[{"secret": "JBSWY3DPEHPK3PXP", "label": "Shop - me", "type": "TOTP"}]"#
        let token = try #require(try read(text, .andOTP).tokens.first)
        #expect(token.issuer == "Shop" && token.account == "me")
        #expect(token.generator.factor == .timer(period: 30) && token.generator.digits == 6 && token.generator.algorithm == .sha1)
    }

    @Test func aegisMissingInfoFieldsTakeTheDefaults() throws {
        let text = #"{"version": 1, "header": {"slots": null, "params": null}, "db": {"version": 2, "entries": [{"type": "totp", "name": "me", "issuer": "I", "info": {"secret": "JBSWY3DPEHPK3PXP"}}]}}"#
        let token = try #require(try read(text).tokens.first)
        #expect(token.generator.factor == .timer(period: 30) && token.generator.digits == 6 && token.generator.algorithm == .sha1)
    }

    @Test func aegisEntryWithoutANameIsReportedNotSkipped() throws {
        let text = #"{"version": 1, "header": {"slots": null, "params": null}, "db": {"version": 3, "entries": [{"type": "totp", "issuer": "I", "info": {"secret": "JBSWY3DPEHPK3PXP"}}, 42]}}"#
        let vault = try read(text)
        #expect(vault.entries.map(\.problem) == [.invalidField("name"), .invalidField("entry")])
        #expect(vault.entries.map(\.position) == [1, 2])
    }

    @Test func twoFASPlainBackupWithoutReferenceStillNeedsItsPassword() throws {
        var object = try #require(try JSONSerialization.jsonObject(with: Data(Fixtures.bytes("2fas-encrypted.json"))) as? [String: Any])
        object["reference"] = nil
        let bytes = Array(try JSONSerialization.data(withJSONObject: object))
        #expect(throws: InteropError.wrongPassword) { try ForeignVaultReader.read(bytes, format: .twoFAS, password: secure("nope")) }
        let vault = try ForeignVaultReader.read(bytes, format: .twoFAS, password: secure("correct horse battery staple"))
        #expect(vault.tokens.count == 5)
    }

    @Test func microsoftTypeOneIsBase64WithEightDigits() throws {
        let vault = try ForeignVaultReader.read(try Fixtures.bytes("PhoneFactor"), format: .microsoftAuthenticator, password: nil)
        let msa = try #require(vault.entries.first { $0.issuer == "Microsoft" }?.token)
        #expect(msa.generator.digits == 8 && msa.generator.secret.count == 64)
    }

    @Test func byteOrderMarkAndWhitespaceAroundJSONAreAccepted() throws {
        let text = "\u{FEFF}  [{\"secret\": \"JBSWY3DPEHPK3PXP\", \"issuer\": \"I\", \"label\": \"me\", \"type\": \"TOTP\"}]  \n"
        #expect(try read(text).tokens.count == 1)
    }

    @Test func accountNamesAreKeptByteForByte() throws {
        let decomposed = "Cafe\u{301}"
        let text = "otpauth://totp/\(decomposed.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""):x?secret=JBSWY3DPEHPK3PXP\n"
        let token = try #require(try read(text, .otpauth).tokens.first)
        #expect(Array(token.issuer.utf8) == Array(decomposed.utf8))
        #expect(Array(token.issuer.utf8) != Array("Café".utf8))
    }
}
