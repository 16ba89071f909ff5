import AccountModel

/// The shared reader and writer (`AccountModel`'s), reporting damage as
/// ``BackupFormatError/damaged`` and limits as ``BackupFormatError/tooLarge(field:limit:)``:
/// for the envelope, whose few fields are read and written once per file.
typealias FormatReader = AccountModel.ByteReader<BackupFormatError>
/// See ``FormatReader``.
typealias FormatWriter = AccountModel.ByteWriter<BackupFormatError>
/// The reader and writer of the payload's records: `AccountModel`'s over its concrete
/// `RecordCodingFailure`, so that the thousands of records of a big payload go through code
/// specialised in `AccountModel` (generic code is not specialised across modules). A failure
/// becomes this format's error once, with ``BackupFormatError/init(_:)``.
typealias RecordReader = AccountModel.ByteReader<RecordCodingFailure>
/// See ``RecordReader``.
typealias RecordWriter = AccountModel.ByteWriter<RecordCodingFailure>

extension BackupFormatError: ByteCodingFailure {
    /// ``damaged``: a backup's damage is never explained further (it may be tampering).
    package static func malformed(_ reason: String) -> BackupFormatError { .damaged }

    /// What a ``FormatReader`` or ``FormatWriter`` would have thrown instead of `failure`:
    /// ``damaged`` or ``tooLarge(field:limit:)``.
    init(_ failure: RecordCodingFailure) {
        self = failure.rethrown(as: BackupFormatError.self)
    }
}
