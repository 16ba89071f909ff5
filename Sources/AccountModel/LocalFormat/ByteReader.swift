import SodiumBridge
import Foundation

/// Reads the primitive fields of the local vault format from a buffer that stays in secure
/// memory, checking every length against what is left before using it.
struct ByteReader {
    /// Why the payload could not be read; becomes ``AccountModelError/storeDamaged(reason:)``.
    struct Malformed: Error {
        /// What was wrong, without secrets.
        let reason: String
    }

    private let buffer: UnsafeRawBufferPointer
    private var offset = 0

    /// A reader over `buffer`, which must stay valid while the reader is used.
    init(_ buffer: UnsafeRawBufferPointer) {
        self.buffer = buffer
    }

    /// The number of bytes not read yet.
    var remaining: Int { buffer.count - offset }

    /// The next `count` bytes.
    mutating func take(_ count: Int, _ what: String) throws(Malformed) -> UnsafeRawBufferPointer {
        guard count >= 0, count <= remaining else {
            throw Malformed(reason: "\(what) runs past the end of the vault")
        }
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: buffer[offset..<(offset + count)])
    }

    /// `u8`.
    mutating func readByte(_ what: String) throws(Malformed) -> UInt8 {
        try take(1, what)[0]
    }

    /// `u32`, big-endian.
    mutating func readUInt32(_ what: String) throws(Malformed) -> UInt32 {
        try take(4, what).reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// `u64`, big-endian.
    mutating func readUInt64(_ what: String) throws(Malformed) -> UInt64 {
        try take(8, what).reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// `i64`, two's complement, big-endian.
    mutating func readInt64(_ what: String) throws(Malformed) -> Int64 {
        Int64(bitPattern: try readUInt64(what))
    }

    /// `bool`: exactly `0x00` or `0x01`.
    mutating func readBool(_ what: String) throws(Malformed) -> Bool {
        switch try readByte(what) {
        case 0: return false
        case 1: return true
        case let other: throw Malformed(reason: "\(what) has flag value \(other)")
        }
    }

    /// A `u32` count of items that each take at least `minimumItemSize` bytes, checked
    /// against what is left so that no count can make the reader reserve memory for nothing.
    mutating func readCount(_ what: String, minimumItemSize: Int) throws(Malformed) -> Int {
        let count = Int(try readUInt32(what))
        guard count <= remaining / max(1, minimumItemSize) else {
            throw Malformed(reason: "\(what) (\(count)) is more than the vault can hold")
        }
        return count
    }

    /// `str`: `u32` length, then valid UTF-8.
    mutating func readString(_ what: String) throws(Malformed) -> String {
        let bytes = try readLengthPrefixed(what)
        let string = String(decoding: bytes, as: UTF8.self)
        guard string.utf8.elementsEqual(bytes) else { throw Malformed(reason: "\(what) is not valid UTF-8") }
        return string
    }

    /// `opt<str>`.
    mutating func readOptionalString(_ what: String) throws(Malformed) -> String? {
        try readBool(what) ? try readString(what) : nil
    }

    /// `bytes`, copied straight into secure memory.
    mutating func readSecret(_ what: String) throws(Malformed) -> SecureBytes {
        let bytes = try readLengthPrefixed(what)
        return SecureBytes(count: bytes.count) { destination in
            destination.copyMemory(from: bytes)
        }
    }

    /// `bytes`: `u32` length, then that many bytes.
    mutating func readLengthPrefixed(_ what: String) throws(Malformed) -> UnsafeRawBufferPointer {
        let length = Int(try readUInt32(what))
        return try take(length, what)
    }

    /// `date`: the bit pattern of a binary64 number of seconds since 2001-01-01T00:00:00Z.
    mutating func readDate(_ what: String) throws(Malformed) -> Date {
        Date(timeIntervalSinceReferenceDate: Double(bitPattern: try readUInt64(what)))
    }

    /// Throws unless every byte was read.
    func expectEnd() throws(Malformed) {
        guard remaining == 0 else { throw Malformed(reason: "\(remaining) unexpected bytes after the vault") }
    }
}
