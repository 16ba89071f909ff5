import OTP
import SodiumBridge

/// Ente Auth's export (ente-io/ente, `docs/docs/auth/migration/export.md`).
///
/// Plain: `otpauth://` lines (see ``OtpauthList``). Encrypted: `{"version": 1, "kdfParams":
/// {"memLimit", "opsLimit", "salt"}, "encryptedData", "encryptionNonce"}`, Base64 fields; the
/// key is Argon2id (libsodium `crypto_pwhash`, v1.3) of the password with those limits
/// (memory in bytes), and the data one `crypto_secretstream_xchacha20poly1305` message
/// whose stream header is `encryptionNonce`. The plaintext is the plain export.
enum Ente {
    static func readEncrypted(_ root: JSONObject, password: SecureBytes?, limits: InteropLimits) throws(InteropError) -> ForeignVault {
        guard let version = root["version"]?.int64 else { throw .damaged(reason: "the export has no version") }
        guard version == 1 else { throw .unsupportedVersion(format: .ente, version: String(version)) }
        guard let kdf = root["kdfParams"]?.object,
              let memory = kdf["memLimit"]?.int64, let operations = kdf["opsLimit"]?.int64,
              let saltText = kdf["salt"]?.string
        else { throw .damaged(reason: "kdfParams is missing or incomplete") }
        try InteropCrypto.checkArgon2(operations: operations, memory: memory, limits: limits)
        guard let salt = Base64.decode(saltText) else { throw .damaged(reason: "the salt is not Base64") }
        guard salt.count == Argon2id.saltLength else { throw .damaged(reason: "the salt must be \(Argon2id.saltLength) bytes") }
        guard let dataText = root["encryptedData"]?.string, let data = Base64.decode(dataText) else {
            throw .damaged(reason: "encryptedData is missing or not Base64")
        }
        guard let headerText = root["encryptionNonce"]?.string, let header = Base64.decode(headerText),
              header.count == SecretStream.headerLength
        else { throw .damaged(reason: "encryptionNonce is missing or not a \(SecretStream.headerLength)-byte stream header") }
        guard data.count >= SecretStream.overhead else { throw .damaged(reason: "encryptedData is too short") }
        guard data.count <= limits.maximumInputBytes else { throw .inputTooLarge(bytes: data.count, limit: limits.maximumInputBytes) }
        guard let password else { throw .passwordRequired }
        let key = try InteropCrypto.argon2id(password: password, salt: salt, operations: operations, memory: memory)
        let opened: (plaintext: SecureBytes, tag: SecretStream.Tag)
        do {
            opened = try SecretStream.openFirstMessage(data[...], header: header, key: key)
        } catch {
            // The stream is authenticated as a whole: a wrong password and altered data look alike.
            throw .wrongPassword
        }
        guard opened.tag == .final else { throw .damaged(reason: "the encrypted data is not one final message") }
        let text = opened.plaintext.withUnsafeBytes { String(validating: $0, as: UTF8.self) }
        guard let text else { throw .damaged(reason: "the decrypted export is not UTF-8 text") }
        return try OtpauthList.read(text, format: .ente, limits: limits)
    }
}
