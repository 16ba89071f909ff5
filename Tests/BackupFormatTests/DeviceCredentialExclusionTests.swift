import SodiumBridge
import AccountModel
import Foundation
import Testing
import BackupFormat

/// A device credential never leaves the device: no payload type has room for one, and no
/// byte of one appears in a decrypted backup.
@Suite("Device credentials are never backed up")
struct DeviceCredentialExclusionTests {
    /// Every value reachable through the mirrors of `value`.
    static func reachableValues(_ value: Any) -> [Any] {
        [value] + Mirror(reflecting: value).children.flatMap { reachableValues($0.value) }
    }

    @Test func noPayloadValueHoldsADeviceCredentialOrASigningKey() throws {
        let payload = BackupPayload(vault: Fixtures.vault())
        let values = Self.reachableValues(payload)
        #expect(values.count > 20)
        #expect(!values.contains { $0 is DeviceCredential || $0 is Ed25519.KeyPair })
    }

    @Test func theDecryptedPayloadHoldsNoByteSequenceOfTheDeviceCredential() throws {
        let credential = Fixtures.deviceCredential()
        // Replay the credential's random draws (id, signing seed, OTP seed) to learn its
        // private signing seed; the public key proves the replay is right.
        let replay = DeterministicRandom(seed: "device credential")
        let id = replay.bytes(16)
        let signingSeed = replay.bytes(32)
        #expect(try Ed25519.KeyPair(seed: SecureBytes(copying: signingSeed)).publicKey == credential.publicKey)

        let bytes = try Fixtures.sealedWithEscrow()
        let plaintext = try #require(SpecReference.decryptPayload(bytes, escrowKey: Fixtures.escrowKey))
        let secrets: [(String, [UInt8])] = [
            ("signing seed", signingSeed),
            ("public key", credential.publicKey),
            ("OTP seed", credential.generator.secret.copyBytes()),
            ("credential id", Array(credential.id.utf8)),
            ("credential id bytes", id),
            ("device-bound token secret", [UInt8](repeating: 0x77, count: 20)),
        ]
        for (name, secret) in secrets {
            #expect(!BackupSealerTests.contains(plaintext, Array(secret.prefix(16))), "\(name)")
        }
        // The third-party secret is there, so the search itself works.
        #expect(BackupSealerTests.contains(plaintext, Fixtures.rfcSeed))
    }

    @Test func aRestoredPersonalAccountCarriesOnlyItsMetadata() throws {
        let payload = try Fixtures.open(Fixtures.sealedWithEscrow(), using: .escrowKey(Fixtures.escrowKey))
        let personal = try #require(payload.accounts.first { $0.kind == .personal })
        #expect(personal.token == nil)
        #expect(personal.content == .personal(.init(providerAccountReference: "user-123", pushApprovalsEnabled: true)))
    }
}
