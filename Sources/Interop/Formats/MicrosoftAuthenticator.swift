import SodiumBridge
import OTP

/// Microsoft Authenticator's Android database (`/data/data/com.azure.authenticator/databases/PhoneFactor`,
/// SQLite), table `accounts`: `name` (the issuer as shown), `username`, `oath_secret_key`,
/// `account_type`.
///
/// Account types, as importers that read this file (Aegis's) treat them: `0` a third-party
/// account whose `oath_secret_key` is Base32 (TOTP, SHA-1, 6 digits, 30 s); `1` a personal
/// Microsoft account whose `oath_secret_key` is Base64 (TOTP, SHA-1, **8** digits, 30 s);
/// any other type (work or school accounts that approve sign-ins by notification) has no
/// one-time-password secret and is reported as an unsupported entry. Copy the database with
/// its `-wal` file checkpointed: rows still in the write-ahead log are not in `PhoneFactor`.
enum MicrosoftAuthenticator {
    static func read(_ bytes: [UInt8], limits: InteropLimits) throws(InteropError) -> ForeignVault {
        let rows: [[SQLiteDatabase.Value?]]
        do throws(SQLiteDatabase.Failure) {
            let database = try SQLiteDatabase(bytes: bytes)
            guard let columns = try database.columns(of: "accounts") else { throw SQLiteDatabase.Failure(reason: "there is no accounts table") }
            for required in ["name", "username", "oath_secret_key", "account_type"] where !columns.contains(required) {
                throw SQLiteDatabase.Failure(reason: "the accounts table has no \(required) column")
            }
            rows = try database.query(
                "SELECT name, username, oath_secret_key, account_type FROM accounts", maximumRows: limits.maximumEntries)
        } catch {
            if error.reason.hasPrefix("more than") { throw .tooManyEntries(count: limits.maximumEntries + 1, limit: limits.maximumEntries) }
            throw .damaged(reason: "the database cannot be read: \(error.reason)")
        }
        return ForeignVault(format: .microsoftAuthenticator, entries: rows.enumerated().map { entry($1, position: $0 + 1) })
    }

    private static func text(_ value: SQLiteDatabase.Value??) -> String? {
        guard case let .text(text)?? = value else { return nil }
        return text
    }

    private static func entry(_ row: [SQLiteDatabase.Value?], position: Int) -> ForeignEntry {
        let issuer = text(row.first) ?? ""
        let account = text(row.count > 1 ? row[1] : nil) ?? ""
        let secretText = text(row.count > 2 ? row[2] : nil)
        var type: Int64?
        if row.count > 3, case let .integer(value)? = row[3] { type = value }
        return Tokens.entry(position: position, issuer: issuer, account: account) { () throws(EntryFailure) -> Token in
            guard let type else { throw EntryFailure(.invalidField("account_type")) }
            switch type {
            case 0:
                guard let secretText else { throw EntryFailure(.malformedSecret("oath_secret_key is empty")) }
                let secret = try Tokens.base32(secretText)
                return try Tokens.token(issuer: issuer, account: account, secret: secret, algorithm: nil, digits: 6, kind: .totp(period: 30))
            case 1:
                guard let secretText, var bytes = Base64.decode(secretText.trimming(" \n\r\t"), ignoringWhitespace: true), !bytes.isEmpty else {
                    throw EntryFailure(.malformedSecret("oath_secret_key is not Base64"))
                }
                let secret = SecureBytes(copying: bytes)
                ConstantTime.zero(&bytes)
                return try Tokens.token(issuer: issuer, account: account, secret: secret, algorithm: nil, digits: 8, kind: .totp(period: 30))
            default:
                throw EntryFailure(.noSecret("a Microsoft account of type \(type) (sign-in by notification)"))
            }
        }
    }
}
