import Foundation
import Logging

/// Collects the records of the loggers it makes, so a test can check what an SDK component
/// (or the app) logged — level, message, metadata — and that no secret was logged.
///
/// ```swift
/// let logs = LogCapture()
/// let backup = BackupCoordinator(store: store, cloud: cloud, recoveryAccounts: service,
///                                appVersion: "1.0", logger: logs.logger())
/// _ = await backup.backUpNow()
/// #expect(logs.records.contains { $0.level == .info && $0.metadata["generation"] == "1" })
/// #expect(!logs.mentions("correct horse"))
/// ```
///
/// It never touches the global `LoggingSystem`, so tests running in parallel do not see each
/// other's records. Safe to use from any task.
public final class LogCapture: @unchecked Sendable {
    /// One captured log record, with its message and metadata rendered as text.
    public struct Record: Sendable, Hashable, CustomStringConvertible {
        /// The logger's label.
        public let label: String
        /// The record's level.
        public let level: Logger.Level
        /// The message.
        public let message: String
        /// The metadata — the logger's, its metadata provider's and the record's own, the
        /// record's winning — with each value rendered as text.
        public let metadata: [String: String]
        /// The source module the record names.
        public let source: String

        /// A record from its parts.
        public init(label: String, level: Logger.Level, message: String, metadata: [String: String], source: String) {
            self.label = label
            self.level = level
            self.message = message
            self.metadata = metadata
            self.source = source
        }

        /// `<level> <message> key=value …`, keys in order: everything the record holds.
        public var description: String {
            ([level.rawValue, message] + metadata.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" })
                .joined(separator: " ")
        }
    }

    private let lock = NSLock()
    private var captured: [Record] = []

    /// An empty capture.
    public init() {}

    /// A logger whose records this capture collects.
    /// - Parameters:
    ///   - label: the logger's label.
    ///   - level: the lowest level the logger passes on; `trace` (everything) by default.
    public func logger(label: String = "test", level: Logger.Level = .trace) -> Logger {
        var logger = Logger(label: label, factory: { label in CapturingLogHandler(label: label, capture: self) })
        logger.logLevel = level
        return logger
    }

    /// Every record collected so far, oldest first.
    public var records: [Record] {
        lock.lock()
        defer { lock.unlock() }
        return captured
    }

    /// The records whose message is `message`, oldest first.
    public func records(withMessage message: String) -> [Record] {
        records.filter { $0.message == message }
    }

    /// Whether any record's label, message, metadata key or value or source contains `text`:
    /// for checking that a secret, in any encoding you render it in, was never logged.
    public func mentions(_ text: String) -> Bool {
        records.contains { record in
            ([record.label, record.message, record.source] + record.metadata.keys + record.metadata.values)
                .contains { $0.contains(text) }
        }
    }

    /// Forgets every record collected so far.
    public func removeAll() {
        lock.lock()
        defer { lock.unlock() }
        captured.removeAll()
    }

    func append(_ record: Record) {
        lock.lock()
        defer { lock.unlock() }
        captured.append(record)
    }
}

/// The `LogHandler` of ``LogCapture``'s loggers: adds each record to its capture. Its level
/// and metadata are values, as `LogHandler` requires.
public struct CapturingLogHandler: LogHandler {
    /// The logger's label.
    public let label: String
    /// The capture records go to.
    public let capture: LogCapture
    /// The handler's metadata, added to every record.
    public var metadata: Logger.Metadata = [:]
    /// The handler's metadata provider, whose metadata is added to every record.
    public var metadataProvider: Logger.MetadataProvider?
    /// The lowest level passed on.
    public var logLevel: Logger.Level = .trace

    /// A handler adding the records of logger `label` to `capture`.
    public init(label: String, capture: LogCapture) {
        self.label = label
        self.capture = capture
    }

    /// Adds `event` to the capture.
    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let own = event.metadata { merged.merge(own) { _, new in new } }
        capture.append(LogCapture.Record(
            label: label, level: event.level, message: event.message.description,
            metadata: merged.mapValues { $0.description }, source: event.source))
    }

    /// One metadata value of the handler.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
}
