internal import CSQLite

/// A read-only SQLite database opened from bytes in memory (`sqlite3_deserialize`), for
/// Microsoft Authenticator's `PhoneFactor` file. Every call to SQLite is in this file.
///
/// The file is untrusted: it is opened read-only with `SQLITE_DBCONFIG_DEFENSIVE`,
/// `trusted_schema` off (no functions from the schema), and a progress handler that stops
/// any statement after a bounded number of virtual-machine steps (a hostile view could
/// otherwise loop).
final class SQLiteDatabase {
    /// Why SQLite refused.
    struct Failure: Error {
        let reason: String
    }

    /// The most virtual-machine step batches (of 1,000) a statement may take: 5·10⁶ steps,
    /// a fraction of a second, and several times what 50,000 rows of `accounts` need.
    static let maximumProgressCallbacks = 5_000

    private let handle: OpaquePointer
    private var progressCallbacks = 0

    /// Whether `bytes` start with SQLite's file header.
    static func hasHeader(_ bytes: [UInt8]) -> Bool {
        bytes.starts(with: Array("SQLite format 3\0".utf8))
    }

    /// Opens a copy of `bytes` as a read-only in-memory database.
    init(bytes: [UInt8]) throws(Failure) {
        var db: OpaquePointer?
        guard sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY, nil) == SQLITE_OK, let db else {
            if let db { sqlite3_close(db) }
            throw Failure(reason: "SQLite could not open an in-memory database")
        }
        handle = db
        guard let buffer = sqlite3_malloc64(UInt64(max(1, bytes.count))) else {
            sqlite3_close(db)
            throw Failure(reason: "out of memory")
        }
        bytes.withUnsafeBytes { source in
            if let base = source.baseAddress { buffer.copyMemory(from: base, byteCount: source.count) }
        }
        let flags = UInt32(SQLITE_DESERIALIZE_READONLY) | UInt32(SQLITE_DESERIALIZE_FREEONCLOSE)
        let status = sqlite3_deserialize(
            db, "main", buffer.assumingMemoryBound(to: UInt8.self), sqlite3_int64(bytes.count), sqlite3_int64(bytes.count), flags)
        guard status == SQLITE_OK else {
            sqlite3_close(db)
            throw Failure(reason: "not an SQLite database (\(status))")
        }
        _ = csqlite_enable_defensive(db)
        sqlite3_limit(db, SQLITE_LIMIT_LENGTH, 16 << 20)
        sqlite3_limit(db, SQLITE_LIMIT_SQL_LENGTH, 100_000)
        sqlite3_limit(db, SQLITE_LIMIT_COLUMN, 200)
        sqlite3_limit(db, SQLITE_LIMIT_EXPR_DEPTH, 100)
        sqlite3_limit(db, SQLITE_LIMIT_COMPOUND_SELECT, 10)
        sqlite3_limit(db, SQLITE_LIMIT_ATTACHED, 0)
        sqlite3_limit(db, SQLITE_LIMIT_TRIGGER_DEPTH, 1)
        let context = Unmanaged.passUnretained(self).toOpaque()
        sqlite3_progress_handler(db, 1000, { context in
            guard let context else { return 1 }
            let database = Unmanaged<SQLiteDatabase>.fromOpaque(context).takeUnretainedValue()
            database.progressCallbacks += 1
            return database.progressCallbacks > SQLiteDatabase.maximumProgressCallbacks ? 1 : 0
        }, context)
        try execute("PRAGMA trusted_schema = OFF")
        try execute("PRAGMA query_only = ON")
    }

    deinit {
        sqlite3_close(handle)
    }

    private func execute(_ sql: String) throws(Failure) {
        let status = sqlite3_exec(handle, sql, nil, nil, nil)
        guard status == SQLITE_OK else { throw Failure(reason: message(status)) }
    }

    private func message(_ status: Int32) -> String {
        if let text = sqlite3_errmsg(handle) { return String(cString: text) }
        return "SQLite error \(status)"
    }

    /// The names of the columns of `table`, or `nil` when there is no such table.
    func columns(of table: String) throws(Failure) -> Set<String>? {
        let rows = try query("SELECT name FROM pragma_table_info(?1)", bind: [table], maximumRows: 1000)
        guard !rows.isEmpty else { return nil }
        return Set(rows.compactMap { $0.first ?? nil }.compactMap { if case let .text(name) = $0 { return name } else { return nil } })
    }

    /// A column value.
    enum Value: Equatable {
        case null
        case integer(Int64)
        case real(Double)
        case text(String)
        case blob([UInt8])
    }

    /// Runs `sql` with text parameters and returns at most `maximumRows` rows (more is a failure).
    func query(_ sql: String, bind parameters: [String] = [], maximumRows: Int) throws(Failure) -> [[Value?]] {
        progressCallbacks = 0
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw Failure(reason: message(sqlite3_errcode(handle)))
        }
        defer { sqlite3_finalize(statement) }
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        for (index, parameter) in parameters.enumerated() {
            sqlite3_bind_text(statement, Int32(index + 1), parameter, -1, transient)
        }
        var rows: [[Value?]] = []
        while true {
            let status = sqlite3_step(statement)
            if status == SQLITE_DONE { break }
            guard status == SQLITE_ROW else { throw Failure(reason: message(status)) }
            guard rows.count < maximumRows else { throw Failure(reason: "more than \(maximumRows) rows") }
            let count = sqlite3_column_count(statement)
            var row: [Value?] = []
            for column in 0..<count {
                switch sqlite3_column_type(statement, column) {
                case SQLITE_NULL: row.append(.null)
                case SQLITE_INTEGER: row.append(.integer(sqlite3_column_int64(statement, column)))
                case SQLITE_FLOAT: row.append(.real(sqlite3_column_double(statement, column)))
                case SQLITE_TEXT:
                    let length = Int(sqlite3_column_bytes(statement, column))
                    if let text = sqlite3_column_text(statement, column) {
                        let buffer = UnsafeBufferPointer(start: text, count: length)
                        row.append(String(validating: buffer, as: UTF8.self).map(Value.text) ?? .blob(Array(buffer)))
                    } else {
                        row.append(.text(""))
                    }
                default:
                    let length = Int(sqlite3_column_bytes(statement, column))
                    if let blob = sqlite3_column_blob(statement, column) {
                        row.append(.blob(Array(UnsafeRawBufferPointer(start: blob, count: length))))
                    } else {
                        row.append(.blob([]))
                    }
                }
            }
            rows.append(row)
        }
        return rows
    }
}
