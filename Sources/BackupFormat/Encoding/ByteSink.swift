/// Where the encoders write: ``ByteCounter`` measures, ``ByteWriter`` writes. Encoding runs
/// twice — once to measure, once into a buffer reserved to the exact size — so the buffer
/// that holds plaintext secrets never reallocates and leaves no stray copy behind.
///
/// Integers are big-endian, as everywhere in the format.
protocol ByteSink {
    /// The number of bytes appended so far.
    var count: Int { get }
    /// Appends one byte.
    mutating func append(_ byte: UInt8)
    /// Appends the bytes of `buffer`.
    mutating func append(contentsOf buffer: UnsafeRawBufferPointer)
    /// Replaces the 4 bytes at `position` with `value`, big-endian (to fill in a length
    /// once the structure it measures has been written).
    mutating func overwrite(uint32 value: UInt32, at position: Int)
}

extension ByteSink {
    /// Appends `value` as 2 big-endian bytes.
    mutating func append(uint16 value: UInt16) {
        append(UInt8(truncatingIfNeeded: value >> 8))
        append(UInt8(truncatingIfNeeded: value))
    }

    /// Appends `value` as 4 big-endian bytes.
    mutating func append(uint32 value: UInt32) {
        withUnsafeBytes(of: value.bigEndian) { append(contentsOf: $0) }
    }

    /// Appends `value` as 8 big-endian bytes.
    mutating func append(uint64 value: UInt64) {
        withUnsafeBytes(of: value.bigEndian) { append(contentsOf: $0) }
    }

    /// Appends `value` as 8 big-endian bytes, two's complement.
    mutating func append(int64 value: Int64) {
        append(uint64: UInt64(bitPattern: value))
    }

    /// Appends the bytes of an array.
    mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append(contentsOf: $0) }
    }

    /// Appends a `u16` length and the UTF-8 bytes of `text`, refusing text longer than
    /// `limit` bytes with ``BackupFormatError/tooLarge(field:limit:)``.
    mutating func append(text: String, field: String, limit: Int) throws(BackupFormatError) {
        let length = text.utf8.count
        guard length <= limit else { throw .tooLarge(field: field, limit: limit) }
        append(uint16: UInt16(length))
        let written: Void? = text.utf8.withContiguousStorageIfAvailable { append(contentsOf: UnsafeRawBufferPointer($0)) }
        if written == nil { append(Array(text.utf8)) }
    }

    /// Appends an optional text: a presence byte (0 or 1), then the text when present.
    mutating func append(optionalText text: String?, field: String, limit: Int) throws(BackupFormatError) {
        guard let text else {
            append(0)
            return
        }
        append(1)
        try append(text: text, field: field, limit: limit)
    }

    /// Appends a `u32` length, then what `body` writes, then fills the length in; refuses a
    /// body longer than `limit` bytes with ``BackupFormatError/tooLarge(field:limit:)``.
    mutating func appendLengthPrefixed(
        field: String, limit: Int, _ body: (inout Self) throws(BackupFormatError) -> Void
    ) throws(BackupFormatError) {
        let lengthPosition = count
        append(uint32: 0)
        try body(&self)
        let length = count - lengthPosition - 4
        guard length <= limit else { throw .tooLarge(field: field, limit: limit) }
        overwrite(uint32: UInt32(length), at: lengthPosition)
    }

    /// Appends a boolean as one byte, 0 or 1.
    mutating func append(bool value: Bool) {
        append(value ? 1 : 0)
    }
}

/// A sink that only counts, to size a buffer before writing into it.
struct ByteCounter: ByteSink {
    /// The number of bytes appended so far.
    private(set) var count = 0

    mutating func append(_ byte: UInt8) { count += 1 }
    mutating func append(contentsOf buffer: UnsafeRawBufferPointer) { count += buffer.count }
    mutating func overwrite(uint32 value: UInt32, at position: Int) {}
}

/// A sink that appends to an array reserved up front.
struct ByteWriter: ByteSink {
    /// The bytes written so far.
    private(set) var bytes: [UInt8]

    /// An empty writer whose buffer already holds `capacity` bytes of room.
    init(capacity: Int) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    mutating func append(_ byte: UInt8) { bytes.append(byte) }
    mutating func append(contentsOf buffer: UnsafeRawBufferPointer) { bytes.append(contentsOf: buffer) }

    var count: Int { bytes.count }

    mutating func overwrite(uint32 value: UInt32, at position: Int) {
        bytes[position] = UInt8(truncatingIfNeeded: value >> 24)
        bytes[position + 1] = UInt8(truncatingIfNeeded: value >> 16)
        bytes[position + 2] = UInt8(truncatingIfNeeded: value >> 8)
        bytes[position + 3] = UInt8(truncatingIfNeeded: value)
    }

    /// Hands the bytes over, leaving the writer empty.
    mutating func takeBytes() -> [UInt8] {
        defer { bytes = [] }
        return bytes
    }
}
