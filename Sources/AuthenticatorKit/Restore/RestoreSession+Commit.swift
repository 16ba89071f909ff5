import Foundation
import Logging

extension RestoreSession {
    /// Writes the planned vault — all of it, atomically, or nothing — then mints the new
    /// credential of each account planned
    /// `RestorePlan/Outcome/restoredWithNewDeviceCredential` (those the provider said may be
    /// minted at once), enrols it with the provider's grant, and saves it.
    ///
    /// The session is checked first (expired or revoked →
    /// `BackupUnavailableReason/backupStale`; sign in again and commit again). The write is
    /// a compare-and-swap on the revision seen by ``startRecovery()``: if the vault changed
    /// since, nothing is written (``RestoreError/vaultChanged``) and the restore starts over.
    /// A failed enrolment does not undo the restore: the account waits for verification
    /// and the report says why (``RestoreReport/enrolmentFailures``).
    ///
    /// - Throws: ``RestoreError/outOfOrder(attempted:current:)`` unless the restore is
    ///   planned; ``RestoreError/unavailable(_:)`` (`BackupUnavailableReason/backupStale`,
    ///   `BackupUnavailableReason/networkUnavailable`); ``RestoreError/vaultChanged``;
    ///   ``RestoreError/storeFailure(_:)``; ``RestoreError/serviceFailure(_:)``.
    public mutating func commit() async throws(RestoreError) -> RestoreReport {
        let report: RestoreReport
        do {
            report = try await write()
        } catch {
            throw logged(error, refusing: "committing the restore")
        }
        logger.notice("restore committed", metadata: [
            "generation": "\(report.generation)", "accounts": "\(report.plan.vault.accounts.count)",
            "enrolled": "\(report.enrolledAccounts.count)", "enrolmentFailures": "\(report.enrolmentFailures.count)",
        ])
        for (id, failure) in report.enrolmentFailures.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            let name: String
            switch failure {
            case let .verification(error): name = error.caseName
            case let .store(error): name = error.caseName
            }
            logger.warning("the recovery account's own account did not get its new credential", metadata: [
                "account": "\(id.rawValue)", "error": "\(name)",
            ])
        }
        return report
    }

    /// ``commit()``, without the logging.
    private mutating func write() async throws(RestoreError) -> RestoreReport {
        guard step == .planned, let plan = currentPlan else { throw .outOfOrder(attempted: .committed, current: step) }
        let session = try checkSession()
        _ = try await confirmSession(session)
        do {
            try await store.save(plan.vault, replacingRevision: startingVault?.revision)
        } catch {
            if case .revisionConflict = error {
                step = .notStarted
                currentPlan = nil
                startingVault = nil
                throw .vaultChanged
            }
            throw .storeFailure(error.message)
        }
        step = .committed

        var enrolled: [AccountID] = []
        var failures: [AccountID: RestoreReport.EnrolmentFailure] = [:]
        if let accountProvider {
            for entry in plan.entries where entry.outcome == .restoredWithNewDeviceCredential {
                guard let grant = enrolmentGrants[entry.accountID] else {
                    failures[entry.accountID] = .verification(.missingEnrolmentGrant)
                    continue
                }
                switch await enrolRestoredAccount(entry.accountID, grant: grant, with: accountProvider) {
                case nil: enrolled.append(entry.accountID)
                case let failure?: failures[entry.accountID] = failure
                }
            }
        }
        enrolmentGrants = [:]
        return RestoreReport(
            plan: plan, enrolledAccounts: enrolled, enrolmentFailures: failures, generation: plan.header.generation)
    }

    /// Mints, enrols (with `grant`) and saves the new credential of the account with `id`;
    /// `nil` on success, else why not (the vault then keeps the account waiting for
    /// verification). The grant is single-use, so a save that loses a race applies the same
    /// credential to the fresh vault rather than enrolling another.
    private func enrolRestoredAccount(
        _ id: AccountID, grant: EnrolmentGrant, with provider: any AccountProvider
    ) async -> RestoreReport.EnrolmentFailure? {
        let enrolment = DeviceEnrolment(
            provider: AccountProviderBox(base: provider), clock: TimeSourceBox(base: clock),
            random: RandomSourceBox(base: random))
        var credentialed: Account?
        for _ in 0..<5 {
            let vault: Vault
            do {
                guard let loaded = try await store.load() else { return .store(.vaultNotFound) }
                vault = loaded
            } catch {
                return .store(error)
            }
            guard let account = vault.account(withID: id) else { return .verification(.accountNotFound(id)) }
            if credentialed == nil {
                do throws(VerificationError) {
                    credentialed = try await enrolment.enrolRestoredAccount(account, grant: grant)
                } catch {
                    return .verification(error)
                }
            }
            guard let credentialed else { return .verification(.missingEnrolmentGrant) }
            guard account.restoreState != .active else { return .verification(.verificationNotNeeded) }
            var updated = vault
            do throws(AccountModelError) {
                try updated.updateAccount(withID: id, at: credentialed.modifiedAt) { stored in
                    if let device = credentialed.provider?.device { stored.updateProviderDetails { $0.device = device } }
                }
                try await store.save(updated, replacingRevision: vault.revision)
                return nil
            } catch {
                guard case .revisionConflict = error else { return .store(error) }
                // Another writer saved in between: apply the same credential to the fresh vault.
            }
        }
        return .store(.revisionConflict(expected: nil, found: nil))
    }
}
