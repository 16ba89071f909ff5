/// Reads the big-endian, length-prefixed fields of the format from a buffer, checking every
/// length against what is left before touching a byte.
///
/// Running past the end is ``BackupFormatError/damaged`` (a truncated or malformed
/// structure); a length over a format limit is ``BackupFormatError/tooLarge(field:limit:)``.
/// Offsets are absolute positions in the buffer, so a nested reader for a record reports
/// positions in the whole buffer.
struct ByteReader {
    private let buffer: UnsafeRawBufferPointer
    /// The position of the next byte to read.
    private(set) var offset: Int
    private let end: Int

    /// A reader of the whole of `buffer`.
    init(_ buffer: UnsafeRawBufferPointer) {
        self.buffer = buffer
        self.offset = 0
        self.end = buffer.count
    }

    private init(buffer: UnsafeRawBufferPointer, offset: Int, end: Int) {
        self.buffer = buffer
        self.offset = offset
        self.end = end
    }

    /// The number of bytes not read yet.
    var remaining: Int { end - offset }

    /// Whether every byte has been read.
    var isAtEnd: Bool { offset == end }

    /// A reader of the next `count` bytes, which this reader skips.
    mutating func nested(count: Int) throws(BackupFormatError) -> ByteReader {
        guard count >= 0, count <= remaining else { throw .damaged }
        let reader = ByteReader(buffer: buffer, offset: offset, end: offset + count)
        offset += count
        return reader
    }

    /// Skips `count` bytes.
    mutating func skip(_ count: Int) throws(BackupFormatError) {
        guard count >= 0, count <= remaining else { throw .damaged }
        offset += count
    }

    /// The next `count` bytes, as a view into the buffer (valid as long as the buffer).
    mutating func readBytes(_ count: Int) throws(BackupFormatError) -> UnsafeRawBufferPointer {
        guard count >= 0, count <= remaining else { throw .damaged }
        let slice = UnsafeRawBufferPointer(rebasing: buffer[offset..<(offset + count)])
        offset += count
        return slice
    }

    /// The next `count` bytes, copied into an array (for non-secret values).
    mutating func readArray(_ count: Int) throws(BackupFormatError) -> [UInt8] {
        Array(try readBytes(count))
    }

    /// One byte.
    mutating func readUInt8() throws(BackupFormatError) -> UInt8 {
        guard remaining >= 1 else { throw .damaged }
        defer { offset += 1 }
        return buffer[offset]
    }

    /// Two big-endian bytes.
    mutating func readUInt16() throws(BackupFormatError) -> UInt16 {
        guard remaining >= 2 else { throw .damaged }
        defer { offset += 2 }
        return UInt16(buffer[offset]) << 8 | UInt16(buffer[offset + 1])
    }

    /// Four big-endian bytes.
    mutating func readUInt32() throws(BackupFormatError) -> UInt32 {
        guard remaining >= 4 else { throw .damaged }
        var value: UInt32 = 0
        for index in offset..<(offset + 4) { value = value << 8 | UInt32(buffer[index]) }
        offset += 4
        return value
    }

    /// Eight big-endian bytes.
    mutating func readUInt64() throws(BackupFormatError) -> UInt64 {
        guard remaining >= 8 else { throw .damaged }
        var value: UInt64 = 0
        for index in offset..<(offset + 8) { value = value << 8 | UInt64(buffer[index]) }
        offset += 8
        return value
    }

    /// Eight big-endian bytes, two's complement.
    mutating func readInt64() throws(BackupFormatError) -> Int64 {
        Int64(bitPattern: try readUInt64())
    }

    /// A byte that must be 0 (`false`) or 1 (`true`); anything else is damage.
    mutating func readBool() throws(BackupFormatError) -> Bool {
        switch try readUInt8() {
        case 0: return false
        case 1: return true
        default: throw .damaged
        }
    }

    /// A `u16` length and that many bytes of valid UTF-8, at most `limit` bytes.
    mutating func readText(field: String, limit: Int) throws(BackupFormatError) -> String {
        let length = Int(try readUInt16())
        guard length <= limit else { throw .tooLarge(field: field, limit: limit) }
        return try Self.decodeUTF8(try readBytes(length))
    }

    /// A presence byte (0 or 1) and, when present, a text as in ``readText(field:limit:)``.
    mutating func readOptionalText(field: String, limit: Int) throws(BackupFormatError) -> String? {
        try readBool() ? try readText(field: field, limit: limit) : nil
    }

    /// The text in `bytes`, which must be valid UTF-8 (no repair: invalid input is damage).
    static func decodeUTF8(_ bytes: UnsafeRawBufferPointer) throws(BackupFormatError) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        // `String(decoding:)` repairs invalid sequences; a repair changes the bytes.
        guard text.utf8.elementsEqual(bytes) else { throw .damaged }
        return text
    }
}
