import AuthenticatorKit
import Foundation

/// A backup status as `backup status`, `backup now` and `backup enable` print it: `state`,
/// `generation`, `date`, `needsAttention` and `reason`.
struct BackupStatusReport {
    /// The status.
    var status: BackupStatus
    /// The device's backup state, for the last verified generation and date when the status
    /// does not carry them.
    var state: BackupState?

    /// The generation the cloud holds as far as the device knows.
    var generation: UInt64? { status.generation ?? state?.lastUploadedGeneration }

    /// When that generation was verified.
    var date: Date? {
        if case let .upToDate(_, date) = status { return date }
        return state?.lastUploadDate
    }

    /// Why the backup needs attention, as the error contract names it: `backupStale` while
    /// the device must sign in again, the failure otherwise; `nil` when all is well.
    var problem: ErrorReport? {
        switch status {
        case .needsSignIn: return ErrorReport(BackupUnavailableReason.backupStale)
        case let .failed(failure): return ErrorReport(failure)
        case .off, .pending, .upToDate: return nil
        }
    }

    /// The members of the JSON object, in order.
    var jsonMembers: [(key: String, value: JSONObject.Value)] {
        [
            ("state", .string(status.stateName)),
            ("generation", generation.map(JSONObject.Value.number) ?? .null),
            ("date", .optional(date.map(AppInfo.text))),
            ("needsAttention", .bool(status.needsAttention)),
            ("reason", .optional(problem?.caseName)),
            ("lastVerified", .optional(state?.lastVerified.map(AppInfo.text))),
            ("failingSince", .optional(state?.failingSince.map(AppInfo.text))),
        ]
    }

    /// The lines `name: value` (`none` for what is unknown).
    var lines: [String] {
        [
            "state: \(status.stateName)",
            "generation: \(generation.map(String.init) ?? "none")",
            "date: \(date.map(AppInfo.text) ?? "none")",
            "needsAttention: \(status.needsAttention)",
            "reason: \(problem?.caseName ?? "none")",
        ]
    }

    /// Prints the status, as JSON or as lines.
    func print(json: Bool) {
        if json {
            Output.writeLine(JSONObject(members: jsonMembers).text)
        } else {
            lines.forEach(Output.writeLine)
        }
    }
}
