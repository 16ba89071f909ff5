import AuthenticatorKit
import Foundation

/// A backup status as `backup status`, `backup now` and `backup enable` print it: `state`,
/// `generation`, `date`, `needsAttention` and `reason`, then the accounts backups leave out.
struct BackupStatusReport {
    /// The status.
    var status: BackupStatus
    /// The device's backup state, for the last verified generation and date when the status
    /// does not carry them.
    var state: BackupState?
    /// The accounts backups leave out (beyond the format's limits; only a vault written by an
    /// earlier version holds any).
    var leftOut: [AccountLeftOut] = []

    /// Whether the app shows its red dot: the status says so, or an account is left out.
    var needsAttention: Bool { status.needsAttention || !leftOut.isEmpty }

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

    /// The members of the JSON object, in order (`accountsLeftOut` only when there are any).
    var jsonMembers: [(key: String, value: JSONObject.Value)] {
        let members: [(key: String, value: JSONObject.Value)] = [
            ("state", .string(status.stateName)),
            ("generation", generation.map(JSONObject.Value.number) ?? .null),
            ("date", .optional(date.map(AppInfo.text))),
            ("needsAttention", .bool(needsAttention)),
            ("reason", .optional(problem?.caseName)),
            ("lastVerified", .optional(state?.lastVerified.map(AppInfo.text))),
            ("failingSince", .optional(state?.failingSince.map(AppInfo.text))),
        ]
        guard !leftOut.isEmpty else { return members }
        return members + [("accountsLeftOut", .array(leftOut.map { account in
            .object(JSONObject(members: [
                ("id", .string(account.id.rawValue)),
                ("name", .string(account.name)),
                ("limits", .array(account.violations.map { violation in
                    .object(JSONObject(members: [("error", .string(violation.caseName))] + violation.limitDetails))
                })),
            ]))
        }))]
    }

    /// The lines `name: value` (`none` for what is unknown).
    var lines: [String] {
        [
            "state: \(status.stateName)",
            "generation: \(generation.map(String.init) ?? "none")",
            "date: \(date.map(AppInfo.text) ?? "none")",
            "needsAttention: \(needsAttention)",
            "reason: \(problem?.caseName ?? "none")",
        ] + leftOut.map { account in
            let limits = account.violations.map { violation in
                let field = violation.limitDetails.first.flatMap { detail -> String? in
                    if case let .string(name) = detail.value { return name }
                    return nil
                }
                return "\(violation.caseName)(\(field ?? "-"))"
            }
            return "leftOut: \(account.id.rawValue)\t\(account.name)\t\(limits.joined(separator: ","))"
        }
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
