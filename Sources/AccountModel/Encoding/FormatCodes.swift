import BackupServices
import OTP
import Foundation

// The one-byte codes the record encoding (shared by backups and the local vault file)
// gives to enumerations. Readers refuse codes not listed here as damage (a new code needs a
// new minimum reader version).

extension Platform {
    /// `1` iOS, `2` Android.
    package var formatCode: UInt8 {
        switch self {
        case .ios: return 1
        case .android: return 2
        }
    }

    /// The value whose code is `formatCode`, or `nil` for a code this version does not know.
    package init?(formatCode: UInt8) {
        switch formatCode {
        case 1: self = .ios
        case 2: self = .android
        default: return nil
        }
    }
}

extension Algorithm {
    /// `1` SHA-1, `2` SHA-256, `3` SHA-512.
    package var formatCode: UInt8 {
        switch self {
        case .sha1: return 1
        case .sha256: return 2
        case .sha512: return 3
        }
    }

    /// The value whose code is `formatCode`, or `nil` for a code this version does not know.
    package init?(formatCode: UInt8) {
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
    package var formatCode: UInt8 {
        switch self {
        case .thirdParty: return 1
        case .personal: return 2
        case .workOrSchool: return 3
        }
    }
}

extension VerificationMethod {
    /// `1` password and alternate contact, `2` provider QR code (local vault file only).
    package var formatCode: UInt8 {
        switch self {
        case .passwordAndAlternateContact: return 1
        case .providerQRCode: return 2
        }
    }

    /// The value whose code is `formatCode`, or `nil` for a code this version does not know.
    package init?(formatCode: UInt8) {
        switch formatCode {
        case 1: self = .passwordAndAlternateContact
        case 2: self = .providerQRCode
        default: return nil
        }
    }
}
