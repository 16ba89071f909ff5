import Foundation
import SodiumBridge

/// An independent, minimal implementation of backup format version 1, written from
/// `Documentation/BackupFormat.md` with SodiumBridge primitives only: it shares no code with
/// the `BackupFormat` module. Tests use it to check the vectors against the spec, to check
/// that a file written by someone else opens, and to craft files the real sealer refuses to
/// write (newer versions, unknown slots, oversize counts).
enum SpecReference {
    static let magic: [UInt8] = [0x89, 0x41, 0x4B, 0x42, 0x0D, 0x0A, 0x1A, 0x0A]
    static let recoveryChecksumLabel = Array("AuthenticatorKit backup v1 recovery-code checksum".utf8)
    static let recoveryKeyLabel = Array("AuthenticatorKit backup v1 recovery-code key".utf8)
    static let crockford = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    // MARK: Big-endian fields

    static func u16(_ v: UInt16) -> [UInt8] { [UInt8(v >> 8), UInt8(v & 0xFF)] }
    static func u32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8((v >> (24 - 8 * UInt32($0))) & 0xFF) } }
    static func u64(_ v: UInt64) -> [UInt8] { (0..<8).map { UInt8((v >> (56 - 8 * UInt64($0))) & 0xFF) } }
    static func i64(_ v: Int64) -> [UInt8] { u64(UInt64(bitPattern: v)) }
    static func text(_ s: String) -> [UInt8] { u16(UInt16(s.utf8.count)) + Array(s.utf8) }
    static func optionalText(_ s: String?) -> [UInt8] { s.map { [1] + text($0) } ?? [0] }
    static func record(_ body: [UInt8]) -> [UInt8] { u32(UInt32(body.count)) + body }

    static func readU16(_ b: [UInt8], _ at: Int) -> Int { Int(b[at]) << 8 | Int(b[at + 1]) }
    static func readU32(_ b: [UInt8], _ at: Int) -> Int { (0..<4).reduce(0) { $0 << 8 | Int(b[at + $1]) } }

    // MARK: Payload pieces (section "Payload")

    /// A settings record: flags, platform, custom entries (given in the order to write).
    static func settings(flags: UInt8, platform: UInt8, custom: [(String, String)] = []) -> [UInt8] {
        record([flags, platform] + u16(UInt16(custom.count)) + custom.flatMap { text($0.0) + text($0.1) })
    }

    /// The common prefix of an account record body.
    static func accountPrefix(kind: UInt8, id: String, issuer: String, userName: String,
                              displayName: String? = nil, icon: String? = nil, createdAtMs: Int64) -> [UInt8] {
        [kind] + text(id) + text(issuer) + text(userName) + optionalText(displayName) + optionalText(icon) + i64(createdAtMs)
    }

    /// A TOTP third-party account record.
    static func totpRecord(id: String, issuer: String, userName: String, createdAtMs: Int64, algorithm: UInt8 = 1,
                           digits: UInt8 = 6, period: Int64 = 30, t0: Int64 = 0, secret: [UInt8], trailing: [UInt8] = []) -> [UInt8] {
        record(accountPrefix(kind: 1, id: id, issuer: issuer, userName: userName, createdAtMs: createdAtMs)
               + [algorithm, 1, digits, 2] + i64(period) + i64(t0) + [UInt8(secret.count)] + secret + trailing)
    }

    /// A payload: settings record, account count, records.
    static func payload(settings: [UInt8], records: [[UInt8]], count: UInt32? = nil) -> [UInt8] {
        settings + u32(count ?? UInt32(records.count)) + records.flatMap { $0 }
    }

    // MARK: Writing a file (section "Envelope")

    struct Slot {
        var type: UInt8
        var body: [UInt8]
    }

    /// A complete file: header (with an escrow slot wrapping `dataKey` when `escrowKey` is
    /// given, between `slotsBefore` and `slotsAfter`, its body followed by
    /// `escrowSlotTrailing`), `headerExtension`, the encrypted
    /// payload and the checksum. Nonces are fixed patterns: fine for tests only.
    static func write(
        plaintext: [UInt8], escrowKey: SecureBytes?, keyID: String = "spec-key",
        formatVersion: UInt16 = 1, minimumReader: UInt16 = 1, createdAtMs: Int64 = 1_700_000_000_000,
        generation: UInt64 = 1, backupID: [UInt8] = Array(repeating: 0x11, count: 16), platform: UInt8 = 2,
        appVersion: String = "spec", slotsBefore: [Slot] = [], slotsAfter: [Slot] = [], headerExtension: [UInt8] = [],
        dataKey: [UInt8] = Array(repeating: 0x42, count: 32), escrowSlotTrailing: [UInt8] = []
    ) -> [UInt8] {
        let escrowBodyLength = 1 + keyID.utf8.count + 24 + 48 + escrowSlotTrailing.count
        let slotCount = slotsBefore.count + slotsAfter.count + (escrowKey == nil ? 0 : 1)
        let headerLength = 50 + appVersion.utf8.count + 1
            + (slotsBefore + slotsAfter).reduce(0) { $0 + 3 + $1.body.count }
            + (escrowKey == nil ? 0 : 3 + escrowBodyLength) + headerExtension.count
        var header = magic + u16(formatVersion) + u16(minimumReader) + u32(UInt32(headerLength))
            + i64(createdAtMs) + u64(generation) + backupID
        header += [platform, UInt8(appVersion.utf8.count)] + Array(appVersion.utf8) + [UInt8(slotCount)]
        for slot in slotsBefore { header += [slot.type] + u16(UInt16(slot.body.count)) + slot.body }
        if let escrowKey {
            let parameters = [UInt8(keyID.utf8.count)] + Array(keyID.utf8)
            let nonce = [UInt8](repeating: 0x01, count: 24)
            let wrapped = try! XChaCha20Poly1305.seal(dataKey, key: escrowKey, nonce: nonce, associatedData: [1] + parameters)
            header += [1] + u16(UInt16(escrowBodyLength)) + parameters + nonce + wrapped + escrowSlotTrailing
        }
        for slot in slotsAfter { header += [slot.type] + u16(UInt16(slot.body.count)) + slot.body }
        header += headerExtension
        let payloadNonce = [UInt8](repeating: 0x02, count: 24)
        let ciphertext = try! XChaCha20Poly1305.seal(plaintext, key: SecureBytes(copying: dataKey), nonce: payloadNonce, associatedData: header)
        let body = header + payloadNonce + u32(UInt32(ciphertext.count)) + ciphertext
        return body + Hash.blake2b(body, outputLength: 32)
    }

    // MARK: Reading a file

    /// The parts of a file, located by the offsets the spec gives.
    struct Parsed {
        var headerLength: Int
        var core: [UInt8]
        var header: [UInt8]
        var slots: [(type: UInt8, body: [UInt8])]
        var payloadNonce: [UInt8]
        var ciphertext: [UInt8]
        var checksumMatches: Bool
    }

    static func parse(_ file: [UInt8]) -> Parsed? {
        guard file.count > 80, Array(file[0..<8]) == magic else { return nil }
        let headerLength = readU32(file, 12)
        var at = 48 + 1
        let appVersionLength = Int(file[at])
        at += 1 + appVersionLength
        let slotCount = Int(file[at])
        at += 1
        var slots: [(UInt8, [UInt8])] = []
        for _ in 0..<slotCount {
            let type = file[at]
            let length = readU16(file, at + 1)
            slots.append((type, Array(file[(at + 3)..<(at + 3 + length)])))
            at += 3 + length
        }
        let nonce = Array(file[headerLength..<(headerLength + 24)])
        let length = readU32(file, headerLength + 24)
        let ciphertext = Array(file[(headerLength + 28)..<(headerLength + 28 + length)])
        let body = Array(file.dropLast(32))
        return Parsed(
            headerLength: headerLength, core: Array(file[0..<48]), header: Array(file[0..<headerLength]), slots: slots,
            payloadNonce: nonce, ciphertext: ciphertext,
            checksumMatches: Hash.blake2b(body, outputLength: 32) == Array(file.suffix(32))
        )
    }

    /// The decrypted payload, via the escrow slot (type 1).
    static func decryptPayload(_ file: [UInt8], escrowKey: SecureBytes) -> [UInt8]? {
        guard let parsed = parse(file), parsed.checksumMatches,
              let slot = parsed.slots.first(where: { $0.type == 1 }) else { return nil }
        let idLength = Int(slot.body[0])
        let parameters = Array(slot.body[0..<(1 + idLength)])
        return unwrapAndDecrypt(parsed, type: 1, parameters: parameters, rest: Array(slot.body[(1 + idLength)...]), key: escrowKey)
    }

    /// The decrypted payload, via the password slot (type 2).
    static func decryptPayload(_ file: [UInt8], password: SecureBytes) -> [UInt8]? {
        guard let parsed = parse(file), parsed.checksumMatches,
              let slot = parsed.slots.first(where: { $0.type == 2 }) else { return nil }
        let operations = UInt64(readU32(slot.body, 0))
        let memoryKiB = UInt64(readU32(slot.body, 4))
        let salt = Array(slot.body[8..<24])
        guard let key = try? Argon2id.deriveKey(password: password, salt: salt, outputLength: 32, operations: operations, memoryBytes: memoryKiB * 1024)
        else { return nil }
        return unwrapAndDecrypt(parsed, type: 2, parameters: Array(slot.body[0..<24]), rest: Array(slot.body[24...]), key: key)
    }

    /// The decrypted payload, via the recovery-code slot (type 3), from the code's text.
    static func decryptPayload(_ file: [UInt8], recoveryCode: String) -> [UInt8]? {
        guard let parsed = parse(file), parsed.checksumMatches,
              let slot = parsed.slots.first(where: { $0.type == 3 }),
              let entropy = recoveryCodeEntropy(recoveryCode) else { return nil }
        let salt = Array(slot.body[0..<16])
        let key = SecureBytes(copying: Hash.blake2b(recoveryKeyLabel + salt, key: entropy, outputLength: 32))
        return unwrapAndDecrypt(parsed, type: 3, parameters: salt, rest: Array(slot.body[16...]), key: key)
    }

    private static func unwrapAndDecrypt(_ parsed: Parsed, type: UInt8, parameters: [UInt8], rest: [UInt8], key: SecureBytes) -> [UInt8]? {
        let nonce = Array(rest[0..<24])
        let wrapped = Array(rest[24..<72])
        guard let dataKey = try? XChaCha20Poly1305.open(wrapped, key: key, nonce: nonce, associatedData: [type] + parameters),
              let plaintext = try? XChaCha20Poly1305.open(parsed.ciphertext, key: dataKey, nonce: parsed.payloadNonce, associatedData: parsed.header)
        else { return nil }
        return plaintext.copyBytes()
    }

    // MARK: Recovery codes (section "Recovery code"), via a string of bits

    /// The 16 entropy bytes of a recovery code's text, or `nil` if its checksum fails.
    static func recoveryCodeEntropy(_ text: String) -> [UInt8]? {
        var bits = ""
        for character in text.uppercased() where character != "-" && character != " " {
            let folded: Character = character == "O" ? "0" : (character == "I" || character == "L") ? "1" : character
            guard let value = crockford.firstIndex(of: folded) else { return nil }
            let binary = String(value, radix: 2)
            bits += String(repeating: "0", count: 5 - binary.count) + binary
        }
        guard bits.count == 150 else { return nil }
        let entropy = stride(from: 0, to: 128, by: 8).map { start -> UInt8 in
            let slice = bits.dropFirst(start).prefix(8)
            return UInt8(slice, radix: 2)!
        }
        let checksum = Hash.blake2b(recoveryChecksumLabel + entropy, outputLength: 32)
        let checksumBits = checksum.prefix(3).map { byte -> String in
            let binary = String(byte, radix: 2)
            return String(repeating: "0", count: 8 - binary.count) + binary
        }.joined().prefix(22)
        guard String(bits.dropFirst(128)) == String(checksumBits) else { return nil }
        return entropy
    }
}
