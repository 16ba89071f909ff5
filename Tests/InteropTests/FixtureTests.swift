import Foundation
import Interop
import OTP
import Testing

/// Every fixture read as its own format and as `auto`, every field and default checked
/// against what the independent generator wrote (`Fixtures/expected.json`).
@Suite("Fixtures: every format, every field")
struct FixtureTests {
    @Test(arguments: Fixtures.all)
    func readsEveryEntryAsTheGeneratorWroteIt(_ fixture: Fixtures.Fixture) throws {
        let bytes = try Fixtures.bytes(fixture.file)
        let format = try #require(ImportFormat(rawValue: fixture.format))
        let vault = try ForeignVaultReader.read(bytes, format: format, password: fixture.password.map(secure))
        try check(vault, against: fixture, format: format)
    }

    @Test(arguments: Fixtures.all)
    func autoDetectsTheFormat(_ fixture: Fixtures.Fixture) throws {
        let bytes = try Fixtures.bytes(fixture.file)
        let format = try #require(ImportFormat(rawValue: fixture.format))
        #expect(try ForeignVaultReader.detectFormat(bytes) == format)
        // The slow default-cost Aegis vault is read once, by the test above.
        guard fixture.file != "aegis-encrypted-default-cost.json" else { return }
        let vault = try ForeignVaultReader.read(bytes, format: .auto, password: fixture.password.map(secure))
        try check(vault, against: fixture, format: format)
    }

    @Test(arguments: Fixtures.all.filter { $0.password != nil && $0.file != "aegis-encrypted-default-cost.json" })
    func encryptedFixturesNeedTheRightPassword(_ fixture: Fixtures.Fixture) throws {
        let bytes = try Fixtures.bytes(fixture.file)
        let format = try #require(ImportFormat(rawValue: fixture.format))
        #expect(throws: InteropError.passwordRequired) { try ForeignVaultReader.read(bytes, format: format, password: nil) }
        #expect(throws: InteropError.wrongPassword) {
            try ForeignVaultReader.read(bytes, format: format, password: secure("wrong password"))
        }
    }

    @Test(arguments: Fixtures.all.filter { $0.password == nil })
    func aPasswordForAPlainExportIsIgnored(_ fixture: Fixtures.Fixture) throws {
        let bytes = try Fixtures.bytes(fixture.file)
        let format = try #require(ImportFormat(rawValue: fixture.format))
        let vault = try ForeignVaultReader.read(bytes, format: format, password: secure("unused"))
        try check(vault, against: fixture, format: format)
    }

    private func check(_ vault: ForeignVault, against fixture: Fixtures.Fixture, format: ImportFormat) throws {
        #expect(vault.format == format)
        #expect(vault.recordsWithoutOTP == fixture.recordsWithoutOTP)
        try #require(vault.entries.count == fixture.entries.count)
        for (entry, expected) in zip(vault.entries, fixture.entries) {
            let context = Comment(rawValue: "\(fixture.file) entry \(expected.position)")
            #expect(entry.position == expected.position, context)
            // Byte for byte: String's == would equate canonically equivalent texts.
            #expect(Array(entry.issuer.utf8) == Array(expected.issuer.utf8), context)
            #expect(Array(entry.account.utf8) == Array(expected.account.utf8), context)
            #expect(entry.droppedFields == expected.dropped, context)
            guard let expectedToken = expected.token else {
                #expect(entry.token == nil, context)
                #expect(entry.problem?.caseName == expected.problem, context)
                #expect(vault.failures.contains { $0.position == entry.position }, context)
                continue
            }
            let token = try #require(entry.token, "\(context): \(entry.problem?.message ?? "")")
            #expect(Array(token.issuer.utf8) == Array(expected.issuer.utf8), context)
            #expect(Array(token.account.utf8) == Array(expected.account.utf8), context)
            let generator = token.generator
            #expect(Base32.encode(generator.secret) == expectedToken.secret, context)
            #expect(generator.algorithm.rawValue == expectedToken.algorithm, context)
            #expect(generator.digits == expectedToken.digits, context)
            switch expectedToken.kind {
            case "hotp":
                #expect(generator.factor == .counter(try #require(expectedToken.counter)), context)
                #expect(generator.format != .steam, context)
                #expect(generator.code(forCounter: try #require(expectedToken.counter)) == expectedToken.code, context)
            case "steam":
                #expect(generator.format == .steam, context)
                #expect(generator.factor == .timer(period: try #require(expectedToken.period), t0: 0), context)
                #expect(try generator.code(atUnixTime: Fixtures.expectations.time) == expectedToken.code, context)
            default:
                #expect(generator.factor == .timer(period: try #require(expectedToken.period), t0: 0), context)
                #expect(generator.format == .decimal(digits: expectedToken.digits), context)
                #expect(try generator.code(atUnixTime: Fixtures.expectations.time) == expectedToken.code, context)
            }
        }
    }
}
