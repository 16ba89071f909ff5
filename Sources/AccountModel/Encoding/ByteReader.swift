import SodiumBridge
import Foundation

/// Reads big-endian, length-prefixed fields from a buffer, checking every length against
/// what is left before touching a byte: the one reader of the local vault file and of
/// backups.
///
/// Running past the end, a flag other than 0 or 1 and invalid UTF-8 are
/// ``ByteCodingFailure/malformed(_:)``; a length over a format limit is
/// ``ByteCodingFailure/tooLarge(field:limit:)``. Offsets are absolute positions in the
/// buffer, so a nested reader for a record reports positions in the whole buffer. `what`
/// arguments name the field in the failure's reason (never its value).
///
/// Generic code is specialised only inside this module (a `package` declaration's body is not
/// inlined into another module), so a format in another module that reads many records
/// (`BackupFormat`) reads them with ``RecordCodingFailure`` and ``RecordCoding``'s concrete
/// entry points, instead of generic code that looks up type metadata on every call (a third
/// of the time of opening a big backup, before).
package struct ByteReader<Failure: ByteCodingFailure> {
    private let buffer: UnsafeRawBufferPointer
    /// The position of the next byte to read.
    private var position: Int
    private let end: Int
    /// What the buffer holds, for reasons (e.g. `the vault`).
    private let container: String

    /// A reader of the whole of `buffer`, which must stay valid while the reader is used;
    /// `container` names what it holds in failure reasons.
    package init(_ buffer: UnsafeRawBufferPointer, container: String = "the data") {
        self.buffer = buffer
        self.position = 0
        self.end = buffer.count
        self.container = container
    }

    init(buffer: UnsafeRawBufferPointer, offset: Int, end: Int, container: String) {
        self.buffer = buffer
        self.position = offset
        self.end = end
        self.container = container
    }

    /// The position of the next byte to read.
    package var offset: Int { position }

    /// The number of bytes not read yet.
    package var remaining: Int { end - offset }

    /// Whether every byte has been read.
    package var isAtEnd: Bool { offset == end }

    /// A reader of the next `count` bytes, which this reader skips.
    package mutating func nested(count: Int, _ what: String = "a record") throws(Failure) -> ByteReader {
        try check(count, what)
        let reader = ByteReader(buffer: buffer, offset: offset, end: offset + count, container: container)
        position += count
        return reader
    }

    /// Skips `count` bytes.
    package mutating func skip(_ count: Int, _ what: String = "a field") throws(Failure) {
        try check(count, what)
        position += count
    }

    /// The next `count` bytes, as a view into the buffer (valid as long as the buffer).
    package mutating func readBytes(_ count: Int, _ what: String = "a field") throws(Failure) -> UnsafeRawBufferPointer {
        try check(count, what)
        let slice = UnsafeRawBufferPointer(rebasing: buffer[offset..<(offset + count)])
        position += count
        return slice
    }

    /// The next `count` bytes, copied into an array (for non-secret values).
    package mutating func readArray(_ count: Int, _ what: String = "a field") throws(Failure) -> [UInt8] {
        Array(try readBytes(count, what))
    }

    /// `u8`.
    package mutating func readUInt8(_ what: String = "a field") throws(Failure) -> UInt8 {
        try check(1, what)
        defer { position += 1 }
        return buffer[position]
    }

    /// `u16`, big-endian.
    package mutating func readUInt16(_ what: String = "a field") throws(Failure) -> UInt16 {
        try check(2, what)
        defer { position += 2 }
        return UInt16(bigEndian: buffer.loadUnaligned(fromByteOffset: position, as: UInt16.self))
    }

    /// `u32`, big-endian.
    package mutating func readUInt32(_ what: String = "a field") throws(Failure) -> UInt32 {
        try check(4, what)
        defer { position += 4 }
        return UInt32(bigEndian: buffer.loadUnaligned(fromByteOffset: position, as: UInt32.self))
    }

    /// `u64`, big-endian.
    package mutating func readUInt64(_ what: String = "a field") throws(Failure) -> UInt64 {
        try check(8, what)
        defer { position += 8 }
        return UInt64(bigEndian: buffer.loadUnaligned(fromByteOffset: position, as: UInt64.self))
    }

    /// `i64`, big-endian, two's complement.
    package mutating func readInt64(_ what: String = "a field") throws(Failure) -> Int64 {
        Int64(bitPattern: try readUInt64(what))
    }

    /// `bool`: exactly `0x00` or `0x01`.
    package mutating func readBool(_ what: String = "a flag") throws(Failure) -> Bool {
        switch try readUInt8(what) {
        case 0: return false
        case 1: return true
        case let other: throw .malformed("\(what) has flag value \(other)")
        }
    }

    /// `opt<u64>`: a flag, then a `u64` when it is set.
    package mutating func readOptionalUInt64(_ what: String) throws(Failure) -> UInt64? {
        try readBool(what) ? try readUInt64(what) : nil
    }

    /// `date64`: the bit pattern of a binary64 number of seconds since 2001-01-01T00:00:00Z
    /// (Foundation's reference date, so dates come back exactly as they were written). A NaN
    /// or an infinity is malformed: no writer writes one, and such a `Date` is unequal to
    /// itself and traps when printed.
    package mutating func readDate64(_ what: String) throws(Failure) -> Date {
        let seconds = Double(bitPattern: try readUInt64(what))
        guard seconds.isFinite else { throw .malformed("\(what) is not a finite time") }
        return Date(timeIntervalSinceReferenceDate: seconds)
    }

    /// `text`: a `u16` length, then that many bytes of valid UTF-8, at most `limit` bytes.
    package mutating func readText(field: String, limit: Int) throws(Failure) -> String {
        let length = Int(try readUInt16(field))
        guard length <= limit else { throw .tooLarge(field: field, limit: limit) }
        return try Self.decodeUTF8(try readBytes(length, field), field)
    }

    /// `opt<text>`: a presence flag, then a text as in ``readText(field:limit:)``.
    package mutating func readOptionalText(field: String, limit: Int) throws(Failure) -> String? {
        try readBool(field) ? try readText(field: field, limit: limit) : nil
    }

    /// A `u32` count of items that each take at least `minimumItemSize` bytes, checked
    /// against what is left so that no count can make the reader reserve memory for nothing.
    package mutating func readCount(_ what: String, minimumItemSize: Int) throws(Failure) -> Int {
        let count = Int(try readUInt32(what))
        guard count <= remaining / max(1, minimumItemSize) else {
            throw .malformed("\(what) (\(count)) is more than \(container) can hold")
        }
        return count
    }

    /// Throws unless every byte was read.
    package func expectEnd() throws(Failure) {
        guard remaining == 0 else { throw .malformed("\(remaining) unexpected bytes after \(container)") }
    }

    /// The text in `bytes`, which must be valid UTF-8 (no repair: invalid input is damage).
    /// Validated once, by ``UTF8Validation`` (eight ASCII bytes at a time, then a strict
    /// check of each multi-byte sequence), and then turned into a `String` without a second
    /// check of our own (texts of up to 15 bytes need no allocation).
    package static func decodeUTF8(_ bytes: UnsafeRawBufferPointer, _ what: String = "a text") throws(Failure) -> String {
        guard UTF8Validation.isValid(bytes) else { throw .malformed("\(what) is not valid UTF-8") }
        // Valid, so `String(decoding:)` repairs nothing: the same text as the bytes.
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: Versions 1 and 2 of the local vault file

    /// `str32`: a `u32` length, then valid UTF-8 (versions 1 and 2 of the local vault file).
    package mutating func readString32(_ what: String) throws(Failure) -> String {
        try Self.decodeUTF8(try readBytes32(what), what)
    }

    /// `opt<str32>`.
    package mutating func readOptionalString32(_ what: String) throws(Failure) -> String? {
        try readBool(what) ? try readString32(what) : nil
    }

    /// `bytes32`: a `u32` length, then that many bytes.
    package mutating func readBytes32(_ what: String) throws(Failure) -> UnsafeRawBufferPointer {
        let length = Int(try readUInt32(what))
        return try readBytes(length, what)
    }

    /// `bytes32`, copied straight into secure memory.
    package mutating func readSecret32(_ what: String) throws(Failure) -> SecureBytes {
        let bytes = try readBytes32(what)
        return SecureBytes(count: bytes.count) { destination in destination.copyMemory(from: bytes) }
    }

    /// Throws unless `count` more bytes can be read.
    func check(_ count: Int, _ what: String) throws(Failure) {
        guard count >= 0, count <= remaining else { throw .malformed("\(what) runs past the end of \(container)") }
    }
}
