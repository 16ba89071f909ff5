import AccountModel
import Foundation
import Testing
import BackupFormat

@Suite("Limits")
struct BackupLimitsTests {
    typealias Spec = SpecReference

    static func seal(_ payload: BackupPayload, metadata: BackupMetadata = Fixtures.metadata, keyID: String = "e") throws(BackupFormatError) -> [UInt8] {
        try Fixtures.sealer().seal(payload, metadata: metadata, keySlots: [.escrowKey(Fixtures.escrowKey, keyID: keyID)])
    }

    static func account(issuer: String = "I", secretLength: Int = 20) -> BackupAccount {
        BackupAccount(id: AccountID(rawValue: "x"), issuer: issuer, userName: "u", createdAt: Date(timeIntervalSince1970: 0),
                      content: .thirdParty(BackupToken(Fixtures.generator(.timer(period: 30), [UInt8](repeating: 1, count: secretLength)))))
    }

    static func withAccount(_ account: BackupAccount) -> BackupPayload {
        BackupPayload(accounts: [account], settings: Settings(platform: .ios))
    }

    @Test func theLimitsAreTheDocumentedOnes() {
        #expect(BackupLimits.maximumFileSize == 16_777_216)
        #expect(BackupLimits.maximumHeaderLength == 8_192)
        #expect(BackupLimits.maximumKeySlots == 8)
        #expect(BackupLimits.maximumKeySlotLength == 1_024)
        #expect(BackupLimits.maximumAppVersionLength == 64)
        #expect(BackupLimits.maximumKeyIdentifierLength == 128)
        #expect(BackupLimits.maximumAccounts == 50_000)
        #expect(BackupLimits.maximumAccountRecordLength == 65_536)
        #expect(BackupLimits.maximumSettingsRecordLength == 1_048_576)
        #expect(BackupLimits.maximumTextLength == 1_024)
        #expect(BackupLimits.maximumSecretLength == 128)
        #expect(BackupLimits.maximumCustomSettings == 256)
    }

    // MARK: Sealing

    @Test func sealingRefusesTooManyAccounts() {
        let payload = Fixtures.payload(accountCount: 50_001)
        #expect(throws: BackupFormatError.tooLarge(field: "accounts", limit: 50_000)) { try Self.seal(payload) }
    }

    @Test func sealingRefusesAnOversizeTextFieldButTakesOneAtTheLimit() throws {
        let atLimit = Self.withAccount(Self.account(issuer: String(repeating: "é", count: 512)))
        #expect(try Fixtures.open(Self.seal(atLimit), using: .escrowKey(Fixtures.escrowKey)) == atLimit)
        #expect(throws: BackupFormatError.tooLarge(field: "issuer", limit: 1_024)) {
            try Self.seal(Self.withAccount(Self.account(issuer: String(repeating: "a", count: 1_025))))
        }
    }

    @Test func sealingRefusesAnOversizeSecret() {
        #expect(throws: BackupFormatError.tooLarge(field: "secret", limit: 128)) {
            try Self.seal(Self.withAccount(Self.account(secretLength: 129)))
        }
    }

    @Test func sealingRefusesTooManyCustomSettings() {
        var custom: [String: String] = [:]
        for index in 0...256 { custom["k\(index)"] = "v" }
        #expect(throws: BackupFormatError.tooLarge(field: "custom settings", limit: 256)) {
            try Self.seal(BackupPayload(accounts: [], settings: Settings(platform: .ios, custom: custom)))
        }
    }

    @Test func sealingRefusesAnOversizeAppVersionOrKeyIdentifier() {
        var metadata = Fixtures.metadata
        metadata.appVersion = String(repeating: "9", count: 65)
        #expect(throws: BackupFormatError.tooLarge(field: "app version", limit: 64)) { try Self.seal(Fixtures.payload(), metadata: metadata) }
        #expect(throws: BackupFormatError.tooLarge(field: "key identifier", limit: 128)) {
            try Self.seal(Fixtures.payload(), keyID: String(repeating: "k", count: 129))
        }
    }

    @Test func sealingRefusesAFileOverTheSizeLimit() {
        let long = String(repeating: "x", count: 1_024)
        let token = BackupToken(Fixtures.generator(.timer(period: 30), Fixtures.rfcSeed))
        let accounts = (0..<8_200).map { index in
            BackupAccount(id: AccountID(rawValue: String(long.dropLast(5)) + String(100_000 + index).dropFirst()), issuer: long, userName: long, createdAt: Date(timeIntervalSince1970: 0), content: .thirdParty(token))
        }
        #expect(throws: BackupFormatError.tooLarge(field: "file", limit: 16_777_216)) {
            try Self.seal(BackupPayload(accounts: accounts, settings: Settings(platform: .ios)))
        }
    }

    // MARK: Opening

    @Test func openingRefusesAFileOverTheSizeLimitBeforeReadingIt() {
        var bytes = [UInt8](repeating: 0, count: 16_777_217)
        bytes.replaceSubrange(0..<8, with: Spec.magic)
        #expect(throws: BackupFormatError.tooLarge(field: "file", limit: 16_777_216)) { try SealedBackup(bytes: bytes) }
    }

    @Test func openingRefusesTooManyAccountsBeforeReadingThem() {
        let plaintext = Spec.payload(settings: Spec.settings(flags: 0, platform: 1), records: [], count: 50_001)
        let bytes = Spec.write(plaintext: plaintext, escrowKey: Fixtures.escrowKey)
        #expect(throws: BackupFormatError.tooLarge(field: "accounts", limit: 50_000)) {
            try Fixtures.open(bytes, using: .escrowKey(Fixtures.escrowKey))
        }
    }

    @Test func openingRefusesAnOversizeTextField() {
        let record = Spec.record([1] + Spec.text("i") + Spec.u16(1_025) + [UInt8](repeating: 0x61, count: 1_025))
        let plaintext = Spec.payload(settings: Spec.settings(flags: 0, platform: 1), records: [record])
        let bytes = Spec.write(plaintext: plaintext, escrowKey: Fixtures.escrowKey)
        #expect(throws: BackupFormatError.tooLarge(field: "issuer", limit: 1_024)) {
            try Fixtures.open(bytes, using: .escrowKey(Fixtures.escrowKey))
        }
    }

    @Test func openingRefusesAnOversizeRecordOrSecret() {
        let settings = Spec.settings(flags: 0, platform: 1)
        let oversizeRecord = settings + Spec.u32(1) + Spec.u32(65_537) + [UInt8](repeating: 0, count: 65_537)
        #expect(throws: BackupFormatError.tooLarge(field: "account record", limit: 65_536)) {
            try Fixtures.open(Spec.write(plaintext: oversizeRecord, escrowKey: Fixtures.escrowKey), using: .escrowKey(Fixtures.escrowKey))
        }
        let oversizeSecret = Spec.payload(settings: settings, records: [
            Spec.totpRecord(id: "i", issuer: "I", userName: "u", createdAtMs: 0, secret: [UInt8](repeating: 1, count: 129)),
        ])
        #expect(throws: BackupFormatError.tooLarge(field: "secret", limit: 128)) {
            try Fixtures.open(Spec.write(plaintext: oversizeSecret, escrowKey: Fixtures.escrowKey), using: .escrowKey(Fixtures.escrowKey))
        }
    }

    @Test func openingRefusesTooManyKeySlots() {
        let slots = (0..<9).map { _ in Spec.Slot(type: 9, body: []) }
        let bytes = Spec.write(plaintext: [], escrowKey: nil, slotsBefore: slots)
        #expect(throws: BackupFormatError.tooLarge(field: "key slots", limit: 8)) { try SealedBackup(bytes: bytes) }
    }

    @Test func openingRefusesAnOversizeHeaderSlotOrAppVersion() {
        #expect(throws: BackupFormatError.tooLarge(field: "header", limit: 8_192)) {
            try SealedBackup(bytes: Spec.write(plaintext: [], escrowKey: Fixtures.escrowKey, headerExtension: [UInt8](repeating: 0, count: 8_192)))
        }
        #expect(throws: BackupFormatError.tooLarge(field: "key slot", limit: 1_024)) {
            try SealedBackup(bytes: Spec.write(plaintext: [], escrowKey: nil, slotsBefore: [Spec.Slot(type: 9, body: [UInt8](repeating: 0, count: 1_025))]))
        }
        #expect(throws: BackupFormatError.tooLarge(field: "app version", limit: 64)) {
            try SealedBackup(bytes: Spec.write(plaintext: [], escrowKey: Fixtures.escrowKey, appVersion: String(repeating: "1", count: 65)))
        }
        #expect(throws: BackupFormatError.tooLarge(field: "key identifier", limit: 128)) {
            try SealedBackup(bytes: Spec.write(plaintext: [], escrowKey: Fixtures.escrowKey, keyID: String(repeating: "k", count: 129)))
        }
    }
}
