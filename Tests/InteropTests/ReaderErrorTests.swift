import SodiumBridge
import Foundation
import Interop
import OTP
import Testing

/// Damaged, truncated, tampered and hostile inputs: each refused with its typed error, and
/// costs out of bounds refused before any key is derived.
@Suite("Reader errors")
struct ReaderErrorTests {
    static let password = secure("correct horse battery staple")

    /// Reads `text` as `format` with the fixtures' password.
    func read(_ text: String, _ format: ImportFormat, limits: InteropLimits = .default) throws(InteropError) -> ForeignVault {
        try ForeignVaultReader.read(Array(text.utf8), format: format, password: Self.password, limits: limits)
    }

    /// Runs `body`, which must fail fast: a cost check must come before the work.
    func refusedFast(_ expected: InteropError, _ body: () throws(InteropError) -> ForeignVault) {
        let clock = ContinuousClock()
        let start = clock.now
        #expect(interopError(body) == expected)
        #expect(clock.now - start < .milliseconds(500))
    }

    // MARK: Aegis

    @Test func aegisScryptNOutOfBoundsIsRefusedFast() throws {
        let text = try Fixtures.text("aegis-encrypted.json").replacingOccurrences(of: "\"n\": 1024", with: "\"n\": 1073741824")
        refusedFast(.parametersOutOfBounds(parameter: "scrypt N", value: "1073741824", allowed: "powers of two from 2 to 1048576")) {
            () throws(InteropError) in try read(text, .aegis)
        }
    }

    @Test func aegisScryptNNotAPowerOfTwoIsRefused() throws {
        let text = try Fixtures.text("aegis-encrypted.json").replacingOccurrences(of: "\"n\": 1024", with: "\"n\": 1000")
        #expect(interopError { () throws(InteropError) in try read(text, .aegis) }?.caseName == "parametersOutOfBounds")
    }

    @Test func aegisScryptRAndPOutOfBoundsAreRefusedFast() throws {
        let base = try Fixtures.text("aegis-encrypted.json")
        refusedFast(.parametersOutOfBounds(parameter: "scrypt r", value: "1000", allowed: "1 to 32")) { () throws(InteropError) in
            try read(base.replacingOccurrences(of: "\"r\": 8", with: "\"r\": 1000"), .aegis)
        }
        refusedFast(.parametersOutOfBounds(parameter: "scrypt p", value: "64", allowed: "1 to 16")) { () throws(InteropError) in
            try read(base.replacingOccurrences(of: "\"p\": 1,", with: "\"p\": 64,"), .aegis)
        }
        // Each bound alone is fine, together they pass the memory bound.
        let heavy = base.replacingOccurrences(of: "\"n\": 1024", with: "\"n\": 1048576").replacingOccurrences(of: "\"r\": 8", with: "\"r\": 16")
        #expect(interopError { () throws(InteropError) in try read(heavy, .aegis) }?.caseName == "parametersOutOfBounds")
    }

    @Test func aegisTamperedContentIsDamaged() throws {
        var object = try #require(try JSONSerialization.jsonObject(with: Data(Fixtures.bytes("aegis-encrypted.json"))) as? [String: Any])
        var db = Array(try #require(object["db"] as? String))
        db[10] = db[10] == "A" ? "B" : "A"
        object["db"] = String(db)
        let text = String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
        #expect(interopError { () throws(InteropError) in try read(text, .aegis) }?.caseName == "damaged")
    }

    @Test func aegisTamperedSlotKeyIsAWrongPassword() throws {
        let text = try Fixtures.text("aegis-encrypted.json")
        let key = try #require(text.range(of: "\"key\": \"", options: .backwards))
        var characters = Array(text)
        let index = text.distance(from: text.startIndex, to: key.upperBound)
        characters[index] = characters[index] == "0" ? "1" : "0"
        #expect(interopError { () throws(InteropError) in try read(String(characters), .aegis) } == .wrongPassword)
    }

    @Test func aegisTruncatedFileIsDamaged() throws {
        let bytes = try Fixtures.bytes("aegis-encrypted.json")
        for length in [0, 1, bytes.count / 2, bytes.count - 1] {
            let error = interopError { () throws(InteropError) in
                try ForeignVaultReader.read(Array(bytes.prefix(length)), format: .aegis, password: Self.password)
            }
            #expect(error?.caseName == "damaged", "length \(length)")
        }
    }

    @Test func aegisUnknownVersionsAreUnsupported() throws {
        let plain = try Fixtures.text("aegis-plain.json")
        #expect(interopError { () throws(InteropError) in try read(plain.replacingOccurrences(of: "\"version\": 3", with: "\"version\": 4"), .aegis) }
            == .unsupportedVersion(format: .aegis, version: "db 4"))
        #expect(interopError { () throws(InteropError) in try read(plain.replacingOccurrences(of: "\"version\": 1,", with: "\"version\": 2,"), .aegis) }
            == .unsupportedVersion(format: .aegis, version: "2"))
    }

    @Test func aegisVaultWithTooManyPasswordSlotsIsRefusedFast() throws {
        var object = try #require(try JSONSerialization.jsonObject(with: Data(Fixtures.bytes("aegis-encrypted.json"))) as? [String: Any])
        var header = try #require(object["header"] as? [String: Any])
        let slots = try #require(header["slots"] as? [[String: Any]])
        header["slots"] = Array(repeating: slots[1], count: 5)
        object["header"] = header
        let text = String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
        refusedFast(.parametersOutOfBounds(parameter: "password slots", value: "5", allowed: "at most 4")) { () throws(InteropError) in
            try read(text, .aegis)
        }
    }

    @Test func aegisVaultWithOnlyBiometricSlotsIsDamaged() throws {
        let text = try Fixtures.text("aegis-encrypted.json").replacingOccurrences(of: "\"type\": 1,", with: "\"type\": 2,")
        #expect(interopError { () throws(InteropError) in try read(text, .aegis) }
            == .unsupportedEncryption(format: .aegis, reason: "the vault has no password slot (only raw or biometric keys)"))
    }

    @Test func aegisUnrepairedLongPasswordNeedsTheOldEncoding() throws {
        // The fixture only opens through the old-encoding fallback; marked repaired, it must not.
        let text = try Fixtures.text("aegis-encrypted-unrepaired.json").replacingOccurrences(of: "\"repaired\": false", with: "\"repaired\": true")
        let long = secure("a very long passphrase that is well over sixty-four bytes long, for the old Aegis bug")
        #expect(interopError { () throws(InteropError) in try ForeignVaultReader.read(Array(text.utf8), format: .aegis, password: long) } == .wrongPassword)
    }

    // MARK: 2FAS

    @Test func twoFASUnknownSchemaIsUnsupported() throws {
        let text = try Fixtures.text("2fas-plain-v4.json").replacingOccurrences(of: "\"schemaVersion\": 4", with: "\"schemaVersion\": 5")
        #expect(interopError { () throws(InteropError) in try read(text, .twoFAS) } == .unsupportedVersion(format: .twoFAS, version: "5"))
    }

    @Test func twoFASTamperedServicesAreDamagedOnceTheReferenceChecksThePassword() throws {
        let text = try Fixtures.text("2fas-encrypted.json")
        let marker = try #require(text.range(of: "\"servicesEncrypted\": \""))
        var characters = Array(text)
        let index = text.distance(from: text.startIndex, to: marker.upperBound) + 5
        characters[index] = characters[index] == "A" ? "B" : "A"
        #expect(interopError { () throws(InteropError) in try read(String(characters), .twoFAS) } == .damaged(reason: "servicesEncrypted does not authenticate"))
    }

    @Test func twoFASMalformedEncryptedFieldIsDamaged() throws {
        let text = try Fixtures.text("2fas-encrypted.json").replacingOccurrences(of: "\"servicesEncrypted\": \"", with: "\"servicesEncrypted\": \"!!")
        #expect(interopError { () throws(InteropError) in try read(text, .twoFAS) }?.caseName == "damaged")
    }

    // MARK: andOTP

    @Test func andOTPIterationsOutOfBoundsAreRefusedFast() throws {
        var bytes = try Fixtures.bytes("andotp-encrypted.json.aes")
        bytes.replaceSubrange(0..<4, with: [0x01, 0x31, 0x2D, 0x01])  // 20,000,001
        refusedFast(.parametersOutOfBounds(parameter: "PBKDF2 iterations", value: "20000001", allowed: "1 to 10000000")) {
            () throws(InteropError) in try ForeignVaultReader.read(bytes, format: .andOTP, password: Self.password)
        }
        bytes.replaceSubrange(0..<4, with: [0x00, 0x00, 0x00, 0x00])
        refusedFast(.parametersOutOfBounds(parameter: "PBKDF2 iterations", value: "0", allowed: "1 to 10000000")) {
            () throws(InteropError) in try ForeignVaultReader.read(bytes, format: .andOTP, password: Self.password)
        }
        // Beyond 2^26 the four bytes are an old-layout IV: a wrong password, refused as fast.
        bytes.replaceSubrange(0..<4, with: [0x7F, 0xFF, 0xFF, 0xFF])
        refusedFast(.wrongPassword) { () throws(InteropError) in
            try ForeignVaultReader.read(bytes, format: .andOTP, password: Self.password)
        }
    }

    @Test func andOTPTamperedOrTruncatedBackupDoesNotOpen() throws {
        var bytes = try Fixtures.bytes("andotp-encrypted.json.aes")
        bytes[40] ^= 1
        #expect(interopError { () throws(InteropError) in try ForeignVaultReader.read(bytes, format: .andOTP, password: Self.password) } == .wrongPassword)
        let short = Array(try Fixtures.bytes("andotp-encrypted.json.aes").prefix(20))
        #expect(interopError { () throws(InteropError) in try ForeignVaultReader.read(short, format: .andOTP, password: Self.password) }?.caseName == "damaged")
    }

    // MARK: Ente

    @Test func enteArgon2CostsOutOfBoundsAreRefusedFast() throws {
        let text = try Fixtures.text("ente-encrypted.json")
        refusedFast(.parametersOutOfBounds(parameter: "Argon2id memLimit", value: "4294967296 bytes", allowed: "8192 to 1073741824 bytes")) {
            () throws(InteropError) in try read(text.replacingOccurrences(of: "\"memLimit\": 65536", with: "\"memLimit\": 4294967296"), .ente)
        }
        refusedFast(.parametersOutOfBounds(parameter: "Argon2id opsLimit", value: "1000", allowed: "1 to 64")) {
            () throws(InteropError) in try read(text.replacingOccurrences(of: "\"opsLimit\": 2", with: "\"opsLimit\": 1000"), .ente)
        }
        let heavy = text.replacingOccurrences(of: "\"memLimit\": 65536", with: "\"memLimit\": 1073741824")
            .replacingOccurrences(of: "\"opsLimit\": 2", with: "\"opsLimit\": 8")
        #expect(interopError { () throws(InteropError) in try read(heavy, .ente) }?.caseName == "parametersOutOfBounds")
    }

    @Test func enteTamperedDataOrUnknownVersionIsRefused() throws {
        let text = try Fixtures.text("ente-encrypted.json")
        let marker = try #require(text.range(of: "\"encryptedData\": \""))
        var characters = Array(text)
        let index = text.distance(from: text.startIndex, to: marker.upperBound) + 3
        characters[index] = characters[index] == "A" ? "B" : "A"
        #expect(interopError { () throws(InteropError) in try read(String(characters), .ente) } == .wrongPassword)
        #expect(interopError { () throws(InteropError) in try read(text.replacingOccurrences(of: "\"version\": 1", with: "\"version\": 2"), .ente) }
            == .unsupportedVersion(format: .ente, version: "2"))
    }

    // MARK: Google

    @Test func googleMissingBatchIsDamaged() throws {
        let lines = try Fixtures.text("google-migration.txt").split(separator: "\n")
        #expect(interopError { () throws(InteropError) in try read(String(lines[0]), .google) }
            == .damaged(reason: "the export has 2 batches (QR codes), 1 given"))
        #expect(interopError { () throws(InteropError) in try read("\(lines[0])\n\(lines[0])", .google) } == .damaged(reason: "a batch appears twice"))
    }

    @Test func googleMalformedDataIsDamaged() throws {
        #expect(interopError { () throws(InteropError) in try read("otpauth-migration://offline?data=!!!", .google) }?.caseName == "damaged")
        #expect(interopError { () throws(InteropError) in try read("otpauth-migration://offline?foo=bar", .google) }?.caseName == "damaged")
        // A length-delimited field longer than the payload: 0x0A (field 1, bytes), length 0x7F.
        #expect(interopError { () throws(InteropError) in try read("otpauth-migration://offline?data=Cn8A", .google) }?.caseName == "damaged")
        // A varint that never ends.
        #expect(interopError { () throws(InteropError) in try read("otpauth-migration://offline?data=EP%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F%2F8%3D", .google) }?.caseName == "damaged")
    }

    // MARK: Microsoft Authenticator

    @Test func microsoftDatabaseThatIsTruncatedOrLacksTheTableIsDamaged() throws {
        let bytes = try Fixtures.bytes("PhoneFactor")
        let truncated = Array(bytes.prefix(100))
        #expect(interopError { () throws(InteropError) in try ForeignVaultReader.read(truncated, format: .microsoftAuthenticator, password: nil) }?.caseName == "damaged")
        #expect(interopError { () throws(InteropError) in try read("not a database", .microsoftAuthenticator) } == .unrecognizedFormat)
    }

    // MARK: Bounds and detection

    @Test func inputLargerThanTheLimitIsRefusedBeforeParsing() throws {
        var limits = InteropLimits.default
        limits.maximumInputBytes = 100
        let text = try Fixtures.text("aegis-plain.json")
        #expect(interopError { () throws(InteropError) in try read(text, .auto, limits: limits) } == .inputTooLarge(bytes: text.utf8.count, limit: 100))
    }

    @Test(arguments: ["aegis-plain.json", "2fas-plain-v4.json", "google-migration.txt", "ente-plain.txt", "andotp-plain.json",
                      "bitwarden.json", "bitwarden.csv", "freeotp-plus.json", "proton.json", "PhoneFactor", "otpauth.txt"])
    func moreEntriesThanTheLimitAreRefused(_ file: String) throws {
        var limits = InteropLimits.default
        limits.maximumEntries = 1
        let bytes = try Fixtures.bytes(file)
        #expect(interopError { () throws(InteropError) in try ForeignVaultReader.read(bytes, format: .auto, password: nil, limits: limits) }?.caseName == "tooManyEntries")
    }

    @Test func unknownContentIsUnrecognized() {
        for text in ["hello world", "{\"some\": \"json\"}", "[1, 2]", "42", ""] {
            #expect(interopError { () throws(InteropError) in try read(text, .auto) } == .unrecognizedFormat, "\(text)")
        }
    }

    @Test func jsonNestedTooDeepIsDamaged() {
        let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(interopError { () throws(InteropError) in try read(deep, .andOTP) }?.caseName == "damaged")
    }

    @Test func duplicateJSONKeysAreDamaged() {
        let text = #"{"version": 1, "version": 1, "header": {"slots": null, "params": null}, "db": {"version": 3, "entries": []}}"#
        #expect(interopError { () throws(InteropError) in try read(text, .aegis) }?.caseName == "damaged")
    }

    @Test func namedFormatThatDoesNotMatchIsRefused() throws {
        let text = try Fixtures.text("2fas-plain-v4.json")
        #expect(interopError { () throws(InteropError) in try read(text, .aegis) }?.caseName == "damaged")
        #expect(interopError { () throws(InteropError) in try read(text, .google) }?.caseName == "damaged")
    }

    @Test func protonPasswordProtectedExportThatIsMalformedIsDamaged() {
        let text = #"{"version": 1, "salt": "c2FsdA==", "content": "Y29udGVudA=="}"#
        #expect(interopError { () throws(InteropError) in try read(text, .auto) }
            == .damaged(reason: "the salt is missing or not 16 bytes of Base64"))
        let version = #"{"version": 2, "salt": "c2FsdA==", "content": "Y29udGVudA=="}"#
        #expect(interopError { () throws(InteropError) in try read(version, .proton) } == .unsupportedVersion(format: .proton, version: "2"))
    }

    @Test func microsoftDatabaseWhoseAccountsViewNeverEndsIsStopped() throws {
        let bytes = try Fixtures.bytes("PhoneFactor-hostile")
        let clock = ContinuousClock()
        let start = clock.now
        let error = interopError { () throws(InteropError) in
            try ForeignVaultReader.read(bytes, format: .auto, password: nil)
        }
        #expect(error?.caseName == "damaged")
        #expect(clock.now - start < .seconds(3))
    }

    @Test func bitwardenEncryptedExportIsUnsupported() {
        let text = #"{"encrypted": true, "passwordProtected": true, "data": "..."}"#
        #expect(interopError { () throws(InteropError) in try read(text, .bitwarden) }
            == .unsupportedEncryption(format: .bitwarden, reason: "export it again as unencrypted JSON or CSV"))
    }
}

/// Memory is bounded before it is used: JSON values and protobuf entries are counted while
/// parsing, not after.
@Suite("Parsing budgets")
struct ParsingBudgetTests {
    @Test func jsonWithMoreValuesThanTheBudgetIsRefusedWhileParsing() {
        var limits = InteropLimits.default
        limits.maximumEntries = 10  // 1,000 JSON values
        let text = "[" + Array(repeating: "{}", count: 1_500).joined(separator: ",") + "]"
        for format in [ImportFormat.andOTP, .auto] {
            let error = interopError { () throws(InteropError) in
                try ForeignVaultReader.read(Array(text.utf8), format: format, password: nil, limits: limits)
            }
            #expect(error?.caseName == "damaged")
            #expect(error?.message.contains("too many values") == true)
        }
    }

    @Test func googleLineWithMoreEntriesThanTheLimitIsRefusedWhileParsing() {
        var limits = InteropLimits.default
        limits.maximumEntries = 3
        let payload = [UInt8](repeating: 0, count: 0) + Array([[UInt8]](repeating: [0x0A, 0x00], count: 100).joined())
        let line = "otpauth-migration://offline?data=" + Data(payload).base64EncodedString()
        let error = interopError { () throws(InteropError) in
            try ForeignVaultReader.read(Array(line.utf8), format: .google, password: nil, limits: limits)
        }
        #expect(error == .tooManyEntries(count: 4, limit: 3))
    }
}
