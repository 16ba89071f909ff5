import SodiumBridge

/// The failure of ``RecordCoding``'s concrete entry points, for a format in another module
/// (the backup payload): generic code is specialised only inside this module, so a reader or
/// writer over this concrete type runs the record encoding at full speed from anywhere, and
/// the caller turns a failure into its own error once, with ``rethrown(as:)``.
package enum RecordCodingFailure: ByteCodingFailure, Equatable {
    /// See ``ByteCodingFailure/malformed(_:)``.
    case malformed(String)
    /// See ``ByteCodingFailure/tooLarge(field:limit:)``.
    case tooLarge(field: String, limit: Int)

    /// The same failure in `Failure`'s terms: what a reader or writer of that type would
    /// have thrown.
    package func rethrown<Failure: ByteCodingFailure>(as _: Failure.Type) -> Failure {
        switch self {
        case let .malformed(reason): return .malformed(reason)
        case let .tooLarge(field, limit): return .tooLarge(field: field, limit: limit)
        }
    }
}

// The record encoding for a format in another module: each method is the `RecordCoding`
// function it names, compiled here for `RecordCodingFailure`, so the whole record is read or
// written by specialised code.

extension ByteReader where Failure == RecordCodingFailure {
    /// ``RecordCoding/decodeSettingsRecord(_:limits:)``.
    package mutating func readSettingsRecord(limits: RecordLimits) throws(RecordCodingFailure) -> Settings {
        try RecordCoding.decodeSettingsRecord(&self, limits: limits)
    }

    /// ``RecordCoding/decodeAccountRecord(_:plaintext:limits:)``.
    package mutating func readAccountRecord(plaintext: SecureBytes, limits: RecordLimits) throws(RecordCodingFailure) -> EncodedAccount {
        try RecordCoding.decodeAccountRecord(&self, plaintext: plaintext, limits: limits)
    }
}

extension ByteWriter where Failure == RecordCodingFailure {
    /// ``RecordCoding/encodeSettingsRecord(_:into:limits:)``.
    package mutating func appendSettingsRecord(_ settings: Settings, limits: RecordLimits) throws(RecordCodingFailure) {
        try RecordCoding.encodeSettingsRecord(settings, into: &self, limits: limits)
    }

    /// ``RecordCoding/encodeAccountRecord(_:into:limits:)``.
    package mutating func appendAccountRecord(_ account: EncodedAccount, limits: RecordLimits) throws(RecordCodingFailure) {
        try RecordCoding.encodeAccountRecord(account, into: &self, limits: limits)
    }
}
