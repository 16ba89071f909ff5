import Foundation

// The time and identifier encodings shared by the local vault file and backups.

extension Date {
    /// Milliseconds since 1970-01-01T00:00:00Z, rounded to the nearest (so that a time read
    /// back from the format encodes to the same number); clamped to the `Int64` range, and
    /// 0 for a time that is not a number.
    package var millisecondsSince1970: Int64 {
        let milliseconds = (timeIntervalSince1970 * 1000).rounded(.toNearestOrAwayFromZero)
        guard !milliseconds.isNaN else { return 0 }
        if milliseconds >= 9.2e18 { return .max }
        if milliseconds <= -9.2e18 { return .min }
        return Int64(milliseconds)
    }

    /// The instant `milliseconds` after 1970-01-01T00:00:00Z.
    package init(millisecondsSince1970 milliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(milliseconds) / 1000)
    }
}

extension UUID {
    /// The 16 bytes of the identifier, in RFC 9562 (network) order.
    package var formatBytes: [UInt8] {
        withUnsafeBytes(of: uuid) { Array($0) }
    }

    /// The identifier whose 16 bytes are `bytes`, which must have 16 elements.
    package init(formatBytes bytes: UnsafeRawBufferPointer) {
        var value: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &value) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes.prefix(16))) }
        self.init(uuid: value)
    }
}
