import SodiumBridge
import OTP

/// A JSON value (RFC 8259), as the readers need it: object keys in file order, strings
/// exactly as written (no Unicode normalisation), numbers kept as their text so that no
/// integer is rounded through a `Double`.
enum JSON: Sendable {
    case null
    case bool(Bool)
    /// The number's text, validated against the JSON grammar.
    case number(String)
    case string(String)
    case array([JSON])
    case object(JSONObject)

    /// The string, when this is one.
    var string: String? {
        if case let .string(value) = self { return value }
        return nil
    }

    /// The Boolean, when this is one.
    var bool: Bool? {
        if case let .bool(value) = self { return value }
        return nil
    }

    /// The array, when this is one.
    var array: [JSON]? {
        if case let .array(value) = self { return value }
        return nil
    }

    /// The object, when this is one.
    var object: JSONObject? {
        if case let .object(value) = self { return value }
        return nil
    }

    /// Whether this is `null`.
    var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The number's text, when this is a number.
    var numberText: String? {
        if case let .number(text) = self { return text }
        return nil
    }

    /// The number as a whole `Int64`: an integer literal, or one with a fraction of zeros
    /// (`30.0`, as some writers print integers). `nil` for anything else.
    var int64: Int64? {
        guard case let .number(text) = self else { return nil }
        if let value = Int64(text) { return value }
        if let dot = text.firstIndex(of: "."), !text.contains("e"), !text.contains("E"),
           text[text.index(after: dot)...].allSatisfy({ $0 == "0" }) {
            return Int64(text[..<dot])
        }
        return nil
    }

    /// The number as a whole `Int`.
    var int: Int? { int64.flatMap { Int(exactly: $0) } }

    /// A short name of the value's JSON type, for messages.
    var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .number: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }
}

/// A JSON object: its members in file order, looked up by key. Duplicate keys are refused
/// by the parser, since readers would disagree on which one counts.
struct JSONObject: Sendable {
    /// The members, in file order.
    private(set) var members: [(key: String, value: JSON)] = []
    private var index: [String: Int] = [:]

    init() {}

    init(_ members: [(String, JSON)]) {
        for (key, value) in members { _ = insert(key, value) }
    }

    /// Adds a member; returns `false` (and adds nothing) when the key is already present.
    @discardableResult
    mutating func insert(_ key: String, _ value: JSON) -> Bool {
        guard index[key] == nil else { return false }
        index[key] = members.count
        members.append((key, value))
        return true
    }

    /// The value of `key`, or `nil` when absent.
    subscript(key: String) -> JSON? {
        index[key].map { members[$0].value }
    }

    /// The keys, in file order.
    var keys: [String] { members.map(\.key) }

    /// Whether `key` is present with a value other than `null`.
    func has(_ key: String) -> Bool {
        guard let value = self[key] else { return false }
        return !value.isNull
    }
}

/// A strict, bounded JSON parser: RFC 8259 grammar, UTF-8 input, nesting at most
/// ``maximumDepth`` deep, duplicate keys refused.
struct JSONParser {
    /// Deepest nesting of arrays and objects accepted (no export format nests deeper than 8).
    static let maximumDepth = 64

    /// Why the text is not acceptable JSON, with the byte offset.
    struct Failure: Error {
        let reason: String
        let offset: Int
    }

    /// Most values in one text by default: 100 for each of 50,000 entries.
    static let defaultMaximumValues = 5_000_000

    private let bytes: [UInt8]
    private var position = 0
    private var depth = 0
    private var valuesLeft: Int

    /// Parses one JSON text (surrounding whitespace allowed, a UTF-8 byte-order mark skipped),
    /// of at most `maximumValues` values, so that memory is bounded before it is used.
    static func parse(_ bytes: [UInt8], maximumValues: Int = defaultMaximumValues) throws(Failure) -> JSON {
        var parser = JSONParser(bytes: bytes, maximumValues: maximumValues)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { parser.position = 3 }
        parser.skipWhitespace()
        let value = try parser.parseValue()
        parser.skipWhitespace()
        guard parser.position == bytes.count else { throw parser.failure("text after the JSON value") }
        return value
    }

    /// Parses, turning a failure into ``InteropError/damaged(reason:)`` naming `what`.
    static func parse(_ bytes: [UInt8], what: String, limits: InteropLimits) throws(InteropError) -> JSON {
        do {
            return try parse(bytes, maximumValues: limits.maximumJSONValues)
        } catch {
            throw .damaged(reason: "\(what) is not valid JSON (\(error.reason) at byte \(error.offset))")
        }
    }

    /// Parses decrypted content, zeroing the working copy afterwards.
    static func parse(secure plain: SecureBytes, what: String, limits: InteropLimits) throws(InteropError) -> JSON {
        var bytes = plain.copyBytes()
        defer { ConstantTime.zero(&bytes) }
        return try parse(bytes, what: what, limits: limits)
    }

    private init(bytes: [UInt8], maximumValues: Int) {
        self.bytes = bytes
        self.valuesLeft = maximumValues
    }

    private func failure(_ reason: String) -> Failure {
        Failure(reason: reason, offset: position)
    }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    private mutating func parseValue() throws(Failure) -> JSON {
        guard position < bytes.count else { throw failure("unexpected end") }
        valuesLeft -= 1
        guard valuesLeft >= 0 else { throw failure("too many values") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw failure("unexpected character")
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(Failure) {
        let count = literal.utf8CodeUnitCount
        guard bytes.count - position >= count else { throw failure("unexpected end") }
        let matches = literal.withUTF8Buffer { expected in
            expected.elementsEqual(bytes[position..<position + count])
        }
        guard matches else { throw failure("unknown literal") }
        position += count
    }

    private mutating func enter() throws(Failure) {
        depth += 1
        guard depth <= Self.maximumDepth else { throw failure("nested deeper than \(Self.maximumDepth)") }
    }

    private mutating func parseObject() throws(Failure) -> JSON {
        try enter()
        defer { depth -= 1 }
        position += 1
        var object = JSONObject()
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
            return .object(object)
        }
        while true {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw failure("expected a key") }
            let keyStart = position
            let key = try parseString()
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw failure("expected ':'") }
            position += 1
            skipWhitespace()
            let value = try parseValue()
            guard object.insert(key, value) else { throw Failure(reason: "duplicate key", offset: keyStart) }
            skipWhitespace()
            guard position < bytes.count else { throw failure("unexpected end") }
            if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
            if bytes[position] == UInt8(ascii: "}") { position += 1; return .object(object) }
            throw failure("expected ',' or '}'")
        }
    }

    private mutating func parseArray() throws(Failure) -> JSON {
        try enter()
        defer { depth -= 1 }
        position += 1
        var elements: [JSON] = []
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue())
            skipWhitespace()
            guard position < bytes.count else { throw failure("unexpected end") }
            if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
            if bytes[position] == UInt8(ascii: "]") { position += 1; return .array(elements) }
            throw failure("expected ',' or ']'")
        }
    }

    private mutating func parseNumber() throws(Failure) -> JSON {
        let start = position
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard position < bytes.count, isDigit(bytes[position]) else { throw failure("malformed number") }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
        } else {
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard position < bytes.count, isDigit(bytes[position]) else { throw failure("malformed number") }
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        }
        if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            guard position < bytes.count, isDigit(bytes[position]) else { throw failure("malformed number") }
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        }
        return .number(String(decoding: bytes[start..<position], as: UTF8.self))
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private mutating func parseString() throws(Failure) -> String {
        let start = position
        position += 1
        // Fast path: a string without escapes is one slice of the input.
        var end = position
        while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\"), bytes[end] >= 0x20 { end += 1 }
        if end < bytes.count, bytes[end] == UInt8(ascii: "\"") {
            guard let text = String(validating: bytes[position..<end], as: UTF8.self) else {
                throw Failure(reason: "string is not UTF-8", offset: start)
            }
            position = end + 1
            return text
        }
        var output: [UInt8] = Array(bytes[position..<end])
        position = end
        while true {
            guard position < bytes.count else { throw failure("unterminated string") }
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                guard let text = String(validating: output, as: UTF8.self) else {
                    throw Failure(reason: "string is not UTF-8", offset: start)
                }
                return text
            case UInt8(ascii: "\\"):
                position += 1
                guard position < bytes.count else { throw failure("unterminated string") }
                let escape = bytes[position]
                position += 1
                switch escape {
                case UInt8(ascii: "\""): output.append(0x22)
                case UInt8(ascii: "\\"): output.append(0x5C)
                case UInt8(ascii: "/"): output.append(0x2F)
                case UInt8(ascii: "b"): output.append(0x08)
                case UInt8(ascii: "f"): output.append(0x0C)
                case UInt8(ascii: "n"): output.append(0x0A)
                case UInt8(ascii: "r"): output.append(0x0D)
                case UInt8(ascii: "t"): output.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try parseHex4()
                    if (0xD800...0xDBFF).contains(scalar) {
                        guard bytes.count - position >= 6, bytes[position] == UInt8(ascii: "\\"),
                              bytes[position + 1] == UInt8(ascii: "u") else { throw failure("lone surrogate") }
                        position += 2
                        let low = try parseHex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw failure("lone surrogate") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(scalar) {
                        throw failure("lone surrogate")
                    }
                    guard let unicode = Unicode.Scalar(scalar) else { throw failure("invalid escape") }
                    output.append(contentsOf: String(Character(unicode)).utf8)
                default:
                    throw failure("invalid escape")
                }
            default:
                guard byte >= 0x20 else { throw failure("control character in string") }
                output.append(byte)
                position += 1
            }
        }
    }

    private mutating func parseHex4() throws(Failure) -> UInt32 {
        guard bytes.count - position >= 4 else { throw failure("unexpected end") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw failure("invalid \\u escape")
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }
}

/// Writes JSON text: members in the order given, strings escaped minimally (quotes,
/// backslashes and control characters; everything else as UTF-8).
enum JSONWriter {
    /// The compact text of `value`.
    static func write(_ value: JSON) -> [UInt8] {
        var output: [UInt8] = []
        write(value, into: &output)
        return output
    }

    private static func write(_ value: JSON, into output: inout [UInt8]) {
        switch value {
        case .null: output.append(contentsOf: "null".utf8)
        case let .bool(flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case let .number(text): output.append(contentsOf: text.utf8)
        case let .string(text): writeString(text, into: &output)
        case let .array(elements):
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                write(element, into: &output)
            }
            output.append(UInt8(ascii: "]"))
        case let .object(object):
            output.append(UInt8(ascii: "{"))
            for (index, member) in object.members.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                writeString(member.key, into: &output)
                output.append(UInt8(ascii: ":"))
                write(member.value, into: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    private static func writeString(_ text: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): output.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: output.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: output.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: output.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case ..<0x20:
                output.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}

extension InteropLimits {
    /// Most JSON values in one file: 100 per entry allowed.
    var maximumJSONValues: Int {
        let (product, overflow) = maximumEntries.multipliedReportingOverflow(by: 100)
        return overflow ? Int.max : max(1_000, product)
    }
}

extension JSON {
    /// A number from an integer.
    static func integer<Value: BinaryInteger>(_ value: Value) -> JSON { .number(String(value)) }
}
