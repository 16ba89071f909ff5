import AuthenticatorKit

/// One failure as the error contract reports it: the case name, the message (with the
/// suggested action, when the SDK has one), details for `--json`, and the exit status.
///
/// Wrapped SDK errors are unwrapped to the case a user can act on: a restore refused because
/// the backup is unavailable reports the ``BackupUnavailableReason`` case (`backupNotFound`,
/// `existingAccounts`…), not `unavailable`.
struct ErrorReport: Sendable {
    /// The Swift case name, e.g. `backupNotFound`.
    var caseName: String
    /// What was wrong, in plain words.
    var message: String
    /// What the user can do about it, if the SDK says.
    var suggestedAction: String?
    /// Extra members of the `--json` object (after `error`, `message`, `suggestedAction`).
    var details: [(key: String, value: JSONObject.Value)] = []
    /// The exit status.
    var exitStatus: Int32

    /// The report of `error`, or `nil` when it is not an error of the SDK or the app.
    init?(_ error: any Error) {
        switch Self.unwrapped(error) {
        case let failure as ReportedFailure:
            self = failure.report
        case let failure as BackupFailure:
            self.init(failure)
        case let error as CLIError:
            self.init(caseName: error.caseName, message: error.message, exitStatus: error.exitStatus)
        case let reason as BackupUnavailableReason:
            self.init(reason)
        case let error as AccountModelError:
            self.init(caseName: error.caseName, message: error.message, exitStatus: ExitStatus.dataError)
            details = error.limitDetails
        case let error as any ReportableError:
            self.init(caseName: error.caseName, message: error.message, exitStatus: ExitStatus.dataError)
            if let retryAfter = Self.retryAfter(of: error) {
                details = [("retryAfterSeconds", .number(Int(retryAfter.rounded(.up))))]
            }
        default:
            return nil
        }
    }

    /// The error a user can act on: the reason inside `RestoreError.unavailable`, the
    /// failure inside `BackupError.failure`; any other error as it is.
    private static func unwrapped(_ error: any Error) -> any Error {
        if let error = error as? RestoreError, let reason = error.unavailableReason { return reason }
        if let error = error as? BackupError, case let .failure(failure) = error { return failure }
        return error
    }

    /// The wait of a `tooManyAttempts` sign-in refusal, whichever SDK error carries it.
    private static func retryAfter(of error: any Error) -> Double? {
        switch error {
        case let RestoreError.tooManyAttempts(retryAfter), let BackupError.tooManyAttempts(retryAfter),
            let RecoveryAccountError.tooManyAttempts(retryAfter):
            return retryAfter.isFinite ? max(retryAfter, 0) : nil
        default:
            return nil
        }
    }

    /// A report from its parts.
    init(caseName: String, message: String, suggestedAction: String? = nil, exitStatus: Int32) {
        self.caseName = caseName
        self.message = message
        self.suggestedAction = suggestedAction
        self.exitStatus = exitStatus
    }

    /// A backup that cannot be restored or kept up to date, with what to do about it; for
    /// `existingAccounts`, the accounts in the way.
    init(_ reason: BackupUnavailableReason) {
        self.init(
            caseName: reason.caseName, message: reason.message, suggestedAction: reason.suggestedAction,
            exitStatus: ExitStatus.dataError
        )
        switch reason {
        case let .existingAccounts(accounts):
            details = [("accounts", .array(accounts.map { summary in
                .object(JSONObject(members: [
                    ("id", .string(summary.id.rawValue)),
                    ("kind", .string(summary.kind.rawValue)),
                    ("issuer", .string(summary.issuer)),
                    ("userName", .string(summary.userName)),
                ]))
            }))]
        case let .platformMismatch(backup, device):
            details = [("backupPlatform", .string(backup.rawValue)), ("devicePlatform", .string(device.rawValue))]
        case let .unsupportedVersion(minimumReader):
            details = [("minimumReader", .number(minimumReader))]
        case let .backupRolledBack(found, recorded):
            details = [("foundGeneration", .number(found)), ("recordedGeneration", .number(recorded))]
        default:
            break
        }
    }

    /// A failed backup attempt, with what to do about it.
    init(_ failure: BackupFailure) {
        self.init(
            caseName: failure.caseName, message: failure.message, suggestedAction: failure.suggestedAction,
            exitStatus: ExitStatus.dataError
        )
        if case let .generationConflict(local, cloud) = failure {
            details = [("localGeneration", local.map(JSONObject.Value.number) ?? .null), ("cloudGeneration", cloud.map(JSONObject.Value.number) ?? .null)]
        }
        if case let .backupRolledBack(found, recorded) = failure {
            details = [("foundGeneration", .number(found)), ("recordedGeneration", .number(recorded))]
        }
    }

    /// The text after `error: <case>: `: the message, then the suggested action.
    var line: String {
        guard let suggestedAction else { return message }
        return message + ". " + suggestedAction
    }

    /// The `--json` object: `{"error": "<case>", "message": …, "suggestedAction": …, …}`.
    var json: JSONObject {
        JSONObject(members: [
            ("error", .string(caseName)),
            ("message", .string(message)),
            ("suggestedAction", .optional(suggestedAction)),
        ] + details)
    }
}

/// A failure a command has already described (e.g. `backup now` with the status it reached).
struct ReportedFailure: Error {
    /// What to report.
    var report: ErrorReport
}

extension AccountModelError {
    /// For `--json`: the field and the limit of a refused value (`fieldTooLong`,
    /// `secretTooLong`, `tooManyAccounts`, `tooManyCustomSettings`); none for other cases.
    var limitDetails: [(key: String, value: JSONObject.Value)] {
        switch self {
        case let .fieldTooLong(field, limit): return [("field", .string(field.rawValue)), ("limit", .number(limit))]
        case let .secretTooLong(limit): return [("field", .string("secret")), ("limit", .number(limit))]
        case let .tooManyAccounts(limit): return [("field", .string("accounts")), ("limit", .number(limit))]
        case let .tooManyCustomSettings(limit): return [("field", .string("customSettings")), ("limit", .number(limit))]
        default: return []
        }
    }
}
