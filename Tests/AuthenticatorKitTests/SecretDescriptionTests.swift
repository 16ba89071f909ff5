import AuthenticatorKitEmbedded
import Foundation
import Testing
import AuthenticatorKit

/// Every public type holding a secret prints and dumps without it: `description`,
/// `debugDescription`, string interpolation and `dump` of each, checked for the secret in
/// hex (either case), as a Swift byte array and as Base32 (written out here, not computed
/// by the code under test).
@Suite("Secrets never appear in descriptions")
struct SecretDescriptionTests {
    /// The marker secret, 20 bytes.
    static let marker: [UInt8] = Array("SECRET-MARKER-7Q2x!#".utf8)
    static let markerBase32 = "KNCUGUSFKQWU2QKSJNCVELJXKEZHQIJD"
    static let markerHex = "5345435245542d4d41524b45522d375132782123"
    /// The first bytes as `dump` and `Array.description` would show them.
    static let markerDecimal = "83, 69, 67, 82, 69, 84"

    static func secret() -> SecureBytes { SecureBytes(copying: marker) }

    static func renderings(of value: Any) -> [String] {
        var dumped = ""
        dump(value, to: &dumped)
        return [String(describing: value), String(reflecting: value), "\(value)", dumped]
    }

    static func expectNoMarker(_ value: Any, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for text in renderings(of: value) {
            for spelling in [markerBase32, markerBase32.lowercased(), markerHex, markerHex.uppercased(), markerDecimal, String(decoding: marker, as: UTF8.self)] {
                #expect(!text.contains(spelling), "\(name) shows its secret: \(text)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func theMarkerSpellingsAreTheMarkers() {
        // The hex written out above is the marker's (checked byte by byte, not by the SDK).
        #expect(Self.marker.count == 20)
        #expect(Self.marker[0] == 0x53 && Self.marker[19] == 0x23)
    }

    @Test func noTypeHoldingASecretShowsIt() throws {
        let generator = try Generator(factor: .timer(period: 30), secret: Self.secret())
        let token = Token(issuer: "Marker", account: "alice", generator: generator)
        let account = Account(token: token, createdAt: Date(timeIntervalSince1970: 0))
        let vault = Vault(accounts: [account], settings: Settings(platform: .ios), revision: 1)
        let credential = DeviceCredential(createdAt: Date(timeIntervalSince1970: 0))
        let escrow = EscrowKey(identifier: EscrowKeyIdentifier(bytes: Array(repeating: 0x11, count: 16)), key: Self.secret())
        let session = RecoverySession(userName: "alice", token: Self.secret(), expirationDate: Date(timeIntervalSince1970: 0))
        let values: [(String, Any)] = [
            ("SecureBytes", Self.secret()),
            ("Generator", generator),
            ("Token", token),
            ("Account", account),
            ("Vault", vault),
            ("BackupPayload", BackupPayload(vault: vault)),
            ("BackupToken", BackupToken(generator)),
            ("EscrowKey", escrow),
            ("RecoverySession", session),
            ("RecoveryCredential.password", RecoveryCredential.password(userName: "alice", password: Self.secret())),
            ("RecoveryCredential.idToken", RecoveryCredential.externalToken(IdentityProviderToken.idToken(Self.secret(), issuer: "https://id.example"))),
            ("IdentityProviderToken", IdentityProviderToken.accessToken(Self.secret())),
            ("BackupKey.escrowKey", BackupKey.escrowKey(Self.secret())),
            ("BackupKey.password", BackupKey.password(Self.secret())),
            ("KeySlot.escrowKey", KeySlot.escrowKey(Self.secret(), keyID: "k")),
            ("KeySlot.password", KeySlot.password(Self.secret())),
            ("DeviceCredential", credential),
        ]
        for (name, value) in values { Self.expectNoMarker(value, name) }
    }

    @Test func aRecoveryCodeShowsItsTextOnlyThroughText() throws {
        let code = try RecoveryCode(parsing: "FJ37S-K66Q3-7EMAH-79RXG-BW6FT-ZBDJC")
        for text in Self.renderings(of: code) {
            #expect(!text.contains("FJ37S"), "RecoveryCode shows itself: \(text)")
        }
        #expect(code.text == "FJ37S-K66Q3-7EMAH-79RXG-BW6FT-ZBDJC")
        for text in Self.renderings(of: KeySlot.recoveryCode(code)) + Self.renderings(of: BackupKey.recoveryCode(code)) {
            #expect(!text.contains("FJ37S"), "a key slot shows its recovery code: \(text)")
        }
    }
}
