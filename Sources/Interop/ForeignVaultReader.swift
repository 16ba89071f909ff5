import SodiumBridge
import OTP

/// Reads other authenticator apps' exports.
///
/// ```swift
/// let vault = try ForeignVaultReader.read(bytes, format: .auto, password: password)
/// for entry in vault.entries {
///     if let token = entry.token { … } else { report(entry.position, entry.problem) }
/// }
/// ```
///
/// Every entry is parsed and validated; one that cannot become a token is returned with its
/// ``ForeignEntry/problem``, never skipped. Sizes and key-derivation costs read from the file
/// are checked against ``InteropLimits`` before the work they cost is done.
public enum ForeignVaultReader {
    /// Reads `bytes` as `format` (``ImportFormat/auto``: as ``detectFormat(_:)`` says).
    ///
    /// - Parameters:
    ///   - bytes: the whole export file.
    ///   - format: the format to read it as, or ``ImportFormat/auto``.
    ///   - password: the export's password (UTF-8), needed only for encrypted exports and
    ///     ignored otherwise.
    ///   - limits: the bounds; the defaults suit every real export.
    /// - Throws: ``InteropError``: ``InteropError/inputTooLarge(bytes:limit:)``,
    ///   ``InteropError/unrecognizedFormat``, ``InteropError/passwordRequired``,
    ///   ``InteropError/wrongPassword``, ``InteropError/unsupportedVersion(format:version:)``,
    ///   ``InteropError/unsupportedEncryption(format:reason:)``,
    ///   ``InteropError/damaged(reason:)``, ``InteropError/parametersOutOfBounds(parameter:value:allowed:)``,
    ///   ``InteropError/tooManyEntries(count:limit:)``.
    public static func read(
        _ bytes: [UInt8], format: ImportFormat, password: SecureBytes?, limits: InteropLimits = .default
    ) throws(InteropError) -> ForeignVault {
        guard bytes.count <= limits.maximumInputBytes else {
            throw .inputTooLarge(bytes: bytes.count, limit: limits.maximumInputBytes)
        }
        var parsed: JSON?
        var resolved = format
        if format == .auto {
            (resolved, parsed) = try detect(bytes, limits: limits)
        }
        /// The file as JSON: parsed once, by detection or here.
        func json() throws(InteropError) -> JSON {
            if let parsed { return parsed }
            return try JSONParser.parse(bytes, what: "the file", limits: limits)
        }
        func object() throws(InteropError) -> JSONObject {
            guard let object = try json().object else { throw .damaged(reason: "the file is not a JSON object") }
            return object
        }
        switch resolved {
        case .microsoftAuthenticator:
            guard SQLiteDatabase.hasHeader(bytes) else { throw .unrecognizedFormat }
            return try MicrosoftAuthenticator.read(bytes, limits: limits)
        case .andOTP:
            if parsed != nil || looksLikeJSON(bytes) {
                guard let array = try json().array else { throw .unrecognizedFormat }
                return try AndOTP.read(array, limits: limits)
            }
            return try AndOTP.readEncrypted(bytes, password: password, limits: limits)
        case .google:
            return try GoogleMigration.read(try text(bytes), limits: limits)
        case .otpauth:
            return try OtpauthList.read(try text(bytes), format: .otpauth, limits: limits)
        case .bitwarden:
            if let object = parsed?.object ?? (try? JSONParser.parse(bytes, maximumValues: limits.maximumJSONValues))?.object {
                return try Bitwarden.readJSON(object, limits: limits)
            }
            return try Bitwarden.readCSV(try text(bytes), limits: limits)
        case .ente:
            if let object = parsed?.object ?? (try? JSONParser.parse(bytes, maximumValues: limits.maximumJSONValues))?.object {
                return try Ente.readEncrypted(object, password: password, limits: limits)
            }
            return try OtpauthList.read(try text(bytes), format: .ente, limits: limits)
        case .aegis:
            return try AegisFormat.read(try object(), password: password, limits: limits)
        case .twoFAS:
            return try TwoFAS.read(try object(), password: password, limits: limits)
        case .freeOTPPlus:
            return try FreeOTPPlus.read(try object(), limits: limits)
        case .proton:
            let root = try object()
            if root["salt"] != nil && root["entries"] == nil {
                return try Proton.readEncrypted(root, password: password, limits: limits)
            }
            return try Proton.read(root, limits: limits)
        case .auto:
            throw .unrecognizedFormat
        }
    }

    /// The format `bytes` are in, from their content alone.
    ///
    /// An SQLite file is Microsoft Authenticator's; a JSON object is told apart by its keys
    /// (`header` and `db`: Aegis; `schemaVersion`: 2FAS; `kdfParams`: Ente; `tokens`: FreeOTP+;
    /// `items`: Bitwarden; `entries` (or `salt` and `content`) with `version`: Proton); a JSON
    /// array is andOTP's; text is read by its first line (`otpauth-migration://`: Google;
    /// `otpauth://`: Ente when a URI has a `codeDisplay` parameter, else `otpauth`; a CSV
    /// header with `login_totp`: Bitwarden); other binary data is taken for an encrypted
    /// andOTP backup.
    ///
    /// - Throws: ``InteropError/unrecognizedFormat``.
    public static func detectFormat(_ bytes: [UInt8]) throws(InteropError) -> ImportFormat {
        try detect(bytes, limits: .default).format
    }

    /// The format, and the JSON when the file is JSON (so that it is parsed once).
    private static func detect(_ bytes: [UInt8], limits: InteropLimits) throws(InteropError) -> (format: ImportFormat, json: JSON?) {
        if SQLiteDatabase.hasHeader(bytes) { return (.microsoftAuthenticator, nil) }
        var parsed: JSON?
        do {
            parsed = try JSONParser.parse(bytes, maximumValues: limits.maximumJSONValues)
        } catch {
            // Text that starts like JSON is meant to be JSON: say what is wrong with it.
            if looksLikeJSON(bytes) { throw .damaged(reason: "the file is not valid JSON (\(error.reason) at byte \(error.offset))") }
        }
        if let json = parsed {
            if let array = json.array {
                return array.allSatisfy({ $0.object != nil }) ? (.andOTP, json) : (try fail(), nil)
            }
            guard let object = json.object else { return (try fail(), nil) }
            if object["header"] != nil && object["db"] != nil { return (.aegis, json) }
            if object["schemaVersion"] != nil && (object["services"] != nil || object["servicesEncrypted"] != nil) { return (.twoFAS, json) }
            if object["kdfParams"] != nil && object["encryptedData"] != nil { return (.ente, json) }
            if object["tokens"] != nil { return (.freeOTPPlus, json) }
            if object["items"] != nil { return (.bitwarden, json) }
            if object["version"] != nil && (object["entries"] != nil || (object["salt"] != nil && object["content"] != nil)) {
                return (.proton, json)
            }
            return (try fail(), nil)
        }
        return (try detectText(bytes), nil)
    }

    /// The format of content that is not JSON.
    private static func detectText(_ bytes: [UInt8]) throws(InteropError) -> ImportFormat {
        if let text = String(validating: bytes, as: UTF8.self) {
            // The first 1,000 lines decide (enough to spot Ente's codeDisplay).
            let head = text.utf8.split(separator: 0x0A, maxSplits: 1_000, omittingEmptySubsequences: false).prefix(1_000)
            let lines = head.map { String(decoding: $0, as: UTF8.self).trimming(" \t\r\u{FEFF}") }
                .filter { !$0.isEmpty }.map { (number: 0, text: OtpauthList.unquoted($0)) }
            guard let first = lines.first?.text.lowercased() else { return try fail() }
            if first.hasPrefix("otpauth-migration://") { return .google }
            if first.hasPrefix("otpauth://") {
                let ente = lines.contains { OtpauthEntries.parameters(in: $0.text)["codedisplay"] != nil }
                return ente ? .ente : .otpauth
            }
            if first.contains("login_totp") { return .bitwarden }
            return try fail()
        }
        // Ciphertext: andOTP's encrypted backups have no header at all.
        if bytes.count >= AndOTP.ivLength + AndOTP.tagLength { return .andOTP }
        return try fail()
    }

    /// Whether `bytes` are UTF-8 text that starts (after whitespace) with `[` or `{`.
    private static func looksLikeJSON(_ bytes: [UInt8]) -> Bool {
        guard String(validating: bytes, as: UTF8.self) != nil else { return false }
        let first = bytes.first { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }
        return first == UInt8(ascii: "[") || first == UInt8(ascii: "{")
    }

    private static func fail() throws(InteropError) -> ImportFormat {
        throw .unrecognizedFormat
    }

    private static func text(_ bytes: [UInt8]) throws(InteropError) -> String {
        guard let text = String(validating: bytes, as: UTF8.self) else { throw .damaged(reason: "the file is not UTF-8 text") }
        return text
    }

}
