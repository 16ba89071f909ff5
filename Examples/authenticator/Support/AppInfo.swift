import Foundation

/// What the app says about itself in backups.
enum AppInfo {
    /// The version written into backup headers (`appVersion`).
    static let version = "authenticator 1.0"

    /// Dates as the app prints them: ISO 8601, UTC, with milliseconds.
    static func text(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
