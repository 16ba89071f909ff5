extension Account {
    /// Every limit of ``VaultLimits`` this account exceeds, in field order
    /// (``AccountModelError/fieldTooLong(field:limit:)`` and
    /// ``AccountModelError/secretTooLong(limit:)``); empty for an account a vault accepts.
    ///
    /// A secret scanned from a provider's QR code counts (the vault bounds it like any
    /// secret), although a backup never carries it; ``backupLimitViolations`` leaves it out.
    public var limitViolations: [AccountModelError] {
        var found = backupLimitViolations
        if let scanned = provider?.scannedSecret, scanned.secret.count > VaultLimits.maximumSecretLength,
           !found.contains(.secretTooLong(limit: VaultLimits.maximumSecretLength)) {
            found.append(.secretTooLong(limit: VaultLimits.maximumSecretLength))
        }
        return found
    }

    /// The limits this account exceeds in what a backup carries of it: its texts and, for a
    /// third-party account, its secret. Non-empty means backups leave the account out
    /// (``Vault/accountsLeftOutOfBackups``).
    public var backupLimitViolations: [AccountModelError] {
        var found: [AccountModelError] = []
        func check(_ text: String?, _ field: VaultLimits.Field) {
            guard let text, text.utf8.count > VaultLimits.maximumTextLength else { return }
            found.append(.fieldTooLong(field: field, limit: VaultLimits.maximumTextLength))
        }
        check(id.rawValue, .accountIdentifier)
        check(issuer, .issuer)
        check(userName, .userName)
        check(displayName, .displayName)
        check(iconReference, .iconReference)
        switch content {
        case let .thirdParty(token):
            if token.generator.secret.count > VaultLimits.maximumSecretLength {
                found.append(.secretTooLong(limit: VaultLimits.maximumSecretLength))
            }
        case let .provider(details):
            check(details.reference?.rawValue, .providerAccountReference)
        }
        return found
    }

    /// Whether ``backupLimitViolations`` is non-empty (backups leave the account out), found
    /// without building the list and reading the content once: exports and backups ask it of
    /// every account, twice (what the payload carries, and what it leaves out).
    package var exceedsBackupLimits: Bool {
        let limit = VaultLimits.maximumTextLength
        if id.rawValue.utf8.count > limit { return true }
        if let displayName, displayName.utf8.count > limit { return true }
        if let iconReference, iconReference.utf8.count > limit { return true }
        switch content {
        case let .thirdParty(token):
            return token.issuer.utf8.count > limit || token.account.utf8.count > limit
                || token.generator.secret.count > VaultLimits.maximumSecretLength
        case let .provider(details):
            return details.issuer.utf8.count > limit || details.userName.utf8.count > limit
                || (details.reference?.rawValue.utf8.count ?? 0) > limit
        }
    }
}

extension Settings {
    /// Every limit of ``VaultLimits`` these settings exceed
    /// (``AccountModelError/tooManyCustomSettings(limit:)``, then
    /// ``AccountModelError/fieldTooLong(field:limit:)`` for custom keys and values); empty for
    /// settings a vault accepts.
    public var limitViolations: [AccountModelError] {
        var found: [AccountModelError] = []
        if custom.count > VaultLimits.maximumCustomSettings {
            found.append(.tooManyCustomSettings(limit: VaultLimits.maximumCustomSettings))
        }
        let limit = VaultLimits.maximumTextLength
        if custom.keys.contains(where: { $0.utf8.count > limit }) {
            found.append(.fieldTooLong(field: .customSettingKey, limit: limit))
        }
        if custom.values.contains(where: { $0.utf8.count > limit }) {
            found.append(.fieldTooLong(field: .customSettingValue, limit: limit))
        }
        return found
    }
}

extension Vault {
    /// The accounts a backup of this vault leaves out, in vault order, each with the limits it
    /// exceeds. Only a vault written by an earlier version, which did not check the limits,
    /// can hold one: every operation of this version refuses them.
    public var accountsLeftOutOfBackups: [AccountLeftOut] {
        // The full list only for an account that exceeds a limit (nearly every vault holds
        // none, and this runs on every export and backup); through the buffer, whose elements
        // are read in place (an array's subscript copies the whole account).
        accounts.withUnsafeBufferPointer { accounts in
            var leftOut: [AccountLeftOut] = []
            for index in accounts.indices where accounts[index].exceedsBackupLimits {
                leftOut.append(AccountLeftOut(accounts[index], violations: accounts[index].backupLimitViolations))
            }
            return leftOut
        }
    }

    /// Throws the first violation in `after` that `before` did not have: a change may keep
    /// what an earlier version let in (so the account keeps working), never add to it.
    static func refuseNewViolations(_ after: [AccountModelError], comparedWith before: [AccountModelError]) throws(AccountModelError) {
        if let new = after.first(where: { !before.contains($0) }) { throw new }
    }
}
