import BackupServices
import OTP
import SodiumBridge
import Foundation

/// The limits of the record encoding, in two sets: the backup payload's (``backup``, which are
/// ``VaultLimits``: what a vault accepts) and the local vault file's (``localFile``: what the
/// encoding can say, so that an account an earlier version let in beyond the backup's limits
/// is still kept on the device). Writers refuse to exceed them and readers check them before
/// doing the work they bound. Lengths are in bytes (text in UTF-8 bytes).
package struct RecordLimits: Sendable {
    /// The most accounts in one payload.
    package let maximumAccounts: Int
    /// The largest account record.
    package let maximumAccountRecordLength: Int
    /// The largest settings record.
    package let maximumSettingsRecordLength: Int
    /// The longest text field of a record (identifiers, issuer, names, references, custom
    /// setting keys and values).
    package let maximumTextLength: Int
    /// The longest OTP secret.
    package let maximumSecretLength: Int
    /// The most app-defined custom settings.
    package let maximumCustomSettings: Int

    /// The backup format's: ``VaultLimits``, account records of at most 64 KiB and a
    /// settings record of at most 1 MiB (neither can be reached within the other limits).
    package static let backup = RecordLimits(
        maximumAccounts: VaultLimits.maximumAccounts, maximumAccountRecordLength: 64 * 1024,
        maximumSettingsRecordLength: 1024 * 1024, maximumTextLength: VaultLimits.maximumTextLength,
        maximumSecretLength: VaultLimits.maximumSecretLength, maximumCustomSettings: VaultLimits.maximumCustomSettings)

    /// The local vault file's: as many accounts as a vault holds, and whatever the encoding's
    /// length fields can say (`u16` texts and custom-setting count, `u8` secret length),
    /// bounded by the file's own size limit.
    package static let localFile = RecordLimits(
        maximumAccounts: VaultLimits.maximumAccounts, maximumAccountRecordLength: 512 * 1024,
        maximumSettingsRecordLength: LocalVaultFormat.maximumFileSize, maximumTextLength: Int(UInt16.max),
        maximumSecretLength: Int(UInt8.max), maximumCustomSettings: Int(UInt16.max))
}

/// An OTP secret and its parameters as the record encoding holds them. The secret is a range
/// of a secure buffer (a decoded payload's, or a generator's own), never copied on reading.
package struct TokenRecord: Sendable {
    /// The HMAC hash.
    package let algorithm: Algorithm
    /// Decimal digits or Steam characters.
    package let format: CodeFormat
    /// Counter (HOTP) or timer (TOTP) and its parameters.
    package let factor: Factor
    /// Secure memory holding the secret at ``range``.
    package let storage: SecureBytes
    /// Where the secret is in ``storage``.
    package let range: Range<Int>

    /// The secret and parameters of `generator` (sharing its secure memory).
    package init(_ generator: Generator) {
        self.init(
            algorithm: generator.algorithm, format: generator.format, factor: generator.factor,
            storage: generator.secret, range: 0..<generator.secret.count)
    }

    /// A token whose secret is `range` of `storage`.
    package init(algorithm: Algorithm, format: CodeFormat, factor: Factor, storage: SecureBytes, range: Range<Int>) {
        self.algorithm = algorithm
        self.format = format
        self.factor = factor
        self.storage = storage
        self.range = range
    }

    /// Calls `body` with read access to the secret. The buffer is valid only during the call.
    package func withUnsafeSecretBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try storage.withUnsafeBytes { all in try body(UnsafeRawBufferPointer(rebasing: all[range])) }
    }

    /// A generator with this secret (copied into secure memory of its own).
    package func makeGenerator() throws(OTPError) -> Generator {
        let secret = withUnsafeSecretBytes { bytes in
            SecureBytes(count: bytes.count) { destination in destination.copyMemory(from: bytes) }
        }
        return try Generator(factor: factor, secret: secret, algorithm: algorithm, format: format)
    }
}

/// One account as the record encoding holds it: what a backup carries of an account, and
/// what the local vault file stores of it besides its device state.
package struct EncodedAccount: Sendable {
    /// The account's identifier.
    package var id: AccountID
    /// The issuer.
    package var issuer: String
    /// The user name.
    package var userName: String
    /// The display name, if any.
    package var displayName: String?
    /// The icon reference, if any.
    package var iconReference: String?
    /// When the account was added, to the millisecond.
    package var createdAt: Date
    /// The kind and what is carried for it.
    package var content: Content

    /// What a record holds for each kind.
    package enum Content: Sendable {
        /// A third-party account's OTP secret and parameters.
        case thirdParty(TokenRecord)
        /// A personal or work-or-school account's metadata.
        case provider(Account.ProviderKind, reference: ProviderAccountReference?, pushApprovalsEnabled: Bool)
    }

    /// A record with the given fields.
    package init(
        id: AccountID, issuer: String, userName: String, displayName: String?, iconReference: String?,
        createdAt: Date, content: Content
    ) {
        self.id = id
        self.issuer = issuer
        self.userName = userName
        self.displayName = displayName
        self.iconReference = iconReference
        self.createdAt = createdAt
        self.content = content
    }
}

/// The record encoding of settings, accounts and tokens: one encoding, used by the backup
/// payload (`BackupFormat`) and by version 3 of the local vault file. Deterministic — the
/// same value always encodes to the same bytes. Field by field in
/// `Documentation/BackupFormat.md`, section "Payload".
package enum RecordCoding {
    /// The smallest account record, length prefix included (a personal account with empty
    /// texts): 4 + 19 bytes. Used to refuse an account count the bytes cannot hold before
    /// reserving room for it.
    package static let minimumAccountRecordLength = 23

    /// Flag bits of the settings record.
    package enum SettingsFlag {
        /// Bit 0: backup on.
        package static let backupEnabled: UInt8 = 0x01
        /// Bit 1: codes hidden.
        package static let hidesCodes: UInt8 = 0x02
        /// Bit 2: digits grouped.
        package static let groupsDigits: UInt8 = 0x04
    }

    /// Format codes of a token's fields.
    package enum TokenCode {
        /// Decimal digits.
        package static let decimal: UInt8 = 1
        /// Steam Guard characters.
        package static let steam: UInt8 = 2
        /// HOTP.
        package static let counter: UInt8 = 1
        /// TOTP.
        package static let timer: UInt8 = 2
        /// The digits byte of a Steam token.
        package static let steamDigits: UInt8 = 5
    }

    // MARK: Settings

    /// `u32` length, then the settings record.
    package static func encodeSettingsRecord<F>(_ settings: Settings, into sink: inout ByteWriter<F>, limits: RecordLimits) throws(F) {
        try sink.appendLengthPrefixed(field: "settings record", limit: limits.maximumSettingsRecordLength) {
            (sink: inout ByteWriter<F>) throws(F) in
            try encode(settings, into: &sink, limits: limits)
        }
    }

    /// Reads a `u32` length and the settings record it measures (bytes after the known
    /// fields belong to a newer writer and are skipped).
    package static func decodeSettingsRecord<F>(_ reader: inout ByteReader<F>, limits: RecordLimits) throws(F) -> Settings {
        let length = Int(try reader.readUInt32("settings record length"))
        guard length <= limits.maximumSettingsRecordLength else {
            throw .tooLarge(field: "settings record", limit: limits.maximumSettingsRecordLength)
        }
        var record = try reader.nested(count: length, "settings record")
        return try decodeSettings(&record, limits: limits)
    }

    private static func encode<F>(_ settings: Settings, into sink: inout ByteWriter<F>, limits: RecordLimits) throws(F) {
        var flags: UInt8 = 0
        if settings.backupEnabled { flags |= SettingsFlag.backupEnabled }
        if settings.hidesCodes { flags |= SettingsFlag.hidesCodes }
        if settings.groupsDigits { flags |= SettingsFlag.groupsDigits }
        sink.append(flags)
        sink.append(settings.platform.formatCode)
        guard settings.custom.count <= limits.maximumCustomSettings else {
            throw .tooLarge(field: "custom settings", limit: limits.maximumCustomSettings)
        }
        sink.append(uint16: UInt16(settings.custom.count))
        // Sorted by the UTF-8 bytes of the key, so the encoding does not depend on the
        // dictionary's iteration order.
        let entries = settings.custom.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        for (key, value) in entries {
            try sink.append(text: key, field: "custom setting key", limit: limits.maximumTextLength)
            try sink.append(text: value, field: "custom setting value", limit: limits.maximumTextLength)
        }
    }

    private static func decodeSettings<F>(_ reader: inout ByteReader<F>, limits: RecordLimits) throws(F) -> Settings {
        let flags = try reader.readUInt8("settings flags")
        let platformCode = try reader.readUInt8("platform")
        guard let platform = Platform(formatCode: platformCode) else { throw .malformed("unknown platform code \(platformCode)") }
        let count = Int(try reader.readUInt16("number of custom settings"))
        guard count <= limits.maximumCustomSettings else {
            throw .tooLarge(field: "custom settings", limit: limits.maximumCustomSettings)
        }
        var custom: [String: String] = [:]
        custom.reserveCapacity(count)
        var previousKey: String?
        for _ in 0..<count {
            let key = try reader.readText(field: "custom setting key", limit: limits.maximumTextLength)
            let value = try reader.readText(field: "custom setting value", limit: limits.maximumTextLength)
            // Keys must be strictly ascending by their UTF-8 bytes: one encoding per payload.
            if let previousKey, !previousKey.utf8.lexicographicallyPrecedes(key.utf8) {
                throw .malformed("custom setting keys are not in ascending order")
            }
            custom[key] = value
            previousKey = key
        }
        // Keys with different bytes that Swift considers equal (canonically equivalent
        // Unicode) would collapse into one entry: refuse rather than lose one.
        guard custom.count == count else { throw .malformed("two custom setting keys are equal") }
        // Bits 3–7 are reserved: written as 0, ignored when read.
        return Settings(
            platform: platform,
            backupEnabled: flags & SettingsFlag.backupEnabled != 0,
            hidesCodes: flags & SettingsFlag.hidesCodes != 0,
            groupsDigits: flags & SettingsFlag.groupsDigits != 0,
            custom: custom
        )
    }

    // MARK: Accounts

    /// `u32` length, then the account record.
    package static func encodeAccountRecord<F>(_ account: EncodedAccount, into sink: inout ByteWriter<F>, limits: RecordLimits) throws(F) {
        try sink.appendLengthPrefixed(field: "account record", limit: limits.maximumAccountRecordLength) {
            (sink: inout ByteWriter<F>) throws(F) in
            try encode(account, into: &sink, limits: limits)
        }
    }

    /// Reads a `u32` length and the account record it measures. Bytes after the known fields
    /// belong to a newer writer: skipped. A third-party token's secret is not copied: it is a
    /// range of `plaintext`, the secure buffer `reader` reads.
    package static func decodeAccountRecord<F>(_ reader: inout ByteReader<F>, plaintext: SecureBytes, limits: RecordLimits) throws(F) -> EncodedAccount {
        let length = Int(try reader.readUInt32("account record length"))
        guard length <= limits.maximumAccountRecordLength else {
            throw .tooLarge(field: "account record", limit: limits.maximumAccountRecordLength)
        }
        var record = try reader.nested(count: length, "account record")
        return try decodeAccount(&record, plaintext: plaintext, limits: limits)
    }

    private static func encode<F>(_ account: EncodedAccount, into sink: inout ByteWriter<F>, limits: RecordLimits) throws(F) {
        let limit = limits.maximumTextLength
        switch account.content {
        case .thirdParty: sink.append(AccountKind.thirdParty.formatCode)
        case let .provider(kind, _, _): sink.append(kind.accountKind.formatCode)
        }
        try sink.append(text: account.id.rawValue, field: "account identifier", limit: limit)
        try sink.append(text: account.issuer, field: "issuer", limit: limit)
        try sink.append(text: account.userName, field: "user name", limit: limit)
        try sink.append(optionalText: account.displayName, field: "display name", limit: limit)
        try sink.append(optionalText: account.iconReference, field: "icon reference", limit: limit)
        sink.append(int64: account.createdAt.millisecondsSince1970)
        switch account.content {
        case let .thirdParty(token):
            try encode(token, into: &sink, limits: limits)
        case let .provider(_, reference, pushApprovalsEnabled):
            try sink.append(optionalText: reference?.rawValue, field: "provider account reference", limit: limit)
            sink.append(bool: pushApprovalsEnabled)
        }
    }

    private static func decodeAccount<F>(_ reader: inout ByteReader<F>, plaintext: SecureBytes, limits: RecordLimits) throws(F) -> EncodedAccount {
        let limit = limits.maximumTextLength
        let kindCode = try reader.readUInt8("account kind")
        let id = try reader.readText(field: "account identifier", limit: limit)
        let issuer = try reader.readText(field: "issuer", limit: limit)
        let userName = try reader.readText(field: "user name", limit: limit)
        let displayName = try reader.readOptionalText(field: "display name", limit: limit)
        let iconReference = try reader.readOptionalText(field: "icon reference", limit: limit)
        let createdAt = Date(millisecondsSince1970: try reader.readInt64("creation time"))
        let content: EncodedAccount.Content
        switch kindCode {
        case AccountKind.thirdParty.formatCode:
            // A third-party account is its token: a record without one runs out of bytes here.
            content = .thirdParty(try decodeToken(&reader, plaintext: plaintext, limits: limits))
        case AccountKind.personal.formatCode, AccountKind.workOrSchool.formatCode:
            let reference = try reader.readOptionalText(field: "provider account reference", limit: limit)
            let push = try reader.readBool("push approvals flag")
            content = .provider(
                kindCode == AccountKind.personal.formatCode ? .personal : .workOrSchool,
                reference: reference.map(ProviderAccountReference.init(rawValue:)), pushApprovalsEnabled: push)
        default:
            throw .malformed("unknown account kind code \(kindCode)")
        }
        return EncodedAccount(
            id: AccountID(rawValue: id), issuer: issuer, userName: userName, displayName: displayName,
            iconReference: iconReference, createdAt: createdAt, content: content)
    }

    // MARK: Tokens

    /// A token: algorithm, format and digits, factor, then a `u8` length and the secret.
    package static func encode<F>(_ token: TokenRecord, into sink: inout ByteWriter<F>, limits: RecordLimits) throws(F) {
        // The parameters `Generator` requires (Steam: SHA-1, 30 s, T0 = 0; a counter below
        // 2⁶⁴ − 1): anything else cannot be read back.
        do {
            try Generator.checkParameters(factor: token.factor, algorithm: token.algorithm, format: token.format)
        } catch {
            throw .malformed("a token's parameters are invalid: \(error.message)")
        }
        sink.append(token.algorithm.formatCode)
        switch token.format {
        case let .decimal(digits):
            // `Generator` guarantees 6…10; anything else cannot be read back.
            guard (6...10).contains(digits) else { throw .malformed("a token has \(digits) digits") }
            sink.append(TokenCode.decimal)
            sink.append(UInt8(digits))
        case .steam:
            sink.append(TokenCode.steam)
            sink.append(TokenCode.steamDigits)
        }
        switch token.factor {
        case let .counter(counter):
            sink.append(TokenCode.counter)
            sink.append(uint64: counter)
        case let .timer(period, t0):
            guard period >= 1 else { throw .malformed("a token has period \(period)") }
            sink.append(TokenCode.timer)
            sink.append(int64: period)
            sink.append(int64: t0)
        }
        let length = token.range.count
        guard length <= limits.maximumSecretLength else {
            throw .tooLarge(field: "secret", limit: limits.maximumSecretLength)
        }
        guard length >= 1 else { throw .malformed("a token has an empty secret") }
        sink.append(UInt8(length))
        token.withUnsafeSecretBytes { sink.append(contentsOf: $0) }
    }

    /// Reads a token whose secret stays in `plaintext` (the buffer `reader` reads).
    package static func decodeToken<F>(_ reader: inout ByteReader<F>, plaintext: SecureBytes, limits: RecordLimits) throws(F) -> TokenRecord {
        let algorithmCode = try reader.readUInt8("OTP algorithm")
        guard let algorithm = Algorithm(formatCode: algorithmCode) else {
            throw .malformed("unknown OTP algorithm code \(algorithmCode)")
        }
        let formatCode = try reader.readUInt8("code format")
        let digits = try reader.readUInt8("digits")
        let format: CodeFormat
        switch formatCode {
        case TokenCode.decimal where (6...10).contains(digits):
            format = .decimal(digits: Int(digits))
        case TokenCode.steam where digits == TokenCode.steamDigits:
            format = .steam
        default:
            throw .malformed("unknown code format \(formatCode) with \(digits) digits")
        }
        let factor: Factor
        switch try reader.readUInt8("OTP factor") {
        case TokenCode.counter:
            factor = .counter(try reader.readUInt64("HOTP counter"))
        case TokenCode.timer:
            let period = try reader.readInt64("TOTP period")
            let t0 = try reader.readInt64("TOTP T0")
            guard period >= 1 else { throw .malformed("a token has period \(period)") }
            factor = .timer(period: period, t0: t0)
        case let other:
            throw .malformed("unknown OTP factor \(other)")
        }
        do {
            try Generator.checkParameters(factor: factor, algorithm: algorithm, format: format)
        } catch {
            throw .malformed("a token's parameters are invalid: \(error.message)")
        }
        let length = Int(try reader.readUInt8("secret length"))
        guard length <= limits.maximumSecretLength else {
            throw .tooLarge(field: "secret", limit: limits.maximumSecretLength)
        }
        guard length >= 1 else { throw .malformed("a token has an empty secret") }
        let start = reader.offset
        try reader.skip(length, "OTP secret")
        return TokenRecord(algorithm: algorithm, format: format, factor: factor, storage: plaintext, range: start..<(start + length))
    }
}
