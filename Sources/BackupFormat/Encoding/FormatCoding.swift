import AccountModel

/// The shared reader and writer (`AccountModel`'s), reporting damage as
/// ``BackupFormatError/damaged`` and limits as ``BackupFormatError/tooLarge(field:limit:)``.
typealias FormatReader = AccountModel.ByteReader<BackupFormatError>
/// See ``FormatReader``.
typealias FormatWriter = AccountModel.ByteWriter<BackupFormatError>

extension BackupFormatError: ByteCodingFailure {
    /// ``damaged``: a backup's damage is never explained further (it may be tampering).
    package static func malformed(_ reason: String) -> BackupFormatError { .damaged }
}
