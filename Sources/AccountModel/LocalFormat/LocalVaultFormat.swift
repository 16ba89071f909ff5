import SodiumBridge

/// The encrypted file in which ``FileAccountStore`` keeps a vault: the only place where a
/// device credential's private key is ever serialised. Internal to the SDK: no public API
/// reads or writes it, and it is never part of a backup.
///
/// ## File layout (version 5; the same for versions 1 to 4)
///
/// All integers big-endian.
///
/// | offset | size | field |
/// |---|---|---|
/// | 0 | 4 | magic, ASCII `AKVS` (`41 4B 56 53`) |
/// | 4 | 2 | format version, `u16`: `5` (versions `1` to `4` are still read) |
/// | 6 | 16 | key identifier: BLAKE2b-128 of the ASCII text `AuthenticatorKit local vault key identifier v1`, keyed with the vault key |
/// | 22 | 24 | nonce, random for every write |
/// | 46 | n + 16 | XChaCha20-Poly1305 (IETF) ciphertext of the payload, then its 16-byte tag |
///
/// The associated data is the 46-byte header (offsets 0‥45), so every header byte is
/// authenticated. The key is the 32-byte key of a ``LocalKeyProvider``. The key identifier
/// tells "encrypted under another key" (``AccountModelError/keyMismatch``) from "damaged"
/// (``AccountModelError/storeDamaged(reason:)``); it reveals nothing about the key.
///
/// Reading checks, in order: size (at most ``maximumFileSize``), magic, version
/// (``AccountModelError/unsupportedStoreVersion(_:)``), length, key identifier,
/// authentication, then the payload grammar; a file is accepted only whole.
///
/// ## Payload (version 5; version 4 without the backup state's upload intent, version 3 also
/// without its health fields)
///
/// Settings and accounts are stored in the **record encoding of the backup payload**
/// (`Documentation/BackupFormat.md`, §9 "Payload encoding": the settings record, the account
/// record and its token, byte for byte); one encoding serves both files (`RecordCoding`).
/// Its limits are what the encoding can say (`RecordLimits.localFile`: texts of up to 65,535
/// bytes, secrets of up to 255, 65,535 custom settings, account records of up to 512 KiB),
/// wider than a backup's (``VaultLimits``), so that an account an earlier version let in
/// beyond the backup's limits stays on the device (backups leave it out:
/// ``Vault/accountsLeftOutOfBackups``). Around it, an envelope holds what only this device has: the
/// revision, each account's modification time and device state, and the backup state.
///
/// ```text
/// Vault        := revision:u64
///                 settingsLength:u32 SettingsRecord[settingsLength]               (BackupFormat.md §9, "Settings")
///                 accountCount:u32 (recordLength:u32 EncodedAccount[recordLength] DevicePart){accountCount}
///                 hasBackupState:bool [BackupState]
/// DevicePart   := modifiedAt:date64 DeviceState
/// DeviceState  := 0x00                                                 third party (the record's kind is 1)
///               | 0x01                                                 provider account awaiting enrolment
///               | 0x02 DeviceCredential hasScannedSecret:bool [Token]  enrolled (with the secret scanned from the provider, if any)
///               | 0x03 Token                                           only a secret scanned from the provider
///               | 0x04 method:u8                                       awaiting verification: 1 password and alternate contact, 2 provider QR code
/// DeviceCredential := id:text createdAt:date64 signingSeed:32 bytes Token
/// Token        := the token of a third-party account record (BackupFormat.md §9): algorithm:u8 format:u8 digits:u8
///                 factor:u8 (counter:u64 | period:i64 t0:i64) secretLength:u8 secret
/// BackupState  := recoveryAccount:text cloudIdentity:opt<text>
///                 hasSession:bool [tokenLength:u16 token[tokenLength] expiration:date64]
///                 lastUploadedGeneration:opt<u64> lastUploadDate:opt<date64> backedUpRevision:opt<u64>
///                 backupID:16 bytes (the UUID's bytes in order)
///                 lastFailure:opt<text> lastFailureDetail:opt<text>
///                 conflictingGeneration:opt<u64> unverifiedGeneration:opt<u64>
///                 lastVerified:opt<date64> failingSince:opt<date64>          (versions 4 and 5)
///                 hasUploadIntent:bool [generation:u64 digest:32 bytes]       (version 5 only)
/// text         := length:u16 UTF-8 bytes                              (valid UTF-8; at most 65,535 bytes; the vault's
///                                                                      operations keep record texts to 1,024)
/// opt<T>       := 0x00 | 0x01 T
/// bool         := 0x00 | 0x01
/// date64       := u64 bit pattern of an IEEE 754 binary64 number of seconds since 2001-01-01T00:00:00Z
/// ```
///
/// A record's `created_at` is in milliseconds, as in backups (``Account/createdAt`` is kept to
/// the millisecond); the device-only times are `date64`, so they come back exactly. A provider
/// account's device state must be 1–4 and a third-party account's 0; a third-party record
/// without its token runs out of bytes and is damaged. As in backups, bytes after a record's
/// known fields are skipped (this SDK writes none). `signingSeed` is the Ed25519 seed from which
/// libsodium derives the key pair. `token` in `BackupState` is the recovery-account session's
/// bearer token. `lastFailure` is a ``BackupFailure/recordedName``, `lastFailureDetail` its
/// ``BackupFailure/recordedDetail`` (cut to 65,535 UTF-8 bytes at a character boundary);
/// `conflictingGeneration` is the cloud's generation of a `generationConflict` or a
/// `backupRolledBack` failure (whose other generation is `lastUploadedGeneration`).
/// Every byte must be consumed.
///
/// ## Versions 1 and 2 (read, never written)
///
/// ```text
/// Vault       := revision:u64 Settings accountCount:u32 Account{accountCount}
///                hasBackupState:bool [BackupState]                    (version 2 only)
/// Settings    := platform:str backupEnabled:bool hidesCodes:bool groupsDigits:bool
///                customCount:u32 (key:str value:str){customCount}     keys sorted by UTF-8 bytes, unique
/// Account     := id:str kind:str issuer:str userName:str displayName:opt<str> iconReference:opt<str>
///                hasToken:bool [tokenIssuer:str tokenAccount:str Generator]
///                providerAccountReference:opt<str> pushApprovalsEnabled:bool
///                hasCredential:bool [DeviceCredential] RestoreState createdAt:date modifiedAt:date
/// DeviceCredential := id:str createdAt:date signingSeed:bytes(32) Generator
/// Generator   := Factor algorithm:str Format secret:bytes
/// Factor      := 0x00 counter:u64 | 0x01 period:i64 t0:i64
/// Format      := 0x00 digits:u8 | 0x01                                (Steam Guard)
/// RestoreState := 0x00 | 0x01 method:str                              (active | needs verification)
/// BackupState := recoveryAccount:str cloudIdentity:opt<str>
///                hasSession:bool [token:bytes expiration:date]
///                lastUploadedGeneration:opt<u64> lastUploadDate:opt<date> backedUpRevision:opt<u64>
///                backupID:16 bytes (the UUID's bytes in order)
///                lastFailure:opt<str> lastFailureDetail:opt<str>
///                conflictingGeneration:opt<u64> unverifiedGeneration:opt<u64>
/// str         := length:u32 UTF-8 bytes                               (valid UTF-8)
/// bytes       := length:u32 bytes
/// date        := the same as date64
/// ```
///
/// Enumerations are stored as their raw values: kind `personal` / `work-or-school` /
/// `third-party`, platform `ios` / `android`, algorithm `sha1` / `sha256` / `sha512`, method
/// `password-and-alternate-contact` / `provider-qr-code`.
///
/// Those versions kept an account's kind, token, credential and restore state independent;
/// reading makes them the ``Account`` they meant: a third-party account must have a token (else
/// the file is damaged), and its issuer and user name are the account's (the token's own
/// label, kept equal by earlier SDKs, is dropped); a provider account that needs verification
/// is ``Account/DeviceState/awaitingVerification(_:)`` (a credential or token it also held is
/// dropped: neither made codes while it waited), one with a credential is
/// ``Account/DeviceState/enrolled(_:scannedSecret:)`` (with its token as the scanned secret),
/// one with only a token ``Account/DeviceState/scannedSecret(_:)``, and one with neither
/// ``Account/DeviceState/awaitingEnrolment``. A credential or restore state on a third-party
/// account is dropped. ``Account/createdAt`` is rounded to the millisecond. A recorded
/// `incompleteBackup` failure reads as no failure (see ``BackupFailure``).
///
/// ## Migration
///
/// A version 1 or 2 file is read as above (version 1 without backup state; their header, key
/// identifier and authentication are the same as version 3's), a version 3 file as
/// version 4 without the backup state's `lastVerified` and `failingSince` (both absent), and a
/// version 4 file as version 5 without the upload intent (absent); the next save writes
/// version 5, so a store migrates on its first change without a separate step. An older SDK
/// refuses a newer file with ``AccountModelError/unsupportedStoreVersion(_:)`` rather than
/// misreading it.
///
/// ## Handling of secrets
///
/// The payload is written into a buffer reserved at its exact final size (so it never
/// reallocates and leaves no stray copy), sealed, then zeroed with ``ConstantTime/zero(_:)-(inout [UInt8])``.
/// On reading, the plaintext stays in ``SecureBytes`` and secrets are copied from it straight
/// into new ``SecureBytes``.
package enum LocalVaultFormat {
    /// `AKVS`.
    package static let magic: [UInt8] = [0x41, 0x4B, 0x56, 0x53]
    /// The version this SDK writes.
    package static let version: UInt16 = 5
    /// The versions this SDK reads.
    package static let readableVersions: ClosedRange<UInt16> = 1...5
    /// Magic, version, key identifier and nonce.
    package static let headerLength = 4 + 2 + keyIdentifierLength + XChaCha20Poly1305.nonceLength
    /// The length of the key identifier.
    package static let keyIdentifierLength = 16
    /// The largest file accepted or written (64 MiB), so that a damaged or hostile file
    /// cannot make a reader allocate without bound.
    package static let maximumFileSize = 64 << 20

    /// The text the key identifier is computed over.
    private static let keyIdentifierLabel = Array("AuthenticatorKit local vault key identifier v1".utf8)

    /// Encrypts `vault` under `key` with a fresh nonce from `random`, in the current
    /// ``version``.
    ///
    /// - Throws: ``AccountModelError/keyUnavailable(reason:)`` for a key that is not 32 bytes;
    ///   ``AccountModelError/storeUnavailable(reason:)`` for a vault over ``maximumFileSize``.
    package static func seal(
        _ vault: Vault, key: SecureBytes, using random: some RandomSource = SystemRandom()
    ) throws(AccountModelError) -> [UInt8] {
        let keyIdentifier = try identifier(of: key)
        var measure = ByteWriter<LocalFormatFailure>.measuring()
        do {
            try measure.write(vault)
        } catch {
            throw .storeUnavailable(reason: "the vault cannot be stored: \(error.reason)")
        }
        guard measure.count <= maximumFileSize - headerLength - XChaCha20Poly1305.tagLength else {
            throw .storeUnavailable(reason: "the vault is larger than the store's limit of \(maximumFileSize >> 20) MiB")
        }
        var writer = ByteWriter<LocalFormatFailure>(capacity: measure.count)
        do {
            try writer.write(vault)
        } catch {
            throw .storeUnavailable(reason: "the vault cannot be stored: \(error.reason)")
        }
        var plaintext = writer.takeBytes()
        defer { ConstantTime.zero(&plaintext) }

        var header = magic
        header.append(UInt8(version >> 8))
        header.append(UInt8(version & 0xFF))
        header += keyIdentifier
        let nonce = random.bytes(XChaCha20Poly1305.nonceLength)
        header += nonce
        do {
            return header + (try XChaCha20Poly1305.seal(plaintext, key: key, nonce: nonce, associatedData: header))
        } catch {
            throw .keyUnavailable(reason: error.message)
        }
    }

    /// Decrypts and parses a vault file.
    ///
    /// - Throws: ``AccountModelError/storeDamaged(reason:)``,
    ///   ``AccountModelError/unsupportedStoreVersion(_:)``, ``AccountModelError/keyMismatch``,
    ///   or ``AccountModelError/keyUnavailable(reason:)`` for a key that is not 32 bytes.
    package static func open(_ file: [UInt8], key: SecureBytes) throws(AccountModelError) -> Vault {
        let (fileVersion, plaintext) = try authenticate(file, key: key)
        let result = plaintext.withUnsafeBytes { buffer in
            Result { () throws(LocalFormatFailure) -> Vault in
                var reader = ByteReader<LocalFormatFailure>(buffer, container: "the vault")
                let vault = fileVersion >= 3
                    ? try reader.readVault(plaintext: plaintext, version: fileVersion)
                    : try reader.readLegacyVault(version: fileVersion)
                try reader.expectEnd()
                return vault
            }
        }
        let vault: Vault
        do {
            vault = try result.get()
        } catch {
            throw .storeDamaged(reason: error.reason)
        }
        decodingObserver?(vault.accounts.count)
        return vault
    }

    /// The revision of a vault file, authenticated like ``open(_:key:)`` does (size, magic,
    /// version, key identifier, then the whole payload's tag) but without decoding the
    /// payload beyond it: its first 8 bytes in every version. What a save compares with the
    /// revision the caller read, so that a save holds no second decoded copy of the vault.
    ///
    /// The rest of the payload's grammar is not checked here: a file whose revision is the
    /// one the caller read is the file the caller's ``open(_:key:)`` accepted (only a holder
    /// of the key can write a file that authenticates).
    ///
    /// - Throws: what ``open(_:key:)`` throws before it decodes;
    ///   ``AccountModelError/storeDamaged(reason:)`` for a payload shorter than a revision.
    package static func revision(of file: [UInt8], key: SecureBytes) throws(AccountModelError) -> UInt64 {
        let (_, plaintext) = try authenticate(file, key: key)
        guard plaintext.count >= 8 else {
            throw .storeDamaged(reason: "the vault ends before its revision (\(plaintext.count) bytes)")
        }
        return plaintext.withUnsafeBytes { bytes in
            bytes.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        }
    }

    /// For tests: called with the number of accounts each time ``open(_:key:)`` has decoded
    /// a vault in this task (and its child tasks), so that a test can count the vaults a
    /// path decodes (a save: none).
    @TaskLocal package static var decodingObserver: (@Sendable (_ accounts: Int) -> Void)?

    /// Checks a vault file's size, magic, version and key identifier, then decrypts and
    /// authenticates its payload: the file's version and the plaintext (in secure memory).
    private static func authenticate(
        _ file: [UInt8], key: SecureBytes
    ) throws(AccountModelError) -> (version: UInt16, plaintext: SecureBytes) {
        guard file.count <= maximumFileSize else {
            throw .storeDamaged(reason: "the file is larger than \(maximumFileSize >> 20) MiB")
        }
        guard file.count >= 6 else { throw .storeDamaged(reason: "the file is truncated (\(file.count) bytes)") }
        guard Array(file[0..<4]) == magic else { throw .storeDamaged(reason: "the file is not a vault file") }
        let fileVersion = UInt16(file[4]) << 8 | UInt16(file[5])
        guard readableVersions.contains(fileVersion) else { throw .unsupportedStoreVersion(fileVersion) }
        guard file.count >= headerLength + XChaCha20Poly1305.tagLength else {
            throw .storeDamaged(reason: "the file is truncated (\(file.count) bytes)")
        }
        let keyIdentifierRange = 6..<(6 + keyIdentifierLength)
        guard ConstantTime.equals(file[keyIdentifierRange], try identifier(of: key)) else { throw .keyMismatch }

        let header = Array(file[0..<headerLength])
        let nonce = Array(file[(headerLength - XChaCha20Poly1305.nonceLength)..<headerLength])
        do {
            let plaintext = try XChaCha20Poly1305.open(
                Array(file[headerLength...]), key: key, nonce: nonce, associatedData: header
            )
            return (fileVersion, plaintext)
        } catch {
            throw .storeDamaged(reason: "the file does not authenticate")
        }
    }

    /// The key identifier of `key` (see the file layout).
    private static func identifier(of key: SecureBytes) throws(AccountModelError) -> [UInt8] {
        guard key.count == XChaCha20Poly1305.keyLength else {
            throw .keyUnavailable(reason: "the key provider gave \(key.count) bytes instead of \(XChaCha20Poly1305.keyLength)")
        }
        do {
            return try Hash.blake2b(keyIdentifierLabel, secretKey: key, outputLength: keyIdentifierLength)
        } catch {
            throw .keyUnavailable(reason: error.message)
        }
    }
}
