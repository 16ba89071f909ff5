import Foundation

extension RestoreSession {
    /// Asks the account provider about every provider account of `payload`
    /// (`AccountProvider/restoreRequirement(for:recoverySignIn:)`, with the session's
    /// identity assertion): the decisions for the planner, by provider reference, and the
    /// grants of the accounts the provider lets the device mint at once.
    ///
    /// Without a provider every account is `ProviderDecision/unavailable(reason:)`; an
    /// account the provider does not know is `ProviderDecision/unknownAccount`; a provider
    /// failure is `ProviderDecision/unavailable(reason:)` with the error's message. All of
    /// these wait for verification: nothing is minted on the device's word.
    func providerDecisions(
        for payload: BackupPayload, session: RecoverySession
    ) async -> (decisions: [ProviderAccountReference: ProviderDecision], grants: [ProviderAccountReference: EnrolmentGrant]) {
        var decisions: [ProviderAccountReference: ProviderDecision] = [:]
        var grants: [ProviderAccountReference: EnrolmentGrant] = [:]
        for account in payload.accounts {
            let reference: ProviderAccountReference
            switch account.content {
            case .thirdParty:
                continue
            case let .personal(metadata), let .workOrSchool(metadata):
                guard let known = metadata.providerAccountReference, !known.rawValue.isEmpty else { continue }
                reference = known
            }
            guard decisions[reference] == nil else { continue }
            guard let accountProvider else {
                decisions[reference] = .unavailable(reason: "no account provider was given")
                continue
            }
            do {
                switch try await accountProvider.restoreRequirement(for: reference, recoverySignIn: session.identityAssertion) {
                case let .enrolNow(grant):
                    decisions[reference] = .enrolNow
                    grants[reference] = grant
                case let .verify(method):
                    decisions[reference] = .verify(method)
                }
            } catch {
                decisions[reference] = error == .unknownAccount ? .unknownAccount : .unavailable(reason: error.message)
            }
        }
        let asked = decisions.values
        logger.info("account providers asked", metadata: [
            "accounts": "\(asked.count)",
            "enrolNow": "\(asked.filter { $0 == .enrolNow }.count)",
            "unavailable": "\(asked.filter { if case .unavailable = $0 { return true } else { return false } }.count)",
        ])
        return (decisions, grants)
    }

    /// The provider reference of a backed-up provider account, or `nil`.
    static func providerReference(of account: BackupAccount?) -> ProviderAccountReference? {
        switch account?.content {
        case let .personal(metadata)?, let .workOrSchool(metadata)?: return metadata.providerAccountReference
        default: return nil
        }
    }
}
