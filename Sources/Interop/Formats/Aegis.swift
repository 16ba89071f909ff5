import OTP
import SodiumBridge

/// Aegis Authenticator's vault (beemdevelopment/Aegis, `docs/vault.md`).
///
/// `{"version": 1, "header": {"slots", "params"}, "db"}`. Plain: `slots` and `params` are
/// `null` and `db` is the content object. Encrypted: `db` is Base64 of the AES-256-GCM
/// ciphertext of the content under a random master key (`params.nonce`, `params.tag` in
/// hex); each password slot wraps the master key with AES-256-GCM under
/// scrypt(password, `salt`, `n`, `r`, `p`) → 32 bytes. Content: `{"version": 1…3, "entries",
/// "groups"}`.
enum AegisFormat {
    /// The content versions read: 1 and 2 (a `group` name per entry) and 3 (`groups` UUIDs).
    static let contentVersions: ClosedRange<Int64> = 1...3
    /// Most password slots tried (Aegis writes one).
    static let maximumPasswordSlots = 4

    static func read(_ root: JSONObject, password: SecureBytes?, limits: InteropLimits) throws(InteropError) -> ForeignVault {
        guard let version = root["version"]?.int64 else { throw .damaged(reason: "the vault has no version") }
        guard version == 1 else { throw .unsupportedVersion(format: .aegis, version: String(version)) }
        guard let header = root["header"]?.object else { throw .damaged(reason: "the vault has no header") }
        let encrypted = header.has("slots") || header.has("params")
        let content: JSONObject
        if !encrypted {
            guard let db = root["db"]?.object else { throw .damaged(reason: "a plain vault's db is not an object") }
            content = db
        } else {
            content = try decrypt(root, header: header, password: password, limits: limits)
        }
        return try readContent(content, limits: limits)
    }

    // MARK: Encryption

    /// One password slot's parameters, all checked before any key is derived.
    private struct PasswordSlot {
        let n: Int, r: Int, p: Int
        let salt: [UInt8]
        let wrappedKey: [UInt8]
        let nonce: [UInt8]
        let tag: [UInt8]
        let repaired: Bool
    }

    private static func hex(_ object: JSONObject?, _ key: String, what: String) throws(InteropError) -> [UInt8] {
        guard let text = object?[key]?.string, let bytes = Hex.decode(text) else {
            throw .damaged(reason: "\(what) '\(key)' is missing or not hexadecimal")
        }
        return bytes
    }

    private static func decrypt(_ root: JSONObject, header: JSONObject, password: SecureBytes?, limits: InteropLimits) throws(InteropError) -> JSONObject {
        guard let slots = header["slots"]?.array else { throw .damaged(reason: "the header has no slots") }
        guard slots.count <= 64 else { throw .parametersOutOfBounds(parameter: "slots", value: String(slots.count), allowed: "at most 64") }
        var passwordSlots: [PasswordSlot] = []
        for slot in slots {
            guard let object = slot.object, let type = object["type"]?.int64 else { throw .damaged(reason: "a slot has no type") }
            guard type == 1 else { continue }  // raw (0) and biometric (2) slots need a key we do not have
            guard let n = object["n"]?.int64, let r = object["r"]?.int64, let p = object["p"]?.int64 else {
                throw .damaged(reason: "a password slot lacks its scrypt parameters")
            }
            try InteropCrypto.checkScrypt(n: n, r: r, p: p, limits: limits)
            let salt = try hex(object, "salt", what: "a slot's")
            guard (1...1024).contains(salt.count) else {
                throw .parametersOutOfBounds(parameter: "slot salt length", value: String(salt.count), allowed: "1 to 1024 bytes")
            }
            let keyParams = object["key_params"]?.object
            passwordSlots.append(PasswordSlot(
                n: Int(n), r: Int(r), p: Int(p), salt: salt,
                wrappedKey: try hex(object, "key", what: "a slot's"),
                nonce: try hex(keyParams, "nonce", what: "a slot's key_params"),
                tag: try hex(keyParams, "tag", what: "a slot's key_params"),
                repaired: object["repaired"]?.bool ?? false))
        }
        // Each password slot costs one (or, unrepaired, two) scrypt runs: bound their number.
        guard passwordSlots.count <= maximumPasswordSlots else {
            throw .parametersOutOfBounds(
                parameter: "password slots", value: String(passwordSlots.count), allowed: "at most \(maximumPasswordSlots)")
        }
        guard !passwordSlots.isEmpty else {
            throw .unsupportedEncryption(format: .aegis, reason: "the vault has no password slot (only raw or biometric keys)")
        }
        let params = header["params"]?.object
        let nonce = try hex(params, "nonce", what: "the header params'")
        let tag = try hex(params, "tag", what: "the header params'")
        guard let encoded = root["db"]?.string else { throw .damaged(reason: "an encrypted vault's db is not a string") }
        guard let ciphertext = Base64.decode(encoded) else { throw .damaged(reason: "the db is not Base64") }
        guard let password else { throw .passwordRequired }

        var masterKey: SecureBytes?
        for slot in passwordSlots where masterKey == nil {
            masterKey = try unwrap(slot, password: password.copyBytes())
            if masterKey == nil, !slot.repaired {
                // Aegis before its fix derived from the encoder's whole buffer, zeros included;
                // that changes the key only when the buffer is longer than HMAC's 64-byte block.
                let old = javaEncoderBuffer(password)
                if old.count > 64 { masterKey = try unwrap(slot, password: old) }
            }
        }
        guard let masterKey else { throw .wrongPassword }
        guard let plain = try InteropCrypto.openAESGCM(ciphertext: ciphertext, tag: tag, nonce: nonce, key: masterKey) else {
            throw .damaged(reason: "the vault content does not authenticate under its master key")
        }
        let json = try JSONParser.parse(secure: plain, what: "the vault content", limits: limits)
        guard let object = json.object else { throw .damaged(reason: "the vault content is not an object") }
        return object
    }

    private static func unwrap(_ slot: PasswordSlot, password bytes: [UInt8]) throws(InteropError) -> SecureBytes? {
        var passwordBytes = bytes
        defer { ConstantTime.zero(&passwordBytes) }
        let slotKey = try InteropCrypto.scrypt(password: passwordBytes, salt: slot.salt, n: slot.n, r: slot.r, p: slot.p)
        return try InteropCrypto.openAESGCM(ciphertext: slot.wrappedKey, tag: slot.tag, nonce: slot.nonce, key: slotKey)
    }

    /// The password as old Aegis versions passed it to scrypt: Java's UTF-8 encoder buffer,
    /// allocated at ⌊1.1 × UTF-16 length⌋ bytes and grown to 2n + 1 while too small, with the
    /// unused tail left as zeros (OpenJDK `CharsetEncoder.encode`).
    static func javaEncoderBuffer(_ password: SecureBytes) -> [UInt8] {
        var bytes = password.copyBytes()
        let text = String(decoding: bytes, as: UTF8.self)
        let units = text.utf16.count
        var capacity = units * 11 / 10
        while capacity < bytes.count { capacity = 2 * capacity + 1 }
        bytes.append(contentsOf: [UInt8](repeating: 0, count: capacity - bytes.count))
        return bytes
    }

    // MARK: Content

    private static func readContent(_ content: JSONObject, limits: InteropLimits) throws(InteropError) -> ForeignVault {
        guard let version = content["version"]?.int64 else { throw .damaged(reason: "the vault content has no version") }
        guard contentVersions.contains(version) else { throw .unsupportedVersion(format: .aegis, version: "db \(version)") }
        guard let entries = content["entries"]?.array else { throw .damaged(reason: "the vault content has no entries") }
        guard entries.count <= limits.maximumEntries else { throw .tooManyEntries(count: entries.count, limit: limits.maximumEntries) }
        var result: [ForeignEntry] = []
        result.reserveCapacity(entries.count)
        for (index, value) in entries.enumerated() {
            result.append(entry(value, position: index + 1))
        }
        return ForeignVault(format: .aegis, entries: result)
    }

    private static func entry(_ value: JSON, position: Int) -> ForeignEntry {
        guard let object = value.object else {
            return ForeignEntry(position: position, issuer: "", account: "", outcome: .unsupported(.invalidField("entry")))
        }
        let issuer = object.text("issuer")
        let account = object.text("name")
        var dropped: [String] = []
        if object.carries("note") { dropped.append("note") }
        if object.carries("icon") { dropped.append("icon") }
        if object.carries("favorite") { dropped.append("favorite") }
        if object.carries("groups") || object.carries("group") { dropped.append("group") }
        return Tokens.entry(position: position, issuer: issuer, account: account, dropped: dropped) { () throws(EntryFailure) -> Token in
            _ = try object.requiredString("issuer")
            _ = try object.requiredString("name")
            let type = try object.requiredString("type")
            guard let info = object["info"]?.object else { throw EntryFailure(.invalidField("info")) }
            let kind: OTPKind
            switch type.lowercased() {
            case "totp": kind = .totp(period: try Tokens.period(info["period"]))
            case "hotp": kind = .hotp(counter: try Tokens.counter(info["counter"]))
            case "steam": kind = .steam(period: try Tokens.period(info["period"]))
            default: throw EntryFailure(.unsupportedType(type))
            }
            let secret = try Tokens.base32(try info.requiredString("secret"))
            return try Tokens.token(
                issuer: issuer, account: account, secret: secret, algorithm: try info.optionalString("algo"),
                digits: try Tokens.digits(info["digits"]), kind: kind)
        }
    }

    // MARK: Writing

    /// Writes an Aegis vault (outer version 1, content version 3), encrypted with one
    /// password slot when `password` is given.
    static func write(
        _ entries: [ExportEntry], password: SecureBytes?, cost: ScryptCost, random: some RandomSource
    ) throws(InteropError) -> [UInt8] {
        var jsonEntries: [JSON] = []
        for (index, entry) in entries.enumerated() {
            jsonEntries.append(try entryJSON(entry, position: index + 1, random: random))
        }
        let content = JSON.object(JSONObject([
            ("version", .integer(3)), ("entries", .array(jsonEntries)), ("groups", .array([])),
        ]))
        guard let password else {
            let root = JSONObject([
                ("version", .integer(1)),
                ("header", .object(JSONObject([("slots", .null), ("params", .null)]))),
                ("db", content),
            ])
            return JSONWriter.write(.object(root))
        }
        var plaintext = JSONWriter.write(content)
        defer { ConstantTime.zero(&plaintext) }
        let masterKey = SecureBytes(randomCount: 32, using: random)
        let salt = random.bytes(32)
        var passwordBytes = password.copyBytes()
        defer { ConstantTime.zero(&passwordBytes) }
        let slotKey = try InteropCrypto.scrypt(password: passwordBytes, salt: salt, n: cost.n, r: cost.r, p: cost.p)
        var masterKeyBytes = masterKey.copyBytes()
        defer { ConstantTime.zero(&masterKeyBytes) }
        let wrapped = try InteropCrypto.sealAESGCM(masterKeyBytes, key: slotKey, random: random)
        let sealed = try InteropCrypto.sealAESGCM(plaintext, key: masterKey, random: random)
        let slot = JSONObject([
            ("type", .integer(1)), ("uuid", .string(uuid(random))), ("key", .string(Hex.encode(wrapped.ciphertext))),
            ("key_params", .object(JSONObject([("nonce", .string(Hex.encode(wrapped.nonce))), ("tag", .string(Hex.encode(wrapped.tag)))]))),
            ("n", .integer(cost.n)), ("r", .integer(cost.r)), ("p", .integer(cost.p)),
            ("salt", .string(Hex.encode(salt))), ("repaired", .bool(true)), ("is_backup", .bool(false)),
        ])
        let header = JSONObject([
            ("slots", .array([.object(slot)])),
            ("params", .object(JSONObject([("nonce", .string(Hex.encode(sealed.nonce))), ("tag", .string(Hex.encode(sealed.tag)))]))),
        ])
        let root = JSONObject([("version", .integer(1)), ("header", .object(header)), ("db", .string(Base64.encode(sealed.ciphertext)))])
        return JSONWriter.write(.object(root))
    }

    private static func entryJSON(_ entry: ExportEntry, position: Int, random: some RandomSource) throws(InteropError) -> JSON {
        let generator = entry.token.generator
        var info: [(String, JSON)] = [("secret", .string(Base32.encode(generator.secret)))]
        let type: String
        switch (generator.factor, generator.format) {
        case let (.timer(period, t0), format):
            guard t0 == 0 else { throw .unrepresentable(position: position, reason: "Aegis has no T0 (it is \(t0))") }
            type = format == .steam ? "steam" : "totp"
            info += [("algo", .string(generator.algorithm.uriName)), ("digits", .integer(generator.digits)), ("period", .integer(period))]
        case (.counter, .steam):
            throw .unrepresentable(position: position, reason: "Aegis has no counter-based Steam tokens")
        case let (.counter(counter), _):
            guard counter <= UInt64(Int64.max) else {
                throw .unrepresentable(position: position, reason: "Aegis counters stop at 2^63 - 1")
            }
            type = "hotp"
            info += [("algo", .string(generator.algorithm.uriName)), ("digits", .integer(generator.digits)), ("counter", .integer(counter))]
        }
        return .object(JSONObject([
            ("type", .string(type)), ("uuid", .string(uuid(random))), ("name", .string(entry.token.account)),
            ("issuer", .string(entry.token.issuer)), ("note", .string(entry.note)), ("favorite", .bool(false)),
            ("icon", .null), ("icon_mime", .null), ("icon_hash", .null),
            ("info", .object(JSONObject(info))), ("groups", .array([])),
        ]))
    }

    /// A random (version 4) UUID, lower case.
    static func uuid(_ random: some RandomSource) -> String {
        var bytes = random.bytes(16)
        bytes[6] = bytes[6] & 0x0f | 0x40
        bytes[8] = bytes[8] & 0x3f | 0x80
        let hex = Hex.encode(bytes)
        let characters = Array(hex)
        let groups = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(characters[$0]) }
        return groups.joined(separator: "-")
    }
}
