/// The little of the protobuf wire format (protobuf.dev, "Encoding") that
/// Google Authenticator's `MigrationPayload` needs: varints and length-delimited fields,
/// read with every length checked against what remains, and written canonically.
struct ProtobufReader {
    /// A field's value as read from the wire.
    enum Value {
        case varint(UInt64)
        case bytes(ArraySlice<UInt8>)
        case fixed64
        case fixed32
    }

    /// Why the bytes are not a protobuf message.
    struct Failure: Error {
        let reason: String
    }

    private let bytes: ArraySlice<UInt8>
    private var position: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        self.position = bytes.startIndex
    }

    /// The next field (number and value), or `nil` at the end of the message.
    mutating func next() throws(Failure) -> (field: UInt64, value: Value)? {
        guard position < bytes.endIndex else { return nil }
        let key = try readVarint()
        let field = key >> 3
        guard field >= 1, field <= 536_870_911 else { throw Failure(reason: "invalid field number") }
        switch key & 7 {
        case 0:
            return (field, .varint(try readVarint()))
        case 1:
            try skip(8)
            return (field, .fixed64)
        case 2:
            let length = try readVarint()
            guard length <= UInt64(bytes.endIndex - position) else { throw Failure(reason: "a field is longer than the data") }
            let start = position
            position += Int(length)
            return (field, .bytes(bytes[start..<position]))
        case 5:
            try skip(4)
            return (field, .fixed32)
        default:
            throw Failure(reason: "unsupported wire type \(key & 7)")
        }
    }

    private mutating func skip(_ count: Int) throws(Failure) {
        guard bytes.endIndex - position >= count else { throw Failure(reason: "truncated field") }
        position += count
    }

    private mutating func readVarint() throws(Failure) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < bytes.endIndex else { throw Failure(reason: "truncated varint") }
            let byte = bytes[position]
            position += 1
            if shift == 63 && byte > 1 { throw Failure(reason: "varint longer than 64 bits") }
            value |= UInt64(byte & 0x7f) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
            guard shift <= 63 else { throw Failure(reason: "varint longer than 10 bytes") }
        }
    }
}

/// Writes protobuf fields canonically (fields in the order written, varints minimal).
struct ProtobufWriter {
    private(set) var bytes: [UInt8] = []

    /// A varint field; `int32`/`int64` negatives are written as 10-byte two's complement.
    mutating func varint(_ field: UInt64, _ value: UInt64) {
        writeVarint(field << 3)
        writeVarint(value)
    }

    /// A length-delimited field.
    mutating func lengthDelimited<Bytes: Collection>(_ field: UInt64, _ value: Bytes) where Bytes.Element == UInt8 {
        writeVarint(field << 3 | 2)
        writeVarint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    private mutating func writeVarint(_ value: UInt64) {
        var remaining = value
        while remaining >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: remaining) | 0x80)
            remaining >>= 7
        }
        bytes.append(UInt8(remaining))
    }
}
