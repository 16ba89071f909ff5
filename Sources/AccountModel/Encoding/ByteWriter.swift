import SodiumBridge
import Foundation

/// Appends big-endian, length-prefixed fields: the one writer of the local vault file and of
/// backups (see ``ByteReader`` for the primitives).
///
/// Writing happens twice: once ``measuring()`` only, then into a buffer allocated at exactly
/// that size (``init(capacity:)``), so the buffer that holds plaintext secrets never
/// reallocates and never leaves a copy of a secret in memory it freed.
///
/// A format in another module writes its records through ``RecordCodingFailure``'s concrete
/// entry points, as it reads them (see ``ByteReader``).
package struct ByteWriter<Failure: ByteCodingFailure> {
    /// The number of bytes written (or that would have been, when measuring).
    package var count: Int { written }
    private var written = 0
    /// The bytes (empty when only measuring).
    private var storage: [UInt8]
    /// Whether this writer only counts.
    private let isMeasuring: Bool

    /// A writer that only counts.
    package static func measuring() -> ByteWriter {
        ByteWriter(storage: [], isMeasuring: true)
    }

    /// A writer into a buffer of `capacity` bytes, allocated (and zeroed) once: every field
    /// is copied into place, and only writing past `capacity` would grow it.
    package init(capacity: Int) {
        self.init(storage: [UInt8](repeating: 0, count: Swift.max(0, capacity)), isMeasuring: false)
    }

    private init(storage: [UInt8], isMeasuring: Bool) {
        self.storage = storage
        self.isMeasuring = isMeasuring
    }

    /// The bytes written so far (empty when measuring).
    package var bytes: [UInt8] {
        written >= storage.count ? storage : Array(storage[..<written])  // `[]` when measuring
    }

    /// Hands over the bytes written (empty when measuring), leaving no other reference to
    /// them, so the caller can zero the only copy.
    package mutating func takeBytes() -> [UInt8] {
        defer { storage = [] }
        // Shortening keeps the same allocation: nothing is copied.
        if storage.count > written { storage.removeLast(storage.count - written) }
        return storage
    }

    /// Calls `body` with the bytes written so far, to change them in place (to encrypt a
    /// part of them where it lies, say). Nothing is appended or moved meanwhile; empty when
    /// measuring.
    package mutating func withUnsafeMutableBytes<Result>(
        _ body: (UnsafeMutableRawBufferPointer) throws -> Result
    ) rethrows -> Result {
        let end = Swift.min(written, storage.count)  // 0 when measuring
        return try storage.withUnsafeMutableBytes { all in try body(UnsafeMutableRawBufferPointer(rebasing: all[..<end])) }
    }

    /// Appends one byte.
    package mutating func append(_ byte: UInt8) {
        if !isMeasuring {
            if written < storage.count { storage[written] = byte } else { storage.append(byte) }
        }
        written += 1
    }

    /// Appends the bytes of `buffer` (read in place: a secret is never copied elsewhere).
    package mutating func append(contentsOf buffer: UnsafeRawBufferPointer) {
        let count = buffer.count
        if !isMeasuring, count > 0, let source = buffer.baseAddress {
            let position = written
            if count <= storage.count - position {
                storage.withUnsafeMutableBytes { destination in
                    destination.baseAddress.map { ($0 + position).copyMemory(from: source, byteCount: count) }
                }
            } else {
                // Past the capacity (a writer that was not measured first): grow.
                if storage.count > position { storage.removeLast(storage.count - position) }
                storage.append(contentsOf: buffer)
            }
        }
        written += count
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
        // A native string's bytes are read where they are; any other is made contiguous.
        if text.utf8.withContiguousStorageIfAvailable({ append(contentsOf: UnsafeRawBufferPointer($0)) }) == nil {
            var contiguous = text
            contiguous.withUTF8 { append(contentsOf: UnsafeRawBufferPointer($0)) }
        }
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
        let lengthPosition = written
        append(uint32: 0)
        try body(&self)
        let length = written - lengthPosition - 4
        guard length <= limit else { throw .tooLarge(field: field, limit: limit) }
        overwrite(uint32: UInt32(length), at: lengthPosition)
    }

    /// Replaces the 4 bytes at `position` with `value`, big-endian (to fill in a length
    /// once the structure it measures has been written). Nothing when measuring.
    package mutating func overwrite(uint32 value: UInt32, at position: Int) {
        guard !isMeasuring, position >= 0, position + 4 <= written else { return }
        storage.withUnsafeMutableBytes { bytes in
            bytes.storeBytes(of: value.bigEndian, toByteOffset: position, as: UInt32.self)
        }
    }
}
