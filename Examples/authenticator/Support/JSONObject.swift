/// A JSON object written on one line with its keys in a fixed order, for output that
/// scripts compare as text. Integers are written exactly (64-bit counters do not pass
/// through floating point).
struct JSONObject: Sendable {
    /// A JSON value.
    indirect enum Value: Sendable {
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
        "{" + members.map { Self.quoted($0.key) + ":" + Self.render($0.value) }.joined(separator: ",") + "}"
    }

    fileprivate static func render(_ value: Value) -> String {
        switch value {
        case let .string(text): return quoted(text)
        case let .integer(digits): return digits
        case let .bool(flag): return flag ? "true" : "false"
        case let .array(values): return "[" + values.map(render).joined(separator: ",") + "]"
        case let .object(object): return object.text
        case .null: return "null"
        }
    }

    /// A JSON string literal (RFC 8259 section 7): quote, backslash and control characters
    /// escaped, everything else as UTF-8.
    private static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
