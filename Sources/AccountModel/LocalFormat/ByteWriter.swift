import SodiumBridge
import Foundation

/// Appends the primitive fields of the local vault format (see ``LocalVaultFormat``).
///
/// Writing happens twice: once measuring only, then into a buffer reserved at exactly that
/// size, so the buffer never grows and never leaves a copy of a secret in memory it freed.
struct ByteWriter {
    /// The number of bytes written (or that would have been, when measuring).
    private(set) var count = 0
    /// The bytes, or `nil` when only measuring.
    private(set) var bytes: [UInt8]?

    /// A writer that only counts.
    static func measuring() -> ByteWriter {
        ByteWriter(count: 0, bytes: nil)
    }

    /// A writer into a buffer of `capacity` bytes.
    static func collecting(capacity: Int) -> ByteWriter {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(capacity)
        return ByteWriter(count: 0, bytes: bytes)
    }

    /// Hands over the bytes written (empty when measuring), leaving no other reference to
    /// them, so the caller can zero the only copy.
    mutating func takeBytes() -> [UInt8] {
        defer { bytes = nil }
        return bytes ?? []
    }

    /// Appends raw bytes.
    mutating func append(_ raw: UnsafeRawBufferPointer) {
        count += raw.count
        bytes?.append(contentsOf: raw)
    }

    /// `u8`.
    mutating func writeByte(_ value: UInt8) {
        count += 1
        bytes?.append(value)
    }

    /// `u32`, big-endian.
    mutating func writeUInt32(_ value: UInt32) {
        withUnsafeBytes(of: value.bigEndian) { append($0) }
    }

    /// `u64`, big-endian.
    mutating func writeUInt64(_ value: UInt64) {
        withUnsafeBytes(of: value.bigEndian) { append($0) }
    }

    /// `i64`, two's complement, big-endian.
    mutating func writeInt64(_ value: Int64) {
        writeUInt64(UInt64(bitPattern: value))
    }

    /// `bool`: `0x00` or `0x01`.
    mutating func writeBool(_ value: Bool) {
        writeByte(value ? 1 : 0)
    }

    /// `str`: `u32` length, then the UTF-8 bytes.
    mutating func writeString(_ value: String) {
        var contiguous = value
        contiguous.withUTF8 { writeLengthPrefixed(UnsafeRawBufferPointer($0)) }
    }

    /// `opt<str>`: `0x00`, or `0x01` then `str`.
    mutating func writeOptionalString(_ value: String?) {
        writeBool(value != nil)
        if let value { writeString(value) }
    }

    /// `bytes`: `u32` length, then the bytes (read from secure memory, never copied elsewhere).
    mutating func writeSecret(_ secret: SecureBytes) {
        secret.withUnsafeBytes { writeLengthPrefixed($0) }
    }

    /// `bytes` from a raw buffer.
    mutating func writeLengthPrefixed(_ raw: UnsafeRawBufferPointer) {
        writeUInt32(UInt32(truncatingIfNeeded: raw.count))
        append(raw)
    }

    /// `date`: the bit pattern of a binary64 number of seconds since 2001-01-01T00:00:00Z
    /// (Foundation's reference date, so dates come back exactly as they were).
    mutating func writeDate(_ date: Date) {
        writeUInt64(date.timeIntervalSinceReferenceDate.bitPattern)
    }
}
