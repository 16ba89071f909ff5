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
        var counter = RecordWriter.measuring()
        try encode(payload, into: &counter)
        return counter.count
    }

    /// At least the encoded size of `payload`, from the lengths of its texts and secrets
    /// alone (no limit is checked here: ``encode(_:into:)`` checks them all): the room a
    /// buffer needs so that encoding never reallocates it.
    static func maximumLength(_ payload: BackupPayload) -> Int {
        func text(_ value: String?) -> Int { 1 + 2 + (value?.utf8.count ?? 0) }
        // Settings record: length, flags, platform, count, then each key and value.
        var total = 4 + 1 + 1 + 2 + payload.settings.custom.reduce(0) { $0 + 4 + $1.key.utf8.count + $1.value.utf8.count }
        total += 4  // the account count
        for index in payload.accounts.indices {
            let record = payload.accounts[index].record
            // Length, kind, three texts, two optional texts, creation time.
            total += 4 + 1 + text(record.id.rawValue) + text(record.issuer) + text(record.userName)
                + text(record.displayName) + text(record.iconReference) + 8
            switch record.content {
            case let .thirdParty(token):
                // Algorithm, format, digits, factor and at most two 64-bit values, secret length.
                total += 4 + 16 + 1 + token.range.count
            case let .provider(_, reference, _):
                total += text(reference?.rawValue) + 1
            }
        }
        return total
    }

    /// Writes the encoding of `payload`.
    static func encode(_ payload: BackupPayload, into sink: inout RecordWriter) throws(BackupFormatError) {
        do {
            try sink.appendSettingsRecord(payload.settings, limits: .backup)
        } catch {
            throw BackupFormatError(error)
        }
        guard payload.accounts.count <= BackupLimits.maximumAccounts else {
            throw .tooLarge(field: "accounts", limit: BackupLimits.maximumAccounts)
        }
        do {
            sink.append(uint32: UInt32(payload.accounts.count))
            // By index: an account is read where it is, not copied first.
            for index in payload.accounts.indices {
                try sink.appendAccountRecord(payload.accounts[index].record, limits: .backup)
            }
        } catch {
            throw BackupFormatError(error)
        }
    }
}

extension BackupAccount.Content {
    /// The content as the record encoding holds it.
    var recordContent: EncodedAccount.Content {
        switch self {
        case let .thirdParty(token):
            return .thirdParty(token.record)
        case let .personal(metadata):
            return .provider(
                .personal, reference: metadata.providerAccountReference, pushApprovalsEnabled: metadata.pushApprovalsEnabled)
        case let .workOrSchool(metadata):
            return .provider(
                .workOrSchool, reference: metadata.providerAccountReference,
                pushApprovalsEnabled: metadata.pushApprovalsEnabled)
        }
    }

    /// The content a record holds.
    init(_ content: EncodedAccount.Content) {
        switch content {
        case let .thirdParty(token):
            self = .thirdParty(BackupToken(token))
        case let .provider(kind, reference, push):
            let metadata = BackupAccount.ProviderMetadata(providerAccountReference: reference, pushApprovalsEnabled: push)
            self = kind == .personal ? .personal(metadata) : .workOrSchool(metadata)
        }
    }
}
