import AccountModel
import BackupServices
import OTP
import Foundation

// The one-byte codes the format gives to enumerations, and the time encoding. Readers
// refuse codes not listed here as damage (a new code needs a new minimum reader version).

extension Platform {
    /// `1` iOS, `2` Android.
    var formatCode: UInt8 {
        switch self {
        case .ios: return 1
        case .android: return 2
        }
    }

    init?(formatCode: UInt8) {
        switch formatCode {
        case 1: self = .ios
        case 2: self = .android
        default: return nil
        }
    }
}

extension Algorithm {
    /// `1` SHA-1, `2` SHA-256, `3` SHA-512.
    var formatCode: UInt8 {
        switch self {
        case .sha1: return 1
        case .sha256: return 2
        case .sha512: return 3
        }
    }

    init?(formatCode: UInt8) {
        switch formatCode {
        case 1: self = .sha1
        case 2: self = .sha256
        case 3: self = .sha512
        default: return nil
        }
    }
}

extension AccountKind {
    /// `1` third party, `2` personal, `3` work or school.
    var formatCode: UInt8 {
        switch self {
        case .thirdParty: return 1
        case .personal: return 2
        case .workOrSchool: return 3
        }
    }
}

extension Date {
    /// Milliseconds since 1970-01-01T00:00:00Z, rounded to the nearest (so that a time read
    /// back from the format encodes to the same number); clamped to the `Int64` range, and
    /// 0 for a time that is not a number.
    var millisecondsSince1970: Int64 {
        let milliseconds = (timeIntervalSince1970 * 1000).rounded(.toNearestOrAwayFromZero)
        guard !milliseconds.isNaN else { return 0 }
        if milliseconds >= 9.2e18 { return .max }
        if milliseconds <= -9.2e18 { return .min }
        return Int64(milliseconds)
    }

    /// The instant `milliseconds` after 1970-01-01T00:00:00Z.
    init(millisecondsSince1970 milliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(milliseconds) / 1000)
    }
}

extension UUID {
    /// The 16 bytes of the identifier, in RFC 9562 (network) order.
    var formatBytes: [UInt8] {
        withUnsafeBytes(of: uuid) { Array($0) }
    }

    /// The identifier whose 16 bytes are `bytes`, which must have 16 elements.
    init(formatBytes bytes: UnsafeRawBufferPointer) {
        var value: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &value) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes.prefix(16))) }
        self.init(uuid: value)
    }
}
