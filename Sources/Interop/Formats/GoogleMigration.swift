import SodiumBridge
import OTP

/// Google Authenticator's account transfer: `otpauth-migration://offline?data=<Base64>`, the
/// data a protobuf `MigrationPayload` (the schema several open-source apps publish as
/// `google_auth.proto`):
///
/// ```
/// MigrationPayload { repeated OtpParameters otp_parameters = 1; int32 version = 2;
///                    int32 batch_size = 3; int32 batch_index = 4; int32 batch_id = 5; }
/// OtpParameters { bytes secret = 1; string name = 2; string issuer = 3; Algorithm algorithm = 4;
///                 DigitCount digits = 5; OtpType type = 6; int64 counter = 7; }
/// Algorithm: 0 unspecified (SHA-1), 1 SHA1, 2 SHA256, 3 SHA512, 4 MD5
/// DigitCount: 0 unspecified (6), 1 six, 2 eight; OtpType: 0 unspecified (TOTP), 1 HOTP, 2 TOTP
/// ```
///
/// TOTP always has a 30-second period. One export spans several QR codes (batches) that
/// share `batch_id`; each has its `batch_index` of `batch_size`.
enum GoogleMigration {
    /// Accounts per QR code, as Google Authenticator (and Aegis's Google-style export) writes them.
    static let accountsPerBatch = 10

    /// The failure reason that stands for "more entries than the limit".
    private static let overBudget = "more entries than the limit"

    private struct Batch {
        var parameters: [ArraySlice<UInt8>] = []
        var version: UInt64 = 0
        var size: UInt64 = 0
        var index: UInt64 = 0
        var id: UInt64 = 0
    }

    static func read(_ text: String, limits: InteropLimits) throws(InteropError) -> ForeignVault {
        guard let lines = OtpauthEntries.lines(text, maximum: limits.maximumEntries) else {
            throw .tooManyEntries(count: limits.maximumEntries + 1, limit: limits.maximumEntries)
        }
        guard !lines.isEmpty else { throw .damaged(reason: "there is no otpauth-migration:// line") }
        var batches: [Batch] = []
        var total = 0
        for line in lines {
            let batch = try parse(line.text, lineNumber: line.number, budget: limits.maximumEntries - total, limits: limits)
            total += batch.parameters.count
            guard total <= limits.maximumEntries else { throw .tooManyEntries(count: total, limit: limits.maximumEntries) }
            batches.append(batch)
        }
        try checkBatches(batches)
        var entries: [ForeignEntry] = []
        for batch in batches {
            for parameters in batch.parameters {
                entries.append(entry(parameters, position: entries.count + 1))
            }
        }
        return ForeignVault(format: .google, entries: entries)
    }

    private static func parse(_ line: String, lineNumber: Int, budget: Int, limits: InteropLimits) throws(InteropError) -> Batch {
        let prefix = "otpauth-migration://offline?"
        guard line.lowercased().hasPrefix(prefix) else {
            throw .damaged(reason: "line \(lineNumber) is not an otpauth-migration://offline URI")
        }
        var data: String?
        for item in line.dropFirst(prefix.count).split(separator: "&") {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0] == "data" else { continue }
            guard data == nil else { throw .damaged(reason: "line \(lineNumber) has two data parameters") }
            // Percent-decoding only: a literal '+' is Base64's, not a space.
            guard let decoded = OtpauthEntries.percentDecode(parts[1].replacingPlus()) else {
                throw .damaged(reason: "line \(lineNumber) has a malformed percent escape")
            }
            data = decoded
        }
        guard let data else { throw .damaged(reason: "line \(lineNumber) has no data parameter") }
        guard let payload = Base64.decode(data) else { throw .damaged(reason: "line \(lineNumber)'s data is not Base64") }
        var batch = Batch()
        var reader = ProtobufReader(payload[...])
        do throws(ProtobufReader.Failure) {
            while let (field, value) = try reader.next() {
                switch (field, value) {
                case let (1, .bytes(bytes)):
                    guard batch.parameters.count < budget else { throw ProtobufReader.Failure(reason: Self.overBudget) }
                    batch.parameters.append(bytes)
                case let (2, .varint(number)): batch.version = number
                case let (3, .varint(number)): batch.size = number
                case let (4, .varint(number)): batch.index = number
                case let (5, .varint(number)): batch.id = number
                case (1...5, _): throw ProtobufReader.Failure(reason: "field \(field) has the wrong wire type")
                default: continue
                }
            }
        } catch {
            if error.reason == Self.overBudget { throw .tooManyEntries(count: limits.maximumEntries + 1, limit: limits.maximumEntries) }
            throw .damaged(reason: "line \(lineNumber)'s data is not a migration payload (\(error.reason))")
        }
        return batch
    }

    /// Batches of one export: same ID and size, each index once. Payloads without batch
    /// fields (size 0) are accepted as they come.
    private static func checkBatches(_ batches: [Batch]) throws(InteropError) {
        guard batches.count > 1 || batches.first.map({ $0.size > 1 }) == true else { return }
        guard let first = batches.first else { return }
        for batch in batches {
            guard batch.id == first.id, batch.size == first.size else {
                throw .damaged(reason: "the lines come from different exports (batch IDs or sizes differ)")
            }
        }
        let indices = batches.map(\.index)
        guard Set(indices).count == indices.count else { throw .damaged(reason: "a batch appears twice") }
        guard UInt64(batches.count) == first.size else {
            throw .damaged(reason: "the export has \(first.size) batches (QR codes), \(batches.count) given")
        }
    }

    private static func entry(_ bytes: ArraySlice<UInt8>, position: Int) -> ForeignEntry {
        var secret: [UInt8] = []
        defer { ConstantTime.zero(&secret) }
        var name = "", issuer = ""
        var algorithm: UInt64 = 0, digits: UInt64 = 0, type: UInt64 = 0, counter: UInt64 = 0
        var reader = ProtobufReader(bytes)
        var failure: String?
        do throws(ProtobufReader.Failure) {
            while let (field, value) = try reader.next() {
                switch (field, value) {
                case let (1, .bytes(data)): secret = Array(data)
                case let (2, .bytes(data)): name = String(validating: data, as: UTF8.self) ?? String(decoding: data, as: UTF8.self)
                case let (3, .bytes(data)): issuer = String(validating: data, as: UTF8.self) ?? String(decoding: data, as: UTF8.self)
                case let (4, .varint(number)): algorithm = number
                case let (5, .varint(number)): digits = number
                case let (6, .varint(number)): type = number
                case let (7, .varint(number)): counter = number
                case (1...7, _): failure = "field \(field) has the wrong wire type"
                default: continue
                }
            }
        } catch {
            failure = error.reason
        }
        // "Issuer:account" names with no issuer field, as older exports wrote them (and as
        // Aegis reads them: split at the first colon, nothing trimmed).
        if issuer.isEmpty, let colon = name.firstIndex(of: ":") {
            issuer = String(name[..<colon])
            name = String(name[name.index(after: colon)...])
        }
        let account = name
        let issuerName = issuer
        let secretBytes = SecureBytes(copying: secret)
        return Tokens.entry(position: position, issuer: issuerName, account: account) { () throws(EntryFailure) -> Token in
            if let failure { throw EntryFailure(.invalidField("otp_parameters: \(failure)")) }
            let algorithmName: String
            switch algorithm {
            case 0, 1: algorithmName = "SHA1"
            case 2: algorithmName = "SHA256"
            case 3: algorithmName = "SHA512"
            case 4: throw EntryFailure(.unsupportedAlgorithm("MD5"))
            default: throw EntryFailure(.unsupportedAlgorithm("algorithm \(algorithm)"))
            }
            let digitCount: Int
            switch digits {
            case 0, 1: digitCount = 6
            case 2: digitCount = 8
            default: throw EntryFailure(.invalidField("digits (\(digits))"))
            }
            let kind: OTPKind
            switch type {
            case 0, 2: kind = .totp(period: 30)
            case 1: kind = .hotp(counter: counter)
            default: throw EntryFailure(.unsupportedType("type \(type)"))
            }
            return try Tokens.token(issuer: issuerName, account: account, secret: secretBytes, algorithm: algorithmName, digits: digitCount, kind: kind)
        }
    }

    // MARK: Writing

    static func write(_ tokens: [Token], random: some RandomSource) throws(InteropError) -> [UInt8] {
        var parameters: [[UInt8]] = []
        for (index, token) in tokens.enumerated() {
            parameters.append(try otpParameters(token, position: index + 1))
        }
        let batchCount = max(1, (parameters.count + accountsPerBatch - 1) / accountsPerBatch)
        // A positive 31-bit ID, as int32 fields read back the same in every implementation.
        let batchID = UInt64(random.uniform(below: UInt32(Int32.max)) + 1)
        var text = ""
        for batchIndex in 0..<batchCount {
            var payload = ProtobufWriter()
            let start = batchIndex * accountsPerBatch
            for item in parameters[start..<min(parameters.count, start + accountsPerBatch)] {
                payload.lengthDelimited(1, item)
            }
            payload.varint(2, 1)
            payload.varint(3, UInt64(batchCount))
            payload.varint(4, UInt64(batchIndex))
            payload.varint(5, batchID)
            text += "otpauth-migration://offline?data=" + percentEncodeBase64(Base64.encode(payload.bytes)) + "\n"
        }
        for index in parameters.indices { ConstantTime.zero(&parameters[index]) }
        return Array(text.utf8)
    }

    private static func otpParameters(_ token: Token, position: Int) throws(InteropError) -> [UInt8] {
        let generator = token.generator
        guard generator.format != .steam else { throw .unrepresentable(position: position, reason: "Google Authenticator has no Steam codes") }
        let digits: UInt64
        switch generator.digits {
        case 6: digits = 1
        case 8: digits = 2
        default: throw .unrepresentable(position: position, reason: "Google Authenticator codes have 6 or 8 digits, not \(generator.digits)")
        }
        let type: UInt64
        var counter: UInt64 = 0
        switch generator.factor {
        case let .timer(period, t0):
            guard period == 30, t0 == 0 else {
                throw .unrepresentable(position: position, reason: "Google Authenticator uses a 30-second period from T0 = 0")
            }
            type = 2
        case let .counter(value):
            guard value <= UInt64(Int64.max) else { throw .unrepresentable(position: position, reason: "the counter passes 2^63 - 1") }
            type = 1
            counter = value
        }
        let algorithm: UInt64
        switch generator.algorithm {
        case .sha1: algorithm = 1
        case .sha256: algorithm = 2
        case .sha512: algorithm = 3
        }
        var writer = ProtobufWriter()
        writer.lengthDelimited(1, generator.secret.copyBytes())
        // With no issuer, readers split a name at its first colon: an empty prefix keeps it whole.
        let name = token.issuer.isEmpty && token.account.contains(":") ? ":" + token.account : token.account
        writer.lengthDelimited(2, Array(name.utf8))
        writer.lengthDelimited(3, Array(token.issuer.utf8))
        writer.varint(4, algorithm)
        writer.varint(5, digits)
        writer.varint(6, type)
        if type == 1 { writer.varint(7, counter) }
        return writer.bytes
    }

    /// Base64 with `+`, `/` and `=` percent-encoded, as URLs carry it.
    private static func percentEncodeBase64(_ text: String) -> String {
        var output = ""
        for character in text {
            switch character {
            case "+": output += "%2B"
            case "/": output += "%2F"
            case "=": output += "%3D"
            default: output.append(character)
            }
        }
        return output
    }
}

extension Substring {
    /// The text with `+` percent-encoded, so that percent-decoding keeps it a `+`.
    fileprivate func replacingPlus() -> String {
        var output = ""
        for character in self { output += character == "+" ? "%2B" : String(character) }
        return output
    }
}
