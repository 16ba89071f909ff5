import AccountModel

/// The payload's binary encoding (before encryption): compact, length-prefixed,
/// deterministic — the same payload always encodes to the same bytes.
///
/// ```
/// payload  = settings-record  u32 account-count  account-record{account-count}
/// record   = u32 length  body            (a reader ignores body bytes after the fields it knows)
/// ```
/// Field by field in `Documentation/BackupFormat.md`, section "Payload".
enum PayloadEncoding {
    /// The encoded size of `payload`, checking every limit on the way.
    static func measure(_ payload: BackupPayload) throws(BackupFormatError) -> Int {
        var counter = ByteCounter()
        try encode(payload, into: &counter)
        return counter.count
    }

    /// Writes the encoding of `payload`.
    static func encode(_ payload: BackupPayload, into sink: inout some ByteSink) throws(BackupFormatError) {
        try sink.appendLengthPrefixed(field: "settings record", limit: BackupLimits.maximumSettingsRecordLength) {
            (sink: inout _) throws(BackupFormatError) in
            try encode(payload.settings, into: &sink)
        }
        guard payload.accounts.count <= BackupLimits.maximumAccounts else {
            throw .tooLarge(field: "accounts", limit: BackupLimits.maximumAccounts)
        }
        sink.append(uint32: UInt32(payload.accounts.count))
        for account in payload.accounts {
            try sink.appendLengthPrefixed(field: "account record", limit: BackupLimits.maximumAccountRecordLength) {
                (sink: inout _) throws(BackupFormatError) in
                try encode(account, into: &sink)
            }
        }
    }

    /// Flag bits of the settings record.
    enum SettingsFlag {
        static let backupEnabled: UInt8 = 0x01
        static let hidesCodes: UInt8 = 0x02
        static let groupsDigits: UInt8 = 0x04
    }

    private static func encode(_ settings: Settings, into sink: inout some ByteSink) throws(BackupFormatError) {
        var flags: UInt8 = 0
        if settings.backupEnabled { flags |= SettingsFlag.backupEnabled }
        if settings.hidesCodes { flags |= SettingsFlag.hidesCodes }
        if settings.groupsDigits { flags |= SettingsFlag.groupsDigits }
        sink.append(flags)
        sink.append(settings.platform.formatCode)
        guard settings.custom.count <= BackupLimits.maximumCustomSettings else {
            throw .tooLarge(field: "custom settings", limit: BackupLimits.maximumCustomSettings)
        }
        sink.append(uint16: UInt16(settings.custom.count))
        // Sorted by the UTF-8 bytes of the key, so the encoding does not depend on the
        // dictionary's iteration order.
        let entries = settings.custom.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        for (key, value) in entries {
            try sink.append(text: key, field: "custom setting key", limit: BackupLimits.maximumTextLength)
            try sink.append(text: value, field: "custom setting value", limit: BackupLimits.maximumTextLength)
        }
    }

    private static func encode(_ account: BackupAccount, into sink: inout some ByteSink) throws(BackupFormatError) {
        let limit = BackupLimits.maximumTextLength
        sink.append(account.kind.formatCode)
        try sink.append(text: account.id.rawValue, field: "account identifier", limit: limit)
        try sink.append(text: account.issuer, field: "issuer", limit: limit)
        try sink.append(text: account.userName, field: "user name", limit: limit)
        try sink.append(optionalText: account.displayName, field: "display name", limit: limit)
        try sink.append(optionalText: account.iconReference, field: "icon reference", limit: limit)
        sink.append(int64: account.createdAt.millisecondsSince1970)
        switch account.content {
        case let .thirdParty(token):
            try encode(token, into: &sink)
        case let .personal(metadata), let .workOrSchool(metadata):
            try sink.append(optionalText: metadata.providerAccountReference, field: "provider account reference", limit: limit)
            sink.append(bool: metadata.pushApprovalsEnabled)
        }
    }

    /// Format codes of a token's fields.
    enum TokenCode {
        static let decimal: UInt8 = 1
        static let steam: UInt8 = 2
        static let counter: UInt8 = 1
        static let timer: UInt8 = 2
        static let steamDigits: UInt8 = 5
    }

    private static func encode(_ token: BackupToken, into sink: inout some ByteSink) throws(BackupFormatError) {
        sink.append(token.algorithm.formatCode)
        switch token.format {
        case let .decimal(digits):
            // `Generator` guarantees 6…10; anything else cannot be read back.
            guard (6...10).contains(digits) else { throw .damaged }
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
            guard period >= 1 else { throw .damaged }
            sink.append(TokenCode.timer)
            sink.append(int64: period)
            sink.append(int64: t0)
        }
        let length = token.secretLength
        guard length <= BackupLimits.maximumSecretLength else {
            throw .tooLarge(field: "secret", limit: BackupLimits.maximumSecretLength)
        }
        guard length >= 1 else { throw .damaged }
        sink.append(UInt8(length))
        token.withUnsafeSecretBytes { sink.append(contentsOf: $0) }
    }
}
