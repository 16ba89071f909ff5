import AccountModel
import BackupServices
import OTP
import SodiumBridge
import Foundation

/// Reads a decrypted payload (see ``PayloadEncoding``). Every count and length is checked
/// against the format's limits and against the bytes left before anything is allocated.
enum PayloadDecoding {
    /// The smallest account record, length prefix included (a personal account with empty
    /// texts): 4 + 19 bytes. Used to refuse an account count the bytes cannot hold before
    /// reserving room for it.
    static let minimumAccountRecordLength = 23

    /// The payload in `plaintext`. Third-party secrets are not copied: each token refers to
    /// its bytes inside `plaintext`, which stays in secure memory.
    static func decode(_ plaintext: SecureBytes) throws(BackupFormatError) -> BackupPayload {
        let result = plaintext.withUnsafeBytes { buffer in
            Result { () throws(BackupFormatError) -> BackupPayload in
                var reader = ByteReader(buffer)
                return try decodePayload(&reader, plaintext: plaintext)
            }
        }
        return try result.get()
    }

    private static func decodePayload(_ reader: inout ByteReader, plaintext: SecureBytes) throws(BackupFormatError) -> BackupPayload {
        let settingsLength = Int(try reader.readUInt32())
        guard settingsLength <= BackupLimits.maximumSettingsRecordLength else {
            throw .tooLarge(field: "settings record", limit: BackupLimits.maximumSettingsRecordLength)
        }
        var settingsReader = try reader.nested(count: settingsLength)
        let settings = try decodeSettings(&settingsReader)

        let count = Int(try reader.readUInt32())
        guard count <= BackupLimits.maximumAccounts else {
            throw .tooLarge(field: "accounts", limit: BackupLimits.maximumAccounts)
        }
        guard count <= reader.remaining / minimumAccountRecordLength else { throw .damaged }
        var accounts: [BackupAccount] = []
        accounts.reserveCapacity(count)
        for _ in 0..<count {
            let length = Int(try reader.readUInt32())
            guard length <= BackupLimits.maximumAccountRecordLength else {
                throw .tooLarge(field: "account record", limit: BackupLimits.maximumAccountRecordLength)
            }
            var record = try reader.nested(count: length)
            accounts.append(try decodeAccount(&record, plaintext: plaintext))
        }
        guard reader.isAtEnd else { throw .damaged }
        return BackupPayload(accounts: accounts, settings: settings)
    }

    private static func decodeSettings(_ reader: inout ByteReader) throws(BackupFormatError) -> Settings {
        let flags = try reader.readUInt8()
        guard let platform = Platform(formatCode: try reader.readUInt8()) else { throw .damaged }
        let count = Int(try reader.readUInt16())
        guard count <= BackupLimits.maximumCustomSettings else {
            throw .tooLarge(field: "custom settings", limit: BackupLimits.maximumCustomSettings)
        }
        var custom: [String: String] = [:]
        custom.reserveCapacity(count)
        var previousKey: String?
        for _ in 0..<count {
            let key = try reader.readText(field: "custom setting key", limit: BackupLimits.maximumTextLength)
            let value = try reader.readText(field: "custom setting value", limit: BackupLimits.maximumTextLength)
            // Keys must be strictly ascending by their UTF-8 bytes: one encoding per payload.
            if let previousKey, !previousKey.utf8.lexicographicallyPrecedes(key.utf8) { throw .damaged }
            custom[key] = value
            previousKey = key
        }
        // Keys with different bytes that Swift considers equal (canonically equivalent
        // Unicode) would collapse into one entry: refuse rather than lose one.
        guard custom.count == count else { throw .damaged }
        // Bits 3–7 are reserved: written as 0, ignored when read.
        return Settings(
            platform: platform,
            backupEnabled: flags & PayloadEncoding.SettingsFlag.backupEnabled != 0,
            hidesCodes: flags & PayloadEncoding.SettingsFlag.hidesCodes != 0,
            groupsDigits: flags & PayloadEncoding.SettingsFlag.groupsDigits != 0,
            custom: custom
        )
    }

    private static func decodeAccount(_ reader: inout ByteReader, plaintext: SecureBytes) throws(BackupFormatError) -> BackupAccount {
        let limit = BackupLimits.maximumTextLength
        let kindCode = try reader.readUInt8()
        let id = try reader.readText(field: "account identifier", limit: limit)
        let issuer = try reader.readText(field: "issuer", limit: limit)
        let userName = try reader.readText(field: "user name", limit: limit)
        let displayName = try reader.readOptionalText(field: "display name", limit: limit)
        let iconReference = try reader.readOptionalText(field: "icon reference", limit: limit)
        let createdAt = Date(millisecondsSince1970: try reader.readInt64())
        let content: BackupAccount.Content
        switch kindCode {
        case AccountKind.thirdParty.formatCode:
            content = .thirdParty(try decodeToken(&reader, plaintext: plaintext))
        case AccountKind.personal.formatCode:
            content = .personal(try decodeProviderMetadata(&reader))
        case AccountKind.workOrSchool.formatCode:
            content = .workOrSchool(try decodeProviderMetadata(&reader))
        default:
            throw .damaged
        }
        // Bytes after the known fields belong to a newer writer: ignored.
        return BackupAccount(
            id: AccountID(rawValue: id), issuer: issuer, userName: userName,
            displayName: displayName, iconReference: iconReference, createdAt: createdAt, content: content
        )
    }

    private static func decodeProviderMetadata(_ reader: inout ByteReader) throws(BackupFormatError) -> BackupAccount.ProviderMetadata {
        let reference = try reader.readOptionalText(field: "provider account reference", limit: BackupLimits.maximumTextLength)
        return BackupAccount.ProviderMetadata(providerAccountReference: reference, pushApprovalsEnabled: try reader.readBool())
    }

    private static func decodeToken(_ reader: inout ByteReader, plaintext: SecureBytes) throws(BackupFormatError) -> BackupToken {
        guard let algorithm = Algorithm(formatCode: try reader.readUInt8()) else { throw .damaged }
        let formatCode = try reader.readUInt8()
        let digits = try reader.readUInt8()
        let format: CodeFormat
        switch formatCode {
        case PayloadEncoding.TokenCode.decimal where (6...10).contains(digits):
            format = .decimal(digits: Int(digits))
        case PayloadEncoding.TokenCode.steam where digits == PayloadEncoding.TokenCode.steamDigits:
            format = .steam
        default:
            throw .damaged
        }
        let factor: Factor
        switch try reader.readUInt8() {
        case PayloadEncoding.TokenCode.counter:
            factor = .counter(try reader.readUInt64())
        case PayloadEncoding.TokenCode.timer:
            let period = try reader.readInt64()
            let t0 = try reader.readInt64()
            guard period >= 1 else { throw .damaged }
            factor = .timer(period: period, t0: t0)
        default:
            throw .damaged
        }
        let length = Int(try reader.readUInt8())
        guard length <= BackupLimits.maximumSecretLength else {
            throw .tooLarge(field: "secret", limit: BackupLimits.maximumSecretLength)
        }
        guard length >= 1 else { throw .damaged }
        let start = reader.offset
        try reader.skip(length)
        return BackupToken(storage: plaintext, range: start..<(start + length), algorithm: algorithm, format: format, factor: factor)
    }
}
