import AccountModel
import SodiumBridge

/// Reads a decrypted payload (see ``PayloadEncoding``). Every count and length is checked
/// against the format's limits and against the bytes left before anything is allocated.
enum PayloadDecoding {
    /// Refuses two accounts with one identifier (the format requires unique identifiers).
    /// - Throws: ``BackupFormatError/duplicateAccountIdentifier``.
    static func checkUniqueIdentifiers(_ accounts: [BackupAccount]) throws(BackupFormatError) {
        guard AccountIdentifierCheck.allDifferent(accounts) else { throw .duplicateAccountIdentifier }
    }

    /// The payload in `plaintext`. Third-party secrets are not copied: each token refers to
    /// its bytes inside `plaintext`, which stays in secure memory.
    static func decode(_ plaintext: SecureBytes) throws(BackupFormatError) -> BackupPayload {
        let result = plaintext.withUnsafeBytes { buffer in
            Result { () throws(RecordCodingFailure) -> BackupPayload in
                var reader = RecordReader(buffer)
                return try decodePayload(&reader, plaintext: plaintext)
            }
        }
        let payload: BackupPayload
        do {
            payload = try result.get()
        } catch {
            throw BackupFormatError(error)
        }
        try checkUniqueIdentifiers(payload.accounts)
        return payload
    }

    private static func decodePayload(_ reader: inout RecordReader, plaintext: SecureBytes) throws(RecordCodingFailure) -> BackupPayload {
        let settings = try reader.readSettingsRecord(limits: .backup)
        let count = Int(try reader.readUInt32())
        guard count <= BackupLimits.maximumAccounts else {
            throw .tooLarge(field: "accounts", limit: BackupLimits.maximumAccounts)
        }
        guard count <= reader.remaining / RecordCoding.minimumAccountRecordLength else {
            throw .malformed("the account count is more than the payload can hold")
        }
        var accounts: [BackupAccount] = []
        accounts.reserveCapacity(count)
        for _ in 0..<count {
            accounts.append(BackupAccount(record: try reader.readAccountRecord(plaintext: plaintext, limits: .backup)))
        }
        guard reader.isAtEnd else { throw .malformed("bytes after the last account") }
        return BackupPayload(accounts: accounts, settings: settings)
    }
}
