/// What a ``ByteReader`` or ``ByteWriter`` throws, so that each format reports damage in its
/// own typed error: the local vault file as ``AccountModelError/storeDamaged(reason:)``, a
/// backup as `BackupFormatError.damaged`.
package protocol ByteCodingFailure: Error {
    /// The bytes are malformed (truncated, an unknown code, invalid UTF-8…), or a value
    /// cannot be written; `reason` says what, without secrets.
    static func malformed(_ reason: String) -> Self
    /// A length or count over the format's `limit` for `field`.
    static func tooLarge(field: String, limit: Int) -> Self
}

/// Why a local vault file's contents cannot be read or written; becomes
/// ``AccountModelError/storeDamaged(reason:)`` when reading and
/// ``AccountModelError/storeUnavailable(reason:)`` when writing.
package struct LocalFormatFailure: ByteCodingFailure, Equatable {
    /// What was wrong, without secrets.
    package let reason: String

    /// A failure that says `reason`.
    package static func malformed(_ reason: String) -> LocalFormatFailure {
        LocalFormatFailure(reason: reason)
    }

    /// A field over its limit.
    package static func tooLarge(field: String, limit: Int) -> LocalFormatFailure {
        LocalFormatFailure(reason: "the \(field) exceeds the format's limit of \(limit)")
    }
}
