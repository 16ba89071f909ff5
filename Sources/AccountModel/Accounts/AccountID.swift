import Foundation

/// An account's stable identifier: never reused, unchanged by rename or move.
public struct AccountID: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    /// The identifier text (a lower-case UUID for identifiers the SDK creates).
    public let rawValue: String

    /// An identifier from its text.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// A new random identifier.
    public init() { self.rawValue = UUID().uuidString.lowercased() }

    /// The identifier text.
    public var description: String { rawValue }
}
