import AuthenticatorKit

/// Compares vaults field by field, secrets included (in constant time), for tests of stores
/// and restores that must bring a vault back exactly.
public enum VaultComparison {
    /// Every difference between `expected` and `actual`, in words (never secrets); empty
    /// when they hold the same accounts in the same order, the same settings, revision and
    /// backup state.
    public static func differences(_ expected: Vault, _ actual: Vault) -> [String] {
        var found: [String] = []
        if expected.revision != actual.revision {
            found.append("revision: expected \(expected.revision), got \(actual.revision)")
        }
        if expected.backupState != actual.backupState {
            found.append("backup state: expected \(String(describing: expected.backupState)), got \(String(describing: actual.backupState))")
        }
        if expected.settings != actual.settings {
            found.append("settings: expected \(expected.settings.allValues), got \(actual.settings.allValues)")
        }
        guard expected.accounts.count == actual.accounts.count else {
            found.append("account count: expected \(expected.accounts.count), got \(actual.accounts.count)")
            return found
        }
        for (position, (left, right)) in zip(expected.accounts, actual.accounts).enumerated() {
            found += differences(left, right).map { "account \(position) (\(left.id)): \($0)" }
        }
        return found
    }

    /// Every difference between two accounts, in words.
    public static func differences(_ expected: Account, _ actual: Account) -> [String] {
        var found: [String] = []
        func check<Value: Equatable>(_ name: String, _ left: Value, _ right: Value) {
            if left != right { found.append("\(name): expected \(left), got \(right)") }
        }
        check("id", expected.id, actual.id)
        check("kind", expected.kind, actual.kind)
        check("issuer", expected.issuer, actual.issuer)
        check("userName", expected.userName, actual.userName)
        check("displayName", expected.displayName, actual.displayName)
        check("iconReference", expected.iconReference, actual.iconReference)
        check("providerAccountReference", expected.providerAccountReference, actual.providerAccountReference)
        check("pushApprovalsEnabled", expected.pushApprovalsEnabled, actual.pushApprovalsEnabled)
        check("restoreState", expected.restoreState, actual.restoreState)
        check("createdAt", expected.createdAt, actual.createdAt)
        check("modifiedAt", expected.modifiedAt, actual.modifiedAt)
        switch (expected.token, actual.token) {
        case (nil, nil): break
        case let (left?, right?):
            check("token issuer", left.issuer, right.issuer)
            check("token account", left.account, right.account)
            found += differences(left.generator, right.generator).map { "token \($0)" }
        default:
            found.append("token: expected \(expected.token == nil ? "none" : "one"), got \(actual.token == nil ? "none" : "one")")
        }
        found += differences(expected.provider?.device, actual.provider?.device)
        return found
    }

    /// Every difference between two provider accounts' device states, in words (`nil` for a
    /// third-party account).
    public static func differences(_ expected: Account.DeviceState?, _ actual: Account.DeviceState?) -> [String] {
        var found: [String] = []
        switch (expected, actual) {
        case (nil, nil), (.awaitingEnrolment?, .awaitingEnrolment?):
            break
        case let (.awaitingVerification(left)?, .awaitingVerification(right)?):
            if left != right { found.append("device: expected awaiting \(left), got awaiting \(right)") }
        case let (.scannedSecret(left)?, .scannedSecret(right)?):
            found += differences(left, right).map { "scanned secret \($0)" }
        case let (.enrolled(left, leftScanned)?, .enrolled(right, rightScanned)?):
            found += differences(left, right)
            switch (leftScanned, rightScanned) {
            case (nil, nil): break
            case let (l?, r?): found += differences(l, r).map { "scanned secret \($0)" }
            default: found.append("scanned secret: expected \(leftScanned == nil ? "none" : "one"), got \(rightScanned == nil ? "none" : "one")")
            }
        default:
            found.append("device: expected \(describe(expected)), got \(describe(actual))")
        }
        return found
    }

    /// Every difference between two device credentials, in words; the private key is checked
    /// by a signature, never shown.
    public static func differences(_ left: DeviceCredential, _ right: DeviceCredential) -> [String] {
        var found: [String] = []
        if left.id != right.id { found.append("device credential id: expected \(left.id), got \(right.id)") }
        if left.createdAt != right.createdAt {
            found.append("device credential createdAt: expected \(left.createdAt), got \(right.createdAt)")
        }
        if left.publicKey != right.publicKey { found.append("device credential public key differs") }
        found += differences(left.generator, right.generator).map { "device credential \($0)" }
        let challenge = Array("conformance challenge".utf8)
        if !Ed25519.isValidSignature(right.signApproval(challenge), of: challenge, publicKey: left.publicKey) {
            found.append("device credential: its private key no longer matches the public key")
        }
        return found
    }

    private static func describe(_ state: Account.DeviceState?) -> String {
        switch state {
        case nil: return "none (third party)"
        case .awaitingEnrolment?: return "awaiting enrolment"
        case .enrolled?: return "enrolled"
        case .scannedSecret?: return "scanned secret"
        case let .awaitingVerification(method)?: return "awaiting \(method)"
        }
    }

    /// Every difference between two generators, in words; secrets are compared in constant
    /// time and never shown.
    public static func differences(_ expected: Generator, _ actual: Generator) -> [String] {
        var found: [String] = []
        if expected.factor != actual.factor { found.append("factor: expected \(expected.factor), got \(actual.factor)") }
        if expected.algorithm != actual.algorithm {
            found.append("algorithm: expected \(expected.algorithm), got \(actual.algorithm)")
        }
        if expected.format != actual.format { found.append("format: expected \(expected.format), got \(actual.format)") }
        if expected.secret != actual.secret { found.append("secret differs") }
        return found
    }
}
