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
        var output = ""
        write(to: &output)
        return output
    }

    /// Appends the object to `output`, on one line: one growing string, no intermediate
    /// strings per member (a `list --json` of thousands of accounts).
    func write(to output: inout String) {
        output.append("{")
        for (position, member) in members.enumerated() {
            if position > 0 { output.append(",") }
            Self.writeQuoted(member.key, to: &output)
            output.append(":")
            Self.write(member.value, to: &output)
        }
        output.append("}")
    }

    fileprivate static func render(_ value: Value) -> String {
        var output = ""
        write(value, to: &output)
        return output
    }

    private static func write(_ value: Value, to output: inout String) {
        switch value {
        case let .string(text): writeQuoted(text, to: &output)
        case let .integer(digits): output.append(digits)
        case let .bool(flag): output.append(flag ? "true" : "false")
        case let .array(values):
            output.append("[")
            for (position, element) in values.enumerated() {
                if position > 0 { output.append(",") }
                write(element, to: &output)
            }
            output.append("]")
        case let .object(object): object.write(to: &output)
        case .null: output.append("null")
        }
    }

    /// A JSON string literal (RFC 8259 section 7): quote, backslash and control characters
    /// escaped, everything else as UTF-8. Text without any of them (nearly all) is copied
    /// whole.
    private static func writeQuoted(_ text: String, to output: inout String) {
        output.append("\"")
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            output.append(text)
            output.append("\"")
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        output.append("\"")
    }
}
