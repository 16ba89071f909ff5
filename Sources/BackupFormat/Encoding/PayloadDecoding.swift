import AccountModel
import SodiumBridge

/// Reads a decrypted payload (see ``PayloadEncoding``). Every count and length is checked
/// against the format's limits and against the bytes left before anything is allocated.
enum PayloadDecoding {
    /// Refuses two accounts with one identifier (the format requires unique identifiers).
    /// - Throws: ``BackupFormatError/duplicateAccountIdentifier``.
    static func checkUniqueIdentifiers(_ accounts: [BackupAccount]) throws(BackupFormatError) {
        var seen: Set<AccountID> = []
        seen.reserveCapacity(accounts.count)
        for account in accounts {
            guard seen.insert(account.id).inserted else { throw .duplicateAccountIdentifier }
        }
    }

    /// The payload in `plaintext`. Third-party secrets are not copied: each token refers to
    /// its bytes inside `plaintext`, which stays in secure memory.
    static func decode(_ plaintext: SecureBytes) throws(BackupFormatError) -> BackupPayload {
        let result = plaintext.withUnsafeBytes { buffer in
            Result { () throws(BackupFormatError) -> BackupPayload in
                var reader = FormatReader(buffer)
                return try decodePayload(&reader, plaintext: plaintext)
            }
        }
        return try result.get()
    }

    private static func decodePayload(_ reader: inout FormatReader, plaintext: SecureBytes) throws(BackupFormatError) -> BackupPayload {
        let settings = try RecordCoding.decodeSettingsRecord(&reader, limits: .backup)
        let count = Int(try reader.readUInt32())
        guard count <= BackupLimits.maximumAccounts else {
            throw .tooLarge(field: "accounts", limit: BackupLimits.maximumAccounts)
        }
        guard count <= reader.remaining / RecordCoding.minimumAccountRecordLength else { throw .damaged }
        var accounts: [BackupAccount] = []
        accounts.reserveCapacity(count)
        for _ in 0..<count {
            accounts.append(BackupAccount(try RecordCoding.decodeAccountRecord(&reader, plaintext: plaintext, limits: .backup)))
        }
        guard reader.isAtEnd else { throw .damaged }
        try checkUniqueIdentifiers(accounts)
        return BackupPayload(accounts: accounts, settings: settings)
    }
}
