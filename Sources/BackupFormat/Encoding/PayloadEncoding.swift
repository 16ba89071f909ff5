import AccountModel

/// The payload's binary encoding (before encryption): compact, length-prefixed,
/// deterministic — the same payload always encodes to the same bytes.
///
/// ```
/// payload  = settings-record  u32 account-count  account-record{account-count}
/// record   = u32 length  body            (a reader ignores body bytes after the fields it knows)
/// ```
/// The records are `AccountModel`'s record encoding (`RecordCoding`), which version 3 of the
/// local vault file uses too. Field by field in `Documentation/BackupFormat.md`, section
/// "Payload".
enum PayloadEncoding {
    /// The encoded size of `payload`, checking every limit on the way.
    static func measure(_ payload: BackupPayload) throws(BackupFormatError) -> Int {
        try PayloadDecoding.checkUniqueIdentifiers(payload.accounts)
        var counter = FormatWriter.measuring()
        try encode(payload, into: &counter)
        return counter.count
    }

    /// Writes the encoding of `payload`.
    static func encode(_ payload: BackupPayload, into sink: inout FormatWriter) throws(BackupFormatError) {
        try RecordCoding.encodeSettingsRecord(payload.settings, into: &sink, limits: .backup)
        guard payload.accounts.count <= BackupLimits.maximumAccounts else {
            throw .tooLarge(field: "accounts", limit: BackupLimits.maximumAccounts)
        }
        sink.append(uint32: UInt32(payload.accounts.count))
        for account in payload.accounts {
            try RecordCoding.encodeAccountRecord(account.record, into: &sink, limits: .backup)
        }
    }
}

extension BackupAccount {
    /// The account as the record encoding holds it.
    var record: EncodedAccount {
        let content: EncodedAccount.Content
        switch self.content {
        case let .thirdParty(token):
            content = .thirdParty(token.record)
        case let .personal(metadata):
            content = .provider(
                .personal, reference: metadata.providerAccountReference, pushApprovalsEnabled: metadata.pushApprovalsEnabled)
        case let .workOrSchool(metadata):
            content = .provider(
                .workOrSchool, reference: metadata.providerAccountReference,
                pushApprovalsEnabled: metadata.pushApprovalsEnabled)
        }
        return EncodedAccount(
            id: id, issuer: issuer, userName: userName, displayName: displayName, iconReference: iconReference,
            createdAt: createdAt, content: content)
    }

    /// The account a record holds.
    init(_ record: EncodedAccount) {
        let content: Content
        switch record.content {
        case let .thirdParty(token):
            content = .thirdParty(BackupToken(token))
        case let .provider(kind, reference, push):
            let metadata = ProviderMetadata(providerAccountReference: reference, pushApprovalsEnabled: push)
            content = kind == .personal ? .personal(metadata) : .workOrSchool(metadata)
        }
        self.init(
            id: record.id, issuer: record.issuer, userName: record.userName, displayName: record.displayName,
            iconReference: record.iconReference, createdAt: record.createdAt, content: content)
    }
}
