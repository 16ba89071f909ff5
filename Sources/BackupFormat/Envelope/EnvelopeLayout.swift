import SodiumBridge

/// Fixed numbers of the envelope (version 1). See `Documentation/BackupFormat.md`.
enum EnvelopeLayout {
    /// `89 41 4B 42 0D 0A 1A 0A`: a non-ASCII first byte, "AKB", then CR LF, ^Z, LF, which
    /// text-mode transfers mangle — the PNG trick, so a damaged transfer is caught at once.
    static let magic: [UInt8] = [0x89, 0x41, 0x4B, 0x42, 0x0D, 0x0A, 0x1A, 0x0A]
    /// The frozen prefix every version keeps: magic, format version, minimum reader
    /// version, header length.
    static let prefixLength = 16
    /// The header's fixed fields: prefix, creation time, generation, backup identifier.
    static let coreLength = 48
    /// The header up to and including the app version's length byte.
    static let fixedHeaderLength = 50
    /// Payload nonce (24) and ciphertext length (4), between the header and the ciphertext.
    static let payloadPreambleLength = XChaCha20Poly1305.nonceLength + 4
    /// The BLAKE2b-256 checksum that ends the file.
    static let checksumLength = 32

    /// Key slot type codes.
    enum SlotType {
        static let escrowKey: UInt8 = 1
        static let password: UInt8 = 2
        static let recoveryCode: UInt8 = 3
    }

    /// Checks the frozen prefix: the magic, then the two versions.
    /// - Throws: ``BackupFormatError/notABackup`` when the magic is absent,
    ///   ``BackupFormatError/damaged`` when the prefix is cut short or inconsistent,
    ///   ``BackupFormatError/unsupportedVersion(minimumReader:)`` when a newer reader is needed.
    static func checkPrefix(_ bytes: [UInt8]) throws(BackupFormatError) {
        guard bytes.count >= magic.count else {
            // A cut-off start of a backup is a damaged backup; anything else is not one.
            if !bytes.isEmpty, bytes.elementsEqual(magic.prefix(bytes.count)) { throw .damaged }
            throw .notABackup
        }
        guard bytes[0..<magic.count].elementsEqual(magic) else { throw .notABackup }
        guard bytes.count >= prefixLength else { throw .damaged }
        let formatVersion = UInt16(bytes[8]) << 8 | UInt16(bytes[9])
        let minimumReaderVersion = UInt16(bytes[10]) << 8 | UInt16(bytes[11])
        guard minimumReaderVersion >= 1, formatVersion >= minimumReaderVersion else { throw .damaged }
        guard minimumReaderVersion <= BackupHeader.currentFormatVersion else {
            throw .unsupportedVersion(minimumReader: minimumReaderVersion)
        }
    }

    /// The checksum of `bytes`: BLAKE2b-256, unkeyed (`crypto_generichash`).
    static func checksum(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        Hash.blake2b(bytes, outputLength: checksumLength)
    }
}
