import AccountModel
import SodiumBridge
import Foundation
import Testing
@testable import BackupFormat

/// The sealer encodes the payload into the file's one buffer, sized from
/// `PayloadEncoding.maximumLength`: that bound must never be below the encoding (or the buffer
/// would reallocate, leaving a copy of the plaintext in freed memory), and a file sealed this
/// way is the file the format describes, byte for byte (the known-answer vectors check that).
@Suite("Sealing buffer")
struct SealingBufferTests {
    static func shapes() -> [BackupPayload] {
        var everyKind = Fixtures.payload()
        everyKind.accounts[0].displayName = String(repeating: "é", count: 512)  // 1,024 bytes of UTF-8
        var noOptionals = Fixtures.payload()
        for index in noOptionals.accounts.indices {
            noOptionals.accounts[index].displayName = nil
            noOptionals.accounts[index].iconReference = nil
        }
        let empty = BackupPayload(accounts: [], settings: Settings(platform: .ios))
        let manySettings = BackupPayload(
            accounts: [], settings: Settings(platform: .android, custom: Dictionary(uniqueKeysWithValues: (0..<256).map { ("key\($0)", "") })))
        return [Fixtures.payload(), everyKind, noOptionals, empty, manySettings, Fixtures.payload(accountCount: 300)]
    }

    @Test func theBoundIsNeverBelowTheEncodedLength() throws {
        for payload in Self.shapes() {
            #expect(PayloadEncoding.maximumLength(payload) >= (try PayloadEncoding.measure(payload)))
        }
    }

    @Test func everyShapeSealsAndOpensToItself() throws {
        for payload in Self.shapes() {
            let sealed = try Fixtures.sealedWithEscrow(payload)
            #expect(try Fixtures.open(sealed, using: .escrowKey(Fixtures.escrowKey)) == payload)
        }
    }

    /// A payload refused while it is being encoded (here: an issuer over the limit) draws no
    /// key: the sealer's random source is untouched (every limit is checked before any key
    /// is drawn or derived).
    @Test func aPayloadRefusedWhileEncodingDrawsNoKey() throws {
        let random = CountingRandom()
        var payload = Fixtures.payload()
        payload.accounts[1].issuer = String(repeating: "x", count: 1_025)
        #expect(throws: BackupFormatError.tooLarge(field: "issuer", limit: 1_024)) {
            try BackupSealer(random: random, clock: Fixtures.clock)
                .seal(payload, metadata: Fixtures.metadata, keySlots: [.escrowKey(Fixtures.escrowKey, keyID: "k")])
        }
        #expect(random.draws == 0)
    }

    /// A random source that counts the bytes asked of it.
    final class CountingRandom: RandomSource, @unchecked Sendable {
        private(set) var draws = 0
        func fill(_ buffer: UnsafeMutableRawBufferPointer) {
            draws += buffer.count
            for index in buffer.indices { buffer[index] = 0x5A }
        }
    }
}
