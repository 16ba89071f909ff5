import SodiumBridge
import OTP

/// andOTP's backup (andOTP/andOTP).
///
/// Plain: a JSON array of entries `{secret (Base32), issuer, label, digits, type
/// (TOTP/HOTP/STEAM), algorithm, period | counter, thumbnail, tags, last_used, …}`; entries
/// without `issuer` (old backups) name it in the label as `Issuer - account`.
/// Encrypted (current): 4-byte big-endian PBKDF2 iteration count, 12-byte salt, 12-byte IV,
/// then AES-256-GCM ciphertext and 16-byte tag under PBKDF2-HMAC-SHA1(password, salt,
/// iterations, 256 bits). Encrypted (old): 12-byte IV, ciphertext, tag, under
/// SHA-256(password). Nothing in the file says which: the cheap old layout is tried first,
/// then the current one; a "count" above 2²⁶ is taken for an old layout's IV (so a wrong
/// password), and one within that but above ``InteropLimits/maximumPBKDF2Iterations`` is
/// refused as out of bounds.
enum AndOTP {
    static let saltLength = 12
    static let ivLength = 12
    static let tagLength = 16
    /// Above this, the first four bytes are taken for an old-layout IV, not an iteration count.
    static let largestPlausibleIterations = 1 << 26

    static func readEncrypted(_ bytes: [UInt8], password: SecureBytes?, limits: InteropLimits) throws(InteropError) -> ForeignVault {
        guard bytes.count >= ivLength + tagLength else { throw .damaged(reason: "the backup is too short to be encrypted") }
        guard let password else { throw .passwordRequired }
        var passwordBytes = password.copyBytes()
        defer { ConstantTime.zero(&passwordBytes) }

        let oldKey = InteropCrypto.sha256(passwordBytes)
        if let plain = try InteropCrypto.openAESGCM(
            ciphertext: bytes[ivLength..<(bytes.count - tagLength)], tag: bytes.suffix(tagLength),
            nonce: Array(bytes[0..<ivLength]), key: oldKey) {
            return try readDecrypted(plain, limits: limits)
        }

        let header = 4 + saltLength + ivLength
        guard bytes.count >= header + tagLength else { throw .wrongPassword }
        let iterations = Int(bytes[0]) << 24 | Int(bytes[1]) << 16 | Int(bytes[2]) << 8 | Int(bytes[3])
        // The file does not say its layout. A count above 2^26 is almost surely the random IV
        // of an old-layout backup whose password was wrong (andOTP writes about 150,000).
        guard iterations <= Self.largestPlausibleIterations else { throw .wrongPassword }
        guard iterations >= 1, iterations <= limits.maximumPBKDF2Iterations else {
            throw .parametersOutOfBounds(
                parameter: "PBKDF2 iterations", value: String(iterations), allowed: "1 to \(limits.maximumPBKDF2Iterations)")
        }
        let salt = Array(bytes[4..<(4 + saltLength)])
        let key = try InteropCrypto.pbkdf2(password: passwordBytes, salt: salt, hash: .sha1, iterations: iterations)
        guard let plain = try InteropCrypto.openAESGCM(
            ciphertext: bytes[header..<(bytes.count - tagLength)], tag: bytes.suffix(tagLength),
            nonce: Array(bytes[(4 + saltLength)..<header]), key: key)
        else { throw .wrongPassword }
        return try readDecrypted(plain, limits: limits)
    }

    private static func readDecrypted(_ plain: SecureBytes, limits: InteropLimits) throws(InteropError) -> ForeignVault {
        let json = try JSONParser.parse(secure: plain, what: "the decrypted backup", limits: limits)
        guard let array = json.array else { throw .damaged(reason: "the decrypted backup is not a JSON array") }
        return try read(array, limits: limits)
    }

    static func read(_ array: [JSON], limits: InteropLimits) throws(InteropError) -> ForeignVault {
        guard array.count <= limits.maximumEntries else { throw .tooManyEntries(count: array.count, limit: limits.maximumEntries) }
        return ForeignVault(format: .andOTP, entries: array.enumerated().map { entry($1, position: $0 + 1) })
    }

    private static func entry(_ value: JSON, position: Int) -> ForeignEntry {
        guard let object = value.object else {
            return ForeignEntry(position: position, issuer: "", account: "", outcome: .unsupported(.invalidField("entry")))
        }
        var issuer = object.text("issuer")
        var account = object.text("label")
        if object["issuer"] == nil, let range = account.range(of: " - ") {
            issuer = String(account[..<range.lowerBound])
            account = String(account[range.upperBound...])
        }
        var dropped: [String] = []
        if let thumbnail = object["thumbnail"]?.string, !thumbnail.isEmpty, thumbnail != "Default" { dropped.append("icon") }
        if object.carries("tags") { dropped.append("group") }
        let (finalIssuer, finalAccount) = (issuer, account)
        return Tokens.entry(position: position, issuer: issuer, account: account, dropped: dropped) { () throws(EntryFailure) -> Token in
            let type = try object.requiredString("type")
            let kind: OTPKind
            switch type.uppercased() {
            case "TOTP": kind = .totp(period: try Tokens.period(object["period"]))
            case "HOTP": kind = .hotp(counter: try Tokens.counter(object["counter"]))
            case "STEAM": kind = .steam(period: try Tokens.period(object["period"]))
            default: throw EntryFailure(.unsupportedType(type))
            }
            let secret = try Tokens.base32(try object.requiredString("secret"))
            return try Tokens.token(
                issuer: finalIssuer, account: finalAccount, secret: secret, algorithm: try object.optionalString("algorithm"),
                digits: try Tokens.digits(object["digits"]), kind: kind)
        }
    }
}
