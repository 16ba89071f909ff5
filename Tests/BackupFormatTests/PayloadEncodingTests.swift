import SodiumBridge
import AccountModel
import AuthenticatorKitTestSupport
import Foundation
import Testing
@testable import BackupFormat

/// The payload encoding, checked against bytes written out from the spec (`SpecReference`).
@Suite("Payload encoding")
struct PayloadEncodingTests {
    typealias Spec = SpecReference

    static func encode(_ payload: BackupPayload) throws -> [UInt8] {
        var writer = RecordWriter(capacity: try PayloadEncoding.measure(payload))
        try PayloadEncoding.encode(payload, into: &writer)
        return writer.bytes
    }

    static func decode(_ bytes: [UInt8]) throws(BackupFormatError) -> BackupPayload {
        try PayloadDecoding.decode(SecureBytes(copying: bytes))
    }

    static let settings = Spec.settings(flags: 0x05, platform: 1)
    static let created: Int64 = 1_700_000_000_000

    /// A valid TOTP record, from the spec.
    static func totp(trailing: [UInt8] = []) -> [UInt8] {
        Spec.totpRecord(id: "i", issuer: "Example", userName: "alice", createdAtMs: created, secret: Fixtures.rfcSeed, trailing: trailing)
    }

    @Test func theEncodingMatchesTheSpecByteForByte() throws {
        let payload = BackupPayload(
            accounts: [BackupAccount(id: AccountID(rawValue: "i"), issuer: "Example", userName: "alice",
                                     createdAt: Date(timeIntervalSince1970: 1_700_000_000),
                                     content: .thirdParty(BackupToken(Fixtures.generator(.timer(period: 30), Fixtures.rfcSeed))))],
            settings: Settings(platform: .ios, backupEnabled: true)
        )
        #expect(try Self.encode(payload) == Spec.payload(settings: Self.settings, records: [Self.totp()]))
    }

    @Test func providerAccountsEncodeAsTheSpecSays() throws {
        let payload = BackupPayload(
            accounts: [BackupAccount(id: AccountID(rawValue: "p"), issuer: "Contoso", userName: "bob", displayName: "Bob",
                                     createdAt: Date(timeIntervalSince1970: 1), content: .workOrSchool(.init(providerAccountReference: "r", pushApprovalsEnabled: true)))],
            settings: Settings(platform: .android, backupEnabled: false, hidesCodes: true, groupsDigits: false, custom: ["b": "2", "a": "1"])
        )
        let record = Spec.record(Spec.accountPrefix(kind: 3, id: "p", issuer: "Contoso", userName: "bob", displayName: "Bob", createdAtMs: 1000)
                                 + Spec.optionalText("r") + [1])
        let settings = Spec.settings(flags: 0x02, platform: 2, custom: [("a", "1"), ("b", "2")])
        #expect(try Self.encode(payload) == Spec.payload(settings: settings, records: [record]))
    }

    @Test func theSamePayloadAlwaysEncodesToTheSameBytes() throws {
        var custom: [String: String] = [:]
        for index in 0..<50 { custom["key\(index)"] = "value\(index)" }
        var reordered: [String: String] = [:]
        for index in (0..<50).reversed() { reordered["key\(index)"] = "value\(index)" }
        let a = BackupPayload(accounts: Fixtures.payload().accounts, settings: Settings(platform: .ios, custom: custom))
        let b = BackupPayload(accounts: Fixtures.payload().accounts, settings: Settings(platform: .ios, custom: reordered))
        #expect(try Self.encode(a) == Self.encode(b))
    }

    @Test func aPayloadDecodesToWhatWasEncoded() throws {
        let payload = Fixtures.payload()
        #expect(try Self.decode(Self.encode(payload)) == payload)
    }

    @Test func millisecondsSurviveARoundTrip() throws {
        var payload = Fixtures.payload(accountCount: 1)
        payload.accounts[0].createdAt = Date(timeIntervalSince1970: 1_700_000_000.123)
        let decoded = try Self.decode(Self.encode(payload))
        #expect(try Self.encode(decoded) == Self.encode(payload))
        #expect(abs(decoded.accounts[0].createdAt.timeIntervalSince1970 - 1_700_000_000.123) < 0.000_5)
    }

    @Test func decodingIgnoresBytesAfterTheFieldsItKnowsInARecord() throws {
        let payload = try Self.decode(Spec.payload(settings: Self.settings, records: [Self.totp(trailing: [9, 9, 9])]))
        #expect(payload.accounts.first?.issuer == "Example")
        #expect(payload.accounts.first?.token?.secret.copyBytes() == Fixtures.rfcSeed)
    }

    @Test func decodingIgnoresReservedSettingsFlagsAndTrailingSettingsBytes() throws {
        let settings = Spec.record([0xF9, 1, 0, 0, 7, 7])
        let payload = try Self.decode(Spec.payload(settings: settings, records: []))
        #expect(payload.settings.backupEnabled)
        #expect(!payload.settings.hidesCodes)
        #expect(!payload.settings.groupsDigits)
    }

    @Test func decodingRejectsBytesAfterTheLastAccount() {
        #expect(throws: BackupFormatError.damaged) {
            try Self.decode(Spec.payload(settings: Self.settings, records: [Self.totp()]) + [0])
        }
    }

    @Test func decodingRejectsATruncatedPayload() throws {
        let bytes = Spec.payload(settings: Self.settings, records: [Self.totp()])
        for length in 0..<bytes.count {
            #expect(throws: BackupFormatError.damaged) { try Self.decode(Array(bytes.prefix(length))) }
        }
    }

    @Test func decodingRejectsAnAccountCountTheBytesCannotHold() {
        #expect(throws: BackupFormatError.damaged) {
            try Self.decode(Spec.payload(settings: Self.settings, records: [Self.totp()], count: 40_000))
        }
    }

    /// One account record body with `change` applied to the TOTP fields after the prefix.
    static func totpFields(algorithm: UInt8 = 1, format: UInt8 = 1, digits: UInt8 = 6, factor: UInt8 = 2,
                           period: Int64 = 30, t0: Int64 = 0, counter: UInt64 = 5, secret: [UInt8] = [1, 2, 3]) -> [UInt8] {
        let prefix = Spec.accountPrefix(kind: 1, id: "i", issuer: "X", userName: "y", createdAtMs: 0)
        let factorFields = factor == 1 ? Spec.u64(counter) : Spec.i64(period) + Spec.i64(t0)
        return Spec.payload(settings: settings, records: [Spec.record(prefix + [algorithm, format, digits, factor] + factorFields
                                                                     + [UInt8(secret.count)] + secret)])
    }

    @Test func decodingAcceptsEveryValidTokenShape() throws {
        #expect(try Self.decode(Self.totpFields(algorithm: 3, digits: 10)).accounts[0].token?.format == .decimal(digits: 10))
        #expect(try Self.decode(Self.totpFields(format: 2, digits: 5)).accounts[0].token?.format == .steam)
        #expect(try Self.decode(Self.totpFields(factor: 1)).accounts[0].token?.factor == .counter(5))
        #expect(try Self.decode(Self.totpFields(factor: 1, counter: 18_446_744_073_709_551_614)).accounts[0].token?.factor
                == .counter(18_446_744_073_709_551_614))
    }

    @Test(arguments: [
        ("unknown algorithm", PayloadEncodingTests.totpFields(algorithm: 4)),
        ("unknown code format", PayloadEncodingTests.totpFields(format: 3)),
        ("five decimal digits", PayloadEncodingTests.totpFields(digits: 5)),
        ("eleven decimal digits", PayloadEncodingTests.totpFields(digits: 11)),
        ("Steam with six characters", PayloadEncodingTests.totpFields(format: 2, digits: 6)),
        ("unknown factor", PayloadEncodingTests.totpFields(factor: 3)),
        ("period of zero", PayloadEncodingTests.totpFields(period: 0)),
        ("negative period", PayloadEncodingTests.totpFields(period: -30)),
        ("empty secret", PayloadEncodingTests.totpFields(secret: [])),
        ("HOTP counter 2^64 − 1", PayloadEncodingTests.totpFields(factor: 1, counter: 18_446_744_073_709_551_615)),
        ("Steam with HMAC-SHA-256", PayloadEncodingTests.totpFields(algorithm: 2, format: 2, digits: 5)),
        ("Steam with HMAC-SHA-512", PayloadEncodingTests.totpFields(algorithm: 3, format: 2, digits: 5)),
        ("Steam with a 60 s period", PayloadEncodingTests.totpFields(format: 2, digits: 5, period: 60)),
        ("Steam with T0 = 1", PayloadEncodingTests.totpFields(format: 2, digits: 5, t0: 1)),
        ("Steam with a counter", PayloadEncodingTests.totpFields(format: 2, digits: 5, factor: 1)),
    ])
    func decodingRejectsAnInvalidToken(_ name: String, _ bytes: [UInt8]) {
        #expect(throws: BackupFormatError.damaged, "\(name)") { try Self.decode(bytes) }
    }

    @Test func decodingRejectsAnUnknownAccountKind() {
        let record = Spec.record(Spec.accountPrefix(kind: 4, id: "i", issuer: "X", userName: "y", createdAtMs: 0) + [0, 0])
        #expect(throws: BackupFormatError.damaged) { try Self.decode(Spec.payload(settings: Self.settings, records: [record])) }
    }

    @Test func decodingRejectsABooleanOtherThanZeroOrOne() {
        let record = Spec.record(Spec.accountPrefix(kind: 2, id: "i", issuer: "X", userName: "y", createdAtMs: 0) + [0, 2])
        #expect(throws: BackupFormatError.damaged) { try Self.decode(Spec.payload(settings: Self.settings, records: [record])) }
        let presence = Spec.record([2] + Spec.text("i") + Spec.text("X") + Spec.text("y") + [2] + Spec.text("d") + [0] + Spec.i64(0) + [0, 0])
        #expect(throws: BackupFormatError.damaged) { try Self.decode(Spec.payload(settings: Self.settings, records: [presence])) }
    }

    @Test func decodingRejectsInvalidUTF8() {
        let record = Spec.record([2] + Spec.text("i") + Spec.u16(2) + [0xC3, 0x28] + Spec.text("y") + [0, 0] + Spec.i64(0) + [0, 0])
        #expect(throws: BackupFormatError.damaged) { try Self.decode(Spec.payload(settings: Self.settings, records: [record])) }
    }

    @Test func decodingRejectsAnUnknownPlatform() {
        #expect(throws: BackupFormatError.damaged) { try Self.decode(Spec.payload(settings: Spec.settings(flags: 0, platform: 3), records: [])) }
    }

    @Test func decodingRejectsCustomSettingsOutOfOrderOrRepeated() {
        for custom in [[("b", "1"), ("a", "2")], [("a", "1"), ("a", "2")]] {
            #expect(throws: BackupFormatError.damaged) {
                try Self.decode(Spec.payload(settings: Spec.settings(flags: 0, platform: 1, custom: custom), records: []))
            }
        }
    }

    @Test func decodingRejectsCustomKeysThatSwiftWouldMergeRatherThanLoseOne() {
        // "é" precomposed (C3 A9) and decomposed (65 CC 81): different bytes, equal Strings.
        let custom = [("e\u{301}", "decomposed"), ("\u{e9}", "precomposed")]
        #expect(throws: BackupFormatError.damaged) {
            try Self.decode(Spec.payload(settings: Spec.settings(flags: 0, platform: 1, custom: custom), records: []))
        }
    }

    @Test func textKeepsItsExactBytes() throws {
        let payload = try Self.decode(Spec.payload(
            settings: Spec.settings(flags: 0, platform: 1, custom: [("e\u{301}", "x")]),
            records: [Spec.totpRecord(id: "i", issuer: "Cafe\u{301}", userName: "u", createdAtMs: 0, secret: [1])]
        ))
        #expect(Array(payload.accounts[0].issuer.utf8) == Array("Cafe\u{301}".utf8))
        #expect(Array(payload.settings.custom.keys.first!.utf8) == [0x65, 0xCC, 0x81])
    }

    /// §2: `text` is any valid UTF-8. A leading `EF BB BF` is the character U+FEFF, kept as
    /// part of the text (not a byte-order mark to strip), and U+0000 is a character like any
    /// other; both survive a read and a re-seal byte for byte.
    @Test func aLeadingFEFFAndAnEmbeddedNULAreOrdinaryCharacters() throws {
        let issuer: [UInt8] = [0xEF, 0xBB, 0xBF, 0x41, 0x00, 0x42]
        let record = Spec.record([1] + Spec.text("i") + Spec.u16(6) + issuer + Spec.text("\u{0}u") + [0, 0] + Spec.i64(0)
                                 + [1, 1, 6, 2] + Spec.i64(30) + Spec.i64(0) + [1, 7])
        let bytes = Spec.payload(settings: Self.settings, records: [record])
        let payload = try Self.decode(bytes)
        #expect(Array(payload.accounts[0].issuer.utf8) == issuer)
        #expect(Array(payload.accounts[0].userName.utf8) == [0x00, 0x75])
        #expect(try Self.encode(payload) == bytes)
    }

    /// §9: identifiers are unique within a payload. A reader refuses a repeated one with its
    /// own error (the file authenticated: a faulty writer, not damage), and so does the writer.
    @Test func aRepeatedAccountIdentifierIsRefusedByTheReaderAndTheWriter() throws {
        let bytes = Spec.payload(settings: Self.settings, records: [Self.totp(), Self.totp()])
        #expect(throws: BackupFormatError.duplicateAccountIdentifier) { try Self.decode(bytes) }
        let sealed = Spec.write(plaintext: bytes, escrowKey: Fixtures.escrowKey)
        #expect(throws: BackupFormatError.duplicateAccountIdentifier) { try Fixtures.open(sealed, using: .escrowKey(Fixtures.escrowKey)) }
        var payload = Fixtures.payload()
        payload.accounts.append(payload.accounts[0])
        #expect(throws: BackupFormatError.duplicateAccountIdentifier) {
            try Fixtures.sealer().seal(payload, metadata: Fixtures.metadata, keySlots: [.escrowKey(Fixtures.escrowKey, keyID: "k")])
        }
    }

    @Test func decodedTokensReferToTheirOwnBytes() throws {
        let payload = try Self.decode(Spec.payload(settings: Self.settings, records: [
            Spec.totpRecord(id: "1", issuer: "A", userName: "a", createdAtMs: 0, secret: [1, 1, 1]),
            Spec.totpRecord(id: "2", issuer: "B", userName: "b", createdAtMs: 0, secret: [2, 2, 2, 2]),
        ]))
        #expect(payload.accounts[0].token?.secret.copyBytes() == [1, 1, 1])
        #expect(payload.accounts[1].token?.secret.copyBytes() == [2, 2, 2, 2])
        #expect(payload.accounts[1].token?.secretLength == 4)
    }
}

/// Decoding never makes a third-party account without its secret.
@Suite("Payload accounts and their tokens")
struct PayloadAccountShapeTests {
    @Test func aThirdPartyRecordWithoutItsTokenIsDamaged() {
        let prefix = SpecReference.accountPrefix(kind: 1, id: "i", issuer: "X", userName: "y", createdAtMs: 0)
        let payload = SpecReference.payload(settings: PayloadEncodingTests.settings, records: [SpecReference.record(prefix)])
        #expect(throws: BackupFormatError.damaged) { try PayloadEncodingTests.decode(payload) }
    }

    @Test func everyAccountShapeRoundTripsThroughASealedBackup() throws {
        let vault = try SampleVaults.everyAccountShape()
        let payload = BackupPayload(vault: vault)
        let sealed = try Fixtures.sealedWithEscrow(payload)
        let opened = try Fixtures.open(sealed, using: .escrowKey(Fixtures.escrowKey))
        #expect(opened == payload)
        #expect(opened.accounts.map(\.id) == vault.accounts.map(\.id))
        for (account, carried) in zip(vault.accounts, opened.accounts) {
            #expect(carried.kind == account.kind)
            #expect(carried.issuer == account.issuer)
            #expect(carried.userName == account.userName)
            #expect(carried.providerMetadata?.providerAccountReference == account.providerAccountReference)
            #expect(carried.providerMetadata?.pushApprovalsEnabled ?? false == account.pushApprovalsEnabled)
            // Third-party secrets in full; nothing of a provider account's device state.
            switch account.content {
            case let .thirdParty(token):
                #expect(try carried.token?.makeGenerator().secret == token.generator.secret)
            case .provider:
                #expect(carried.token == nil)
            }
        }
    }
}
