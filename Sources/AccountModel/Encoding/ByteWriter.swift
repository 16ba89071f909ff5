import SodiumBridge
import Foundation

/// Appends big-endian, length-prefixed fields: the one writer of the local vault file and of
/// backups (see ``ByteReader`` for the primitives).
///
/// Writing happens twice: once ``measuring()`` only, then into a buffer reserved at exactly
/// that size (``init(capacity:)``), so the buffer that holds plaintext secrets never
/// reallocates and never leaves a copy of a secret in memory it freed.
package struct ByteWriter<Failure: ByteCodingFailure> {
    /// The number of bytes written (or that would have been, when measuring).
    package private(set) var count = 0
    /// The bytes, or `nil` when only measuring.
    private var storage: [UInt8]?

    /// A writer that only counts.
    package static func measuring() -> ByteWriter {
        ByteWriter(storage: nil)
    }

    /// A writer into a buffer reserved for `capacity` bytes.
    package init(capacity: Int) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(capacity)
        self.init(storage: bytes)
    }

    private init(storage: [UInt8]?) {
        self.storage = storage
    }

    /// The bytes written so far (empty when measuring).
    package var bytes: [UInt8] { storage ?? [] }

    /// Hands over the bytes written (empty when measuring), leaving no other reference to
    /// them, so the caller can zero the only copy.
    package mutating func takeBytes() -> [UInt8] {
        defer { storage = storage == nil ? nil : [] }
        return storage ?? []
    }

    /// Appends one byte.
    package mutating func append(_ byte: UInt8) {
        count += 1
        storage?.append(byte)
    }

    /// Appends the bytes of `buffer` (read in place: a secret is never copied elsewhere).
    package mutating func append(contentsOf buffer: UnsafeRawBufferPointer) {
        count += buffer.count
        storage?.append(contentsOf: buffer)
    }

    /// Appends the bytes of an array.
    package mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append(contentsOf: $0) }
    }

    /// `u16`, big-endian.
    package mutating func append(uint16 value: UInt16) {
        withUnsafeBytes(of: value.bigEndian) { append(contentsOf: $0) }
    }

    /// `u32`, big-endian.
    package mutating func append(uint32 value: UInt32) {
        withUnsafeBytes(of: value.bigEndian) { append(contentsOf: $0) }
    }

    /// `u64`, big-endian.
    package mutating func append(uint64 value: UInt64) {
        withUnsafeBytes(of: value.bigEndian) { append(contentsOf: $0) }
    }

    /// `i64`, big-endian, two's complement.
    package mutating func append(int64 value: Int64) {
        append(uint64: UInt64(bitPattern: value))
    }

    /// `bool`: `0x00` or `0x01`.
    package mutating func append(bool value: Bool) {
        append(value ? 1 : 0)
    }

    /// `opt<u64>`: a flag, then the value when present.
    package mutating func append(optionalUInt64 value: UInt64?) {
        append(bool: value != nil)
        if let value { append(uint64: value) }
    }

    /// `date64`: the bit pattern of a binary64 number of seconds since 2001-01-01T00:00:00Z.
    /// Refuses a NaN or infinite time (the reader would refuse the file).
    package mutating func append(date64 date: Date) throws(Failure) {
        guard date.timeIntervalSinceReferenceDate.isFinite else { throw .malformed("a time is not finite") }
        append(uint64: date.timeIntervalSinceReferenceDate.bitPattern)
    }

    /// `text`: a `u16` length and the UTF-8 bytes of `text`, refusing text longer than
    /// `limit` bytes with ``ByteCodingFailure/tooLarge(field:limit:)``.
    package mutating func append(text: String, field: String, limit: Int) throws(Failure) {
        let length = text.utf8.count
        guard length <= min(limit, Int(UInt16.max)) else { throw .tooLarge(field: field, limit: limit) }
        append(uint16: UInt16(length))
        var contiguous = text
        contiguous.withUTF8 { append(contentsOf: UnsafeRawBufferPointer($0)) }
    }

    /// `opt<text>`: a presence flag, then the text when present.
    package mutating func append(optionalText text: String?, field: String, limit: Int) throws(Failure) {
        append(bool: text != nil)
        if let text { try append(text: text, field: field, limit: limit) }
    }

    /// Appends a `u32` length, then what `body` writes, then fills the length in; refuses a
    /// body longer than `limit` bytes with ``ByteCodingFailure/tooLarge(field:limit:)``.
    package mutating func appendLengthPrefixed(
        field: String, limit: Int, _ body: (inout ByteWriter) throws(Failure) -> Void
    ) throws(Failure) {
        let lengthPosition = count
        append(uint32: 0)
        try body(&self)
        let length = count - lengthPosition - 4
        guard length <= limit else { throw .tooLarge(field: field, limit: limit) }
        overwrite(uint32: UInt32(length), at: lengthPosition)
    }

    /// Replaces the 4 bytes at `position` with `value`, big-endian (to fill in a length
    /// once the structure it measures has been written). Nothing when measuring.
    package mutating func overwrite(uint32 value: UInt32, at position: Int) {
        guard storage != nil else { return }
        storage?[position] = UInt8(truncatingIfNeeded: value >> 24)
        storage?[position + 1] = UInt8(truncatingIfNeeded: value >> 16)
        storage?[position + 2] = UInt8(truncatingIfNeeded: value >> 8)
        storage?[position + 3] = UInt8(truncatingIfNeeded: value)
    }
}
