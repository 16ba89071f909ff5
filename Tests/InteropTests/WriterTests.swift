import SodiumBridge
import Foundation
import Interop
import OTP
import Testing

/// Writers: the files other apps expect, read back to equal tokens.
@Suite("Writers")
struct WriterTests {
    static let random = DeterministicRandom(seed: "WriterTests.v1")

    static func token(_ issuer: String, _ account: String, _ factor: Factor, _ algorithm: Algorithm = .sha1, _ format: CodeFormat = .decimal(digits: 6)) throws -> Token {
        let secret = SecureBytes(copying: Array("12345678901234567890".utf8))
        return Token(issuer: issuer, account: account, generator: try Generator(factor: factor, secret: secret, algorithm: algorithm, format: format))
    }

    static func sample() throws -> [Token] {
        [
            try token("ACME Co", "alice@example.com", .timer(period: 30)),
            try token("Cafe\u{301}", "bob:colon", .timer(period: 60), .sha256, .decimal(digits: 8)),
            try token("", "no issuer", .counter(42), .sha512),
            try token("Steam", "gamer", .timer(period: 30), .sha1, .steam),
        ]
    }

    func roundTrip(_ tokens: [Token], _ format: ExportFormat, password: SecureBytes? = nil) throws -> [Token] {
        let bytes = try ForeignVaultWriter.write(tokens, format: format, password: password, scryptCost: .testingOnly, random: Self.random)
        let importFormat = try #require(ImportFormat(rawValue: format.rawValue))
        let vault = try ForeignVaultReader.read(bytes, format: .auto, password: password)
        #expect(vault.format == importFormat)
        #expect(vault.failures.isEmpty)
        return vault.tokens
    }

    @Test func aegisPlainRoundTrip() throws {
        let tokens = try Self.sample()
        #expect(try roundTrip(tokens, .aegis) == tokens)
    }

    @Test func aegisEncryptedRoundTrip() throws {
        let tokens = try Self.sample()
        #expect(try roundTrip(tokens, .aegis, password: secure("pässwörd")) == tokens)
    }

    @Test func aegisEncryptedVaultHasTheFieldsAegisExpects() throws {
        let bytes = try ForeignVaultWriter.write(try Self.sample(), format: .aegis, password: secure("pw"), random: Self.random)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        #expect(root["version"] as? Int == 1)
        let header = try #require(root["header"] as? [String: Any])
        let slots = try #require(header["slots"] as? [[String: Any]])
        try #require(slots.count == 1)
        let slot = slots[0]
        #expect(slot["type"] as? Int == 1)
        // Aegis's own cost on the real path.
        #expect(slot["n"] as? Int == 32768)
        #expect(slot["r"] as? Int == 8)
        #expect(slot["p"] as? Int == 1)
        #expect((slot["salt"] as? String)?.count == 64)
        #expect((slot["key"] as? String)?.count == 64)
        #expect(slot["repaired"] as? Bool == true)
        let keyParams = try #require(slot["key_params"] as? [String: String])
        #expect(keyParams["nonce"]?.count == 24)
        #expect(keyParams["tag"]?.count == 32)
        let params = try #require(header["params"] as? [String: String])
        #expect(params["nonce"]?.count == 24)
        #expect(params["tag"]?.count == 32)
        #expect(root["db"] is String)
        let uuid = try #require(slot["uuid"] as? String)
        #expect(uuid.count == 36 && Array(uuid)[14] == "4")
    }

    @Test func aegisPlainVaultContentIsVersion3WithEveryField() throws {
        let bytes = try ForeignVaultWriter.write(try Self.sample(), format: .aegis, password: nil, random: Self.random)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        let header = try #require(root["header"] as? [String: Any])
        #expect(header["slots"] is NSNull && header["params"] is NSNull)
        let db = try #require(root["db"] as? [String: Any])
        #expect(db["version"] as? Int == 3)
        #expect((db["groups"] as? [Any])?.isEmpty == true)
        let entries = try #require(db["entries"] as? [[String: Any]])
        #expect(entries.map { $0["type"] as? String } == ["totp", "totp", "hotp", "steam"])
        for entry in entries {
            for key in ["type", "uuid", "name", "issuer", "note", "favorite", "icon", "icon_mime", "icon_hash", "info", "groups"] {
                #expect(entry.keys.contains(key), "\(key)")
            }
        }
        let steam = try #require(entries[3]["info"] as? [String: Any])
        #expect(steam["algo"] as? String == "SHA1" && steam["digits"] as? Int == 5 && steam["period"] as? Int == 30)
        let hotp = try #require(entries[2]["info"] as? [String: Any])
        #expect(hotp["counter"] as? Int == 42 && hotp["algo"] as? String == "SHA512")
    }

    @Test func aegisRefusesWhatItCannotExpress() throws {
        let t0 = try Self.token("A", "a", .timer(period: 30, t0: 100))
        #expect(throws: InteropError.unrepresentable(position: 1, reason: "Aegis has no T0 (it is 100)")) {
            try ForeignVaultWriter.write([t0], format: .aegis, password: nil)
        }
        let big = try Self.token("A", "a", .counter(Generator.maximumCounter))
        #expect(throws: InteropError.unrepresentable(position: 1, reason: "Aegis counters stop at 2^63 - 1")) {
            try ForeignVaultWriter.write([big], format: .aegis, password: nil)
        }
        // A counter-based Steam token cannot be made at all (`OTPError.invalidSteamParameters`).
        #expect(throws: OTPError.invalidSteamParameters) { try Self.token("A", "a", .counter(1), .sha1, .steam) }
    }

    @Test func aegisWritesNotesThatComeBackAsDroppedFields() throws {
        let entries = [ExportEntry(try Self.token("A", "a", .timer(period: 30)), note: "desk drawer")]
        let bytes = try ForeignVaultWriter.write(entries, format: .aegis, password: nil)
        #expect(String(decoding: bytes, as: UTF8.self).contains("\"note\":\"desk drawer\""))
        #expect(try ForeignVaultReader.read(bytes, format: .aegis, password: nil).entries.first?.droppedFields == ["note"])
    }

    @Test func writersRefuseMoreThanTheEntryLimit() throws {
        let token = try Self.token("A", "a", .timer(period: 30))
        let many = [Token](repeating: token, count: InteropLimits.default.maximumEntries + 1)
        #expect(throws: InteropError.tooManyEntries(count: many.count, limit: InteropLimits.default.maximumEntries)) {
            try ForeignVaultWriter.write(many, format: .otpauth, password: nil)
        }
    }

    @Test func otpauthRoundTripWritesOneURIPerLine() throws {
        let tokens = try Self.sample()
        let bytes = try ForeignVaultWriter.write(tokens, format: .otpauth, password: nil)
        #expect(String(decoding: bytes, as: UTF8.self) == tokens.map { $0.uri + "\n" }.joined())
        #expect(try roundTrip(tokens, .otpauth) == tokens)
        #expect(throws: InteropError.passwordNotApplicable(format: .otpauth)) {
            try ForeignVaultWriter.write(tokens, format: .otpauth, password: secure("x"))
        }
    }

    /// The sample tokens Google Authenticator can show.
    static func googleSample() throws -> [Token] {
        [
            try token("ACME Co", "alice@example.com", .timer(period: 30)),
            try token("Cafe\u{301}", "bob:colon", .timer(period: 30), .sha256, .decimal(digits: 8)),
            try token("", "no:issuer", .counter(42), .sha512),
        ]
    }

    @Test func googleRoundTrip() throws {
        let tokens = try Self.googleSample()
        #expect(try roundTrip(tokens, .google) == tokens)
    }

    @Test func googleWritesBatchesOfTenWithOneBatchID() throws {
        let tokens = try (0..<25).map { try Self.token("Issuer \($0)", "user\($0)", .timer(period: 30)) }
        let bytes = try ForeignVaultWriter.write(tokens, format: .google, password: nil, random: Self.random)
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n")
        try #require(lines.count == 3)
        var ids: Set<[UInt8]> = []
        for (index, line) in lines.enumerated() {
            #expect(line.hasPrefix("otpauth-migration://offline?data="))
            let encoded = try #require(String(line.dropFirst("otpauth-migration://offline?data=".count)).removingPercentEncoding)
            let payload = Array(try #require(Data(base64Encoded: encoded)))
            // The trailing fields, as written: version 1, batch_size 3, batch_index, batch_id.
            // Found as a whole: the random batch id after it may itself hold a 0x10 byte.
            let trailer: [UInt8] = [0x10, 0x01, 0x18, 0x03, 0x20, UInt8(index)]
            let tail = try #require(payload.indices.last(where: { payload[$0...].starts(with: trailer) }))
            ids.insert(Array(payload[(tail + trailer.count)...]))
            // Ten accounts per line (field 1, length-delimited), five in the last.
        }
        #expect(ids.count == 1)
        #expect(try roundTrip(tokens, .google) == tokens)
        let vault = try ForeignVaultReader.read(bytes, format: .google, password: nil)
        #expect(vault.entries.map(\.position) == Array(1...25))
    }

    @Test func googleRefusesWhatGoogleAuthenticatorCannotShow() throws {
        let cases: [(Token, String)] = [
            (try Self.token("A", "a", .timer(period: 60)), "Google Authenticator uses a 30-second period from T0 = 0"),
            (try Self.token("A", "a", .timer(period: 30), .sha1, .decimal(digits: 7)), "Google Authenticator codes have 6 or 8 digits, not 7"),
            (try Self.token("A", "a", .timer(period: 30), .sha1, .steam), "Google Authenticator has no Steam codes"),
        ]
        for (token, reason) in cases {
            #expect(throws: InteropError.unrepresentable(position: 1, reason: reason)) {
                try ForeignVaultWriter.write([token], format: .google, password: nil)
            }
        }
    }

    @Test func codesAreEqualAfterARoundTrip() throws {
        let tokens = try Self.sample()
        for format in ExportFormat.allCases {
            let usable = format == .google ? try Self.googleSample() : tokens
            let back = try roundTrip(usable, format, password: format == .aegis ? secure("pw") : nil)
            for (original, read) in zip(usable, back) {
                for counter: UInt64 in [0, 1, 56_666_666, 1 << 40] {
                    #expect(original.generator.code(forCounter: counter) == read.generator.code(forCounter: counter))
                }
            }
        }
    }
}
