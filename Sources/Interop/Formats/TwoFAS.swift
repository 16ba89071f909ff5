import SodiumBridge
import OTP

/// 2FAS Authenticator's backup (twofas/2fas-android).
///
/// `{"services", "groups", "updatedAt", "schemaVersion" (1…4), "appVersionCode", …,
/// "servicesEncrypted", "reference"}`. Encrypted when `servicesEncrypted` is present:
/// `b64(ciphertext‖tag):b64(salt):b64(iv)`, AES-256-GCM under PBKDF2-HMAC-SHA256(password,
/// salt, 10,000 iterations, 256 bits); `reference` is a fixed text encrypted the same way with
/// its own IV, checked first so that a wrong password is told apart from damage.
/// A service: `name` (the issuer as shown), `secret` (Base32), `otp {account, issuer, digits,
/// period, algorithm (SHA1, SHA224, SHA256, SHA384, SHA512), tokenType (TOTP/HOTP/STEAM),
/// counter}`, `order`, `icon`, `badge`, `groupId`. Defaults: TOTP, SHA-1, 6 digits, 30 s,
/// counter 0; Steam codes always have five characters.
enum TwoFAS {
    static let schemaVersions: ClosedRange<Int64> = 1...4
    static let iterations = 10_000
    /// The text 2FAS encrypts as `reference` (2fas-android `BackupContent.Reference`).
    static let reference = "tRViSsLKzd86Hprh4ceC2OP7xazn4rrt4xhfEUbOjxLX8Rc3mkISXE0lWbmnWfggogbBJhtYgpK6fMl1D6mtsy92R3HkdGfwuXbzLebqVFJsR7IZ2w58t938iymwG4824igYy1wi6n2WDpO1Q1P69zwJGs2F5a1qP4MyIiDSD7NCV2OvidXQCBnDlGfmz0f1BQySRkkt4ryiJeCjD2o4QsveJ9uDBUn8ELyOrESv5R5DMDkD4iAF8TXU7KyoJujd"

    private struct Sealed {
        let ciphertext: ArraySlice<UInt8>
        let tag: ArraySlice<UInt8>
        let salt: [UInt8]
        let iv: [UInt8]
    }

    private static func sealed(_ text: String, what: String) throws(InteropError) -> Sealed {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 3, let data = Base64.decode(parts[0]), let salt = Base64.decode(parts[1]), let iv = Base64.decode(parts[2]) else {
            throw .damaged(reason: "\(what) is not three Base64 parts separated by ':'")
        }
        guard data.count >= 16 else { throw .damaged(reason: "\(what) is shorter than its tag") }
        guard (1...1024).contains(salt.count) else {
            throw .parametersOutOfBounds(parameter: "\(what) salt length", value: String(salt.count), allowed: "1 to 1024 bytes")
        }
        return Sealed(ciphertext: data.dropLast(16), tag: data.suffix(16), salt: salt, iv: iv)
    }

    static func read(_ root: JSONObject, password: SecureBytes?, limits: InteropLimits) throws(InteropError) -> ForeignVault {
        guard let version = root["schemaVersion"]?.int64 else { throw .damaged(reason: "the backup has no schemaVersion") }
        guard schemaVersions.contains(version) else { throw .unsupportedVersion(format: .twoFAS, version: String(version)) }
        let services: [JSON]
        if let encrypted = root["servicesEncrypted"]?.string, !encrypted.isEmpty {
            let data = try sealed(encrypted, what: "servicesEncrypted")
            let check = try root["reference"]?.string.map { text throws(InteropError) in try sealed(text, what: "reference") }
            guard let password else { throw .passwordRequired }
            var passwordBytes = password.copyBytes()
            defer { ConstantTime.zero(&passwordBytes) }
            let key = try InteropCrypto.pbkdf2(password: passwordBytes, salt: data.salt, hash: .sha256, iterations: iterations)
            if let check {
                let referenceKey = check.salt == data.salt
                    ? key : try InteropCrypto.pbkdf2(password: passwordBytes, salt: check.salt, hash: .sha256, iterations: iterations)
                guard let plain = try InteropCrypto.openAESGCM(ciphertext: check.ciphertext, tag: check.tag, nonce: check.iv, key: referenceKey) else {
                    throw .wrongPassword
                }
                guard plain.withUnsafeBytes({ $0.elementsEqual(reference.utf8) }) else {
                    throw .damaged(reason: "the reference decrypts to an unexpected text")
                }
            }
            guard let plain = try InteropCrypto.openAESGCM(ciphertext: data.ciphertext, tag: data.tag, nonce: data.iv, key: key) else {
                throw check == nil ? .wrongPassword : .damaged(reason: "servicesEncrypted does not authenticate")
            }
            let json = try JSONParser.parse(secure: plain, what: "the decrypted services", limits: limits)
            guard let array = json.array else { throw .damaged(reason: "the decrypted services are not an array") }
            services = array
        } else {
            guard let array = root["services"]?.array else { throw .damaged(reason: "the backup has no services") }
            services = array
        }
        guard services.count <= limits.maximumEntries else { throw .tooManyEntries(count: services.count, limit: limits.maximumEntries) }
        return ForeignVault(format: .twoFAS, entries: services.enumerated().map { entry($1, position: $0 + 1) })
    }

    private static func entry(_ value: JSON, position: Int) -> ForeignEntry {
        guard let service = value.object else {
            return ForeignEntry(position: position, issuer: "", account: "", outcome: .unsupported(.invalidField("service")))
        }
        let otp = service["otp"]?.object ?? JSONObject()
        var issuer = service.text("name")
        if issuer.isEmpty { issuer = otp.text("issuer") }
        let account = otp.text("account")
        var dropped: [String] = []
        if service.carries("icon") { dropped.append("icon") }
        if service.carries("groupId") { dropped.append("group") }
        if service.carries("badge") { dropped.append("badge") }
        if service.carries("notes") || service.carries("note") { dropped.append("note") }
        return Tokens.entry(position: position, issuer: issuer, account: account, dropped: dropped) { () throws(EntryFailure) -> Token in
            let secret = try Tokens.base32(try service.requiredString("secret"))
            let type = try otp.optionalString("tokenType") ?? "TOTP"
            let kind: OTPKind
            switch type.uppercased() {
            case "TOTP": kind = .totp(period: try Tokens.period(otp["period"]))
            case "HOTP": kind = .hotp(counter: try Tokens.counter(otp["counter"]))
            case "STEAM": kind = .steam(period: try Tokens.period(otp["period"]))
            default: throw EntryFailure(.unsupportedType(type))
            }
            var digits = try Tokens.digits(otp["digits"])
            // 2FAS makes Steam codes of five characters whatever `digits` says.
            if case .steam = kind { digits = nil }
            return try Tokens.token(
                issuer: issuer, account: account, secret: secret, algorithm: try otp.optionalString("algorithm"),
                digits: digits, kind: kind)
        }
    }
}
