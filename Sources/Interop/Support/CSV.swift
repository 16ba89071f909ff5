/// Comma-separated values as RFC 4180 writes them (and Bitwarden's CSV export): fields
/// separated by commas, records by CRLF or LF, fields optionally in double quotes with `""`
/// for a quote inside; quoted fields may span lines.
enum CSV {
    /// Why the text is not CSV.
    struct Failure: Error {
        let reason: String
    }

    /// The records, each a list of fields. At most `maximumRecords` records are read before
    /// failing, so that the count is bounded before work is done on them.
    static func parse(_ text: String, maximumRecords: Int) throws(Failure) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var fieldWasQuoted = false
        let bytes = Array(text.utf8)
        var index = 0

        /// Most fields in one record (Bitwarden writes 11).
        let maximumFields = 1_024
        func endField() {
            record.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            fieldWasQuoted = false
        }

        while index < bytes.count {
            let byte = bytes[index]
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 2
                        continue
                    }
                    inQuotes = false
                } else {
                    field.append(byte)
                }
                index += 1
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                guard field.isEmpty, !fieldWasQuoted else { throw Failure(reason: "a quote inside an unquoted field") }
                inQuotes = true
                fieldWasQuoted = true
            case UInt8(ascii: ","):
                endField()
                guard record.count <= maximumFields else { throw Failure(reason: "a record with more than \(maximumFields) fields") }
            case 0x0D where index + 1 < bytes.count && bytes[index + 1] == 0x0A:
                break
            case 0x0A:
                endField()
                records.append(record)
                record = []
                guard records.count <= maximumRecords else { throw Failure(reason: "more than \(maximumRecords) records") }
            default:
                guard !fieldWasQuoted else { throw Failure(reason: "text after a closing quote") }
                field.append(byte)
            }
            index += 1
        }
        guard !inQuotes else { throw Failure(reason: "an unterminated quoted field") }
        if !field.isEmpty || !record.isEmpty || fieldWasQuoted {
            endField()
            records.append(record)
        }
        guard records.count <= maximumRecords else { throw Failure(reason: "more than \(maximumRecords) records") }
        return records
    }
}
