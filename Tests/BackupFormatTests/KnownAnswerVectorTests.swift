import SodiumBridge
import AccountModel
import Foundation
import Testing
import BackupFormat

/// The checked-in vectors (`Vectors/`, inputs in `Vectors/README.md`). Expected values are
/// written out here from the README's inputs and from RFC 4226 / RFC 6238, not read back
/// from the code under test. The vectors were also read by `Vectors/reference_reader.py`,
/// an independent implementation in Python written from the spec.
@Suite("Known-answer vectors")
struct KnownAnswerVectorTests {
    static func vector(_ name: String) throws -> [UInt8] {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "hex", subdirectory: "Vectors"))
        return Fixtures.bytes(hex: try String(contentsOf: url, encoding: .utf8))
    }

    static let escrowKey = SecureBytes(copying: Fixtures.bytes(hex: "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"))
    static let allSlotsEscrowKey = SecureBytes(copying: Fixtures.bytes(hex: "e0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff"))
    static let password = SecureBytes(copying: Array("correct horse battery staple".utf8))
    static let recoveryCode = "FJ37S-K66Q3-7EMAH-79RXG-BW6FT-ZBDJC"

    // MARK: v1-escrow

    @Test func theEscrowVectorsHeaderReadsAsStated() throws {
        let header = try BackupHeader(parsing: Self.vector("v1-escrow"))
        #expect(header.formatVersion == 1)
        #expect(header.minimumReaderVersion == 1)
        #expect(header.byteCount == 132)
        #expect(header.createdAt == Date(timeIntervalSince1970: 1_700_000_100))
        #expect(header.generation == 1)
        #expect(header.platform == .ios)
        #expect(header.appVersion == "1.0")
        #expect(header.backupID == UUID(uuidString: "00112233-4455-6677-8899-AABBCCDDEEFF"))
        #expect(header.keySlots == [.escrowKey(keyID: "k1")])
    }

    @Test func theEscrowVectorOpensToTheStatedAccount() throws {
        let bytes = try Self.vector("v1-escrow")
        #expect(bytes.count == 342)
        let payload = try SealedBackup(bytes: bytes).open(using: .escrowKey(Self.escrowKey))
        #expect(payload.settings == Settings(platform: .ios, backupEnabled: true, hidesCodes: false, groupsDigits: true, custom: [:]))
        #expect(payload.accounts.count == 1)
        let account = payload.accounts[0]
        #expect(account.id.rawValue == "00000000-0000-4000-8000-000000000001")
        #expect(account.kind == .thirdParty)
        #expect(account.issuer == "Example")
        #expect(account.userName == "alice@example.com")
        #expect(account.displayName == nil)
        #expect(account.iconReference == nil)
        #expect(account.createdAt == Date(timeIntervalSince1970: 1_700_000_000))
        let token = try #require(account.token)
        #expect(token.algorithm == .sha1)
        #expect(token.format == .decimal(digits: 6))
        #expect(token.factor == .timer(period: 30, t0: 0))
        #expect(token.secret.copyBytes() == Array("12345678901234567890".utf8))
        // RFC 6238 appendix B, SHA-1, T = 59 s (time step 1): 94287082, last six digits.
        #expect(try token.makeGenerator().code(forCounter: 1) == "287082")
    }

    @Test func anIndependentReaderFindsTheSpecsPlaintextInTheEscrowVector() throws {
        // The payload as the spec lays it out, written by hand from the README's inputs.
        let spec = SpecReference.self
        let expected = spec.payload(settings: spec.settings(flags: 0x05, platform: 1), records: [
            spec.totpRecord(id: "00000000-0000-4000-8000-000000000001", issuer: "Example", userName: "alice@example.com",
                            createdAtMs: 1_700_000_000_000, secret: Array("12345678901234567890".utf8)),
        ])
        #expect(spec.decryptPayload(try Self.vector("v1-escrow"), escrowKey: Self.escrowKey) == expected)
    }

    @Test func reSealingTheEscrowVectorsInputsReproducesItByteForByte() throws {
        #expect(try VectorInputs.Escrow.seal() == Self.vector("v1-escrow"))
    }

    // MARK: v1-all-slots

    @Test func theAllSlotsVectorsHeaderReadsAsStated() throws {
        let header = try BackupHeader(parsing: Self.vector("v1-all-slots"))
        #expect(header.formatVersion == 1)
        #expect(header.minimumReaderVersion == 1)
        #expect(header.createdAt == Date(timeIntervalSince1970: 1_700_000_200.25))
        #expect(header.generation == 42)
        #expect(header.platform == .android)
        #expect(header.appVersion == "2.5.0 (1234)")
        #expect(header.backupID == UUID(uuidString: "6BA7B810-9DAD-41D1-80B4-00C04FD430C8"))
        #expect(header.keySlots == [
            .escrowKey(keyID: "recovery-account/escrow-key/3"),
            .password(.minimum),
            .recoveryCode,
        ])
    }

    static func checkAllSlotsPayload(_ payload: BackupPayload) throws {
        #expect(payload.settings == Settings(platform: .android, backupEnabled: true, hidesCodes: true, groupsDigits: false,
                                             custom: ["lang": "fr", "theme": "dark"]))
        let accounts = payload.accounts
        #expect(accounts.map(\.id.rawValue) == ["acct-1", "acct-2", "acct-3", "acct-4", "acct-5", "acct-6"])
        #expect(accounts.map(\.kind) == [.thirdParty, .thirdParty, .thirdParty, .thirdParty, .personal, .workOrSchool])
        #expect(accounts.map(\.issuer) == ["GitHub", "Example", "Bank", "Steam", "Contoso ID", "Fabrikam"])
        #expect(accounts.map(\.userName) == ["octocat", "alice@example.com", "12345678", "gabe", "bob@contoso.example", "carol@fabrikam.example"])
        #expect(accounts.map(\.displayName) == ["Work GitHub", nil, nil, nil, nil, "Fabrikam (work)"])
        #expect(accounts.map(\.iconReference) == ["github.png", nil, nil, nil, nil, nil])
        #expect(accounts.map(\.createdAt.timeIntervalSince1970) == [1_600_000_000, 1_600_000_001, 1_600_000_002, 1_600_000_003, 1_600_000_004, 1_600_000_005])

        let totp = try #require(accounts[0].token)
        #expect((totp.algorithm, totp.format, totp.factor) == (.sha1, .decimal(digits: 6), .timer(period: 30, t0: 0)))
        #expect(totp.secret.copyBytes() == Array("12345678901234567890".utf8))
        #expect(try totp.makeGenerator().code(forCounter: 1) == "287082")   // RFC 6238, SHA-1, T = 59

        let hotp = try #require(accounts[1].token)
        #expect((hotp.algorithm, hotp.format, hotp.factor) == (.sha256, .decimal(digits: 8), .counter(1)))
        #expect(hotp.secret.copyBytes() == Array("12345678901234567890123456789012".utf8))
        #expect(try hotp.makeGenerator().code(forCounter: 1) == "46119246") // RFC 6238, SHA-256, T = 59

        let sha512 = try #require(accounts[2].token)
        #expect((sha512.algorithm, sha512.format, sha512.factor) == (.sha512, .decimal(digits: 8), .timer(period: 30, t0: 0)))
        #expect(sha512.secretLength == 64)
        #expect(try sha512.makeGenerator().code(forCounter: 1) == "90693936") // RFC 6238, SHA-512, T = 59

        let steam = try #require(accounts[3].token)
        #expect((steam.algorithm, steam.format, steam.factor) == (.sha1, .steam, .timer(period: 30, t0: 0)))
        #expect(steam.secret.copyBytes() == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10])

        #expect(accounts[4].content == .personal(.init(providerAccountReference: "user-123", pushApprovalsEnabled: true)))
        #expect(accounts[5].content == .workOrSchool(.init(providerAccountReference: nil, pushApprovalsEnabled: false)))
    }

    @Test func theAllSlotsVectorOpensWithTheEscrowKey() throws {
        try Self.checkAllSlotsPayload(SealedBackup(bytes: Self.vector("v1-all-slots")).open(using: .escrowKey(Self.allSlotsEscrowKey)))
    }

    @Test func theAllSlotsVectorOpensWithThePassword() throws {
        try Self.checkAllSlotsPayload(SealedBackup(bytes: Self.vector("v1-all-slots")).open(using: .password(Self.password)))
    }

    @Test func theAllSlotsVectorOpensWithTheRecoveryCodeAsTyped() throws {
        let typed = try RecoveryCode(parsing: "fj37s k66q3 7emah 79rxg bw6ft zbdjc")
        try Self.checkAllSlotsPayload(SealedBackup(bytes: Self.vector("v1-all-slots")).open(using: .recoveryCode(typed)))
        #expect(typed.text == Self.recoveryCode)
    }

    @Test func theIndependentReaderOpensAllThreeSlotsOfTheVectorToTheSamePlaintext() throws {
        let bytes = try Self.vector("v1-all-slots")
        let viaEscrow = try #require(SpecReference.decryptPayload(bytes, escrowKey: Self.allSlotsEscrowKey))
        #expect(SpecReference.decryptPayload(bytes, password: Self.password) == viaEscrow)
        #expect(SpecReference.decryptPayload(bytes, recoveryCode: Self.recoveryCode) == viaEscrow)
        #expect(viaEscrow.count == 572)
    }

    @Test func reSealingTheAllSlotsVectorsInputsReproducesItByteForByte() throws {
        #expect(VectorInputs.AllSlots.recoveryCode().text == Self.recoveryCode)
        #expect(try VectorInputs.AllSlots.seal() == Self.vector("v1-all-slots"))
    }
}
