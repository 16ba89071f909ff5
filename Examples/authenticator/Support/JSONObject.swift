/// A JSON object written on one line with its keys in a fixed order, for output that
/// scripts compare as text. Integers are written exactly (64-bit counters do not pass
/// through floating point).
struct JSONObject: Sendable {
    /// A JSON value. Not `indirect`: arrays and objects already hold their elements out of
    /// line, so a value costs no box of its own.
    enum Value: Sendable {
        case string(String)
        case integer(String)
        case bool(Bool)
        case array([Value])
        case object(JSONObject)
        case null

        /// An integer value.
        static func number<Number: BinaryInteger>(_ value: Number) -> Value { .integer(String(value)) }

        /// A string, or `null` for `nil`.
        static func optional(_ text: String?) -> Value { text.map(Value.string) ?? .null }

        /// The value on one line.
        var text: String { JSONObject.render(self) }
    }

    /// The members, in output order.
    var members: [(key: String, value: Value)]

    /// The object on one line: `{"key":value,…}`.
    var text: String {
        var output: [UInt8] = []
        write(to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends the object's UTF-8 to `output`, on one line: one growing byte buffer, no
    /// intermediate strings (a `list --json` of thousands of accounts).
    func write(to output: inout [UInt8]) {
        output.append(UInt8(ascii: "{"))
        for (position, member) in members.enumerated() {
            if position > 0 { output.append(UInt8(ascii: ",")) }
            Self.writeQuoted(member.key, to: &output)
            output.append(UInt8(ascii: ":"))
            Self.write(member.value, to: &output)
        }
        output.append(UInt8(ascii: "}"))
    }

    fileprivate static func render(_ value: Value) -> String {
        var output: [UInt8] = []
        write(value, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends `value`'s UTF-8 to `output`.
    static func write(_ value: Value, to output: inout [UInt8]) {
        switch value {
        case let .string(text): writeQuoted(text, to: &output)
        case let .integer(digits): output.append(contentsOf: digits.utf8)
        case let .bool(flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case let .array(values):
            output.append(UInt8(ascii: "["))
            for (position, element) in values.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                write(element, to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case let .object(object): object.write(to: &output)
        case .null: output.append(contentsOf: "null".utf8)
        }
    }

    /// A JSON string literal (RFC 8259 section 7): quote, backslash and control characters
    /// escaped, everything else as UTF-8, byte for byte.
    private static func writeQuoted(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            for (index, byte) in bytes.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                switch byte {
                case UInt8(ascii: "\""): output.append(contentsOf: "\\\"".utf8)
                case UInt8(ascii: "\\"): output.append(contentsOf: "\\\\".utf8)
                case UInt8(ascii: "\n"): output.append(contentsOf: "\\n".utf8)
                case UInt8(ascii: "\r"): output.append(contentsOf: "\\r".utf8)
                case UInt8(ascii: "\t"): output.append(contentsOf: "\\t".utf8)
                default:
                    let hex = String(byte, radix: 16)
                    output.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
                }
                start = index + 1
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
        output.append(UInt8(ascii: "\""))
    }
}
