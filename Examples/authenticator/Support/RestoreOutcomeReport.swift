import AuthenticatorKit

/// A restore's or import's plan as `restore` and `import` print it: one line per account of
/// the backup (`id`, kind, issuer, user name, outcome), or with `--json` one object with
/// `generation`, `platform`, `created` and `accounts` (each with its `providerDecision`: what
/// the account's provider answered — `enrolNow`, `verify`, `unknownAccount`, `unavailable` —
/// and `providerDecisionReason` when it could not be asked).
///
/// Outcomes: `restoredInFull`, `restoredWithNewDeviceCredential`,
/// `needsVerification:<method>` (`password-and-alternate-contact` or `provider-qr-code`),
/// `skippedDuplicate:<id of the device's account>`.
struct RestoreOutcomeReport {
    /// The plan written.
    var plan: RestorePlan
    /// Accounts planned for a new credential that did not get one, and why.
    var enrolmentFailures: [AccountID: String] = [:]

    /// Prints the report, as JSON or as lines, and a note on standard error for each
    /// account that did not get its new credential.
    func print(json: Bool) {
        if json {
            Output.writeLine(JSONObject(members: [
                ("generation", .number(plan.header.generation)),
                ("platform", .string(plan.header.platform.rawValue)),
                ("created", .string(AppInfo.text(plan.header.createdAt))),
                ("accounts", .array(plan.entries.map { .object(jsonObject($0)) })),
            ]).text)
        } else {
            // Through one local buffer: a line costs no look-up of the shared one.
            Output.writeLines { writeLine in
                for entry in plan.entries {
                    writeLine(AccountDescription.tabSeparated([
                        entry.accountID.rawValue, entry.kind.rawValue, entry.issuer, entry.userName, Self.text(entry.outcome),
                    ]))
                }
            }
        }
        for (id, reason) in enrolmentFailures.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            Output.writeErrorLine("note: account \(id) did not get its new credential (\(reason)); it waits for verification")
        }
    }

    private static func text(_ outcome: RestorePlan.Outcome) -> String {
        switch outcome {
        case let .needsVerification(method): return "needsVerification:" + method.rawValue
        case let .skippedDuplicate(existing): return "skippedDuplicate:" + existing.rawValue
        default: return outcome.caseName
        }
    }

    private func jsonObject(_ entry: RestorePlan.Entry) -> JSONObject {
        var method = JSONObject.Value.null
        var existing = JSONObject.Value.null
        switch entry.outcome {
        case let .needsVerification(required): method = .string(required.rawValue)
        case let .skippedDuplicate(id): existing = .string(id.rawValue)
        default: break
        }
        return JSONObject(members: AccountDescription.jsonMembers(entry.accountID, kind: entry.kind, issuer: entry.issuer, userName: entry.userName) + [
            ("outcome", .string(entry.outcome.caseName)),
            ("verificationMethod", method),
            ("existing", existing),
            ("enrolmentFailure", .optional(enrolmentFailures[entry.accountID])),
            ("providerDecision", .optional(entry.providerDecision?.caseName)),
            ("providerDecisionReason", .optional(Self.reason(entry.providerDecision))),
        ])
    }

    private static func reason(_ decision: ProviderDecision?) -> String? {
        if case let .unavailable(reason)? = decision { return reason }
        return nil
    }
}
