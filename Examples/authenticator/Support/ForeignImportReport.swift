import AuthenticatorKit
import Interop

/// How `import --from` prints an ``AccountImportReport``: one tab-separated line per entry,
/// or one JSON object; fields dropped from imported entries are noted on standard error.
struct ForeignImportReport {
    /// The report.
    let report: AccountImportReport

    /// Prints the report.
    func print(json: Bool) {
        if json {
            Output.writeLine(JSONObject(members: [
                ("format", .string(report.format.rawValue)),
                ("imported", .array(report.imported.map(Self.object))),
                ("skipped", .array(report.skipped.map(Self.object))),
                ("leftOut", .array(report.leftOut.map(Self.object))),
                ("dropped", .array(report.dropped.map { dropped in
                    .object(JSONObject(members: Self.members(dropped.entry) + [("fields", .array(dropped.fields.map(JSONObject.Value.string)))]))
                })),
            ]).text)
            return
        }
        for (outcome, entry) in report.entries {
            Output.writeLine(AccountDescription.tabSeparated([
                outcome.rawValue, entry.id?.rawValue ?? "-", entry.issuer, entry.account, entry.type?.rawValue ?? "-",
            ]))
        }
        for dropped in report.dropped {
            let entry = dropped.entry
            Output.writeErrorLine(
                "note: entry \(entry.position) (\(entry.issuer), \(entry.account)): dropped \(dropped.fields.joined(separator: ", "))")
        }
    }

    /// An entry as a JSON object: `id`, `issuer`, `account`, `type`, `position`, and `reason`
    /// (and `problem`, the reader's case name) where one applies.
    private static func object(_ entry: AccountImportReport.Entry) -> JSONObject.Value {
        .object(JSONObject(members: members(entry)))
    }

    private static func members(_ entry: AccountImportReport.Entry) -> [(key: String, value: JSONObject.Value)] {
        var members: [(key: String, value: JSONObject.Value)] = [
            ("id", .optional(entry.id?.rawValue)), ("issuer", .string(entry.issuer)), ("account", .string(entry.account)),
            ("type", .optional(entry.type?.rawValue)), ("position", .number(entry.position)),
        ]
        if let reason = entry.reason { members.append(("reason", .string(reason))) }
        if let problem = entry.problem { members.append(("problem", .string(problem.caseName))) }
        return members
    }

    /// The error contract's report of a failed import: for `importFailed`, the failing
    /// entries in `--json` (`failures`: position, issuer, account, reason, problem); the
    /// store's own error as it is.
    static func failure(_ error: AccountImportError) -> any Error {
        switch error {
        case let .vault(storeError):
            return storeError
        case let .importFailed(failures):
            var report = ErrorReport(
                caseName: error.caseName, message: error.message,
                suggestedAction: "Pass --partial to import the other entries", exitStatus: ExitStatus.dataError)
            report.details = [("failures", .array(failures.map { failure in
                .object(JSONObject(members: [
                    ("position", .number(failure.position)), ("issuer", .string(failure.issuer)),
                    ("account", .string(failure.account)), ("reason", .string(failure.problem.message)),
                    ("problem", .string(failure.problem.caseName)),
                ]))
            }))]
            return ReportedFailure(report: report)
        }
    }
}
