import AccountModel
import OTP
import SodiumBridge

/// The vault's accounts written for another app: what an app's "Export to another app" does.
///
/// ```swift
/// let file = try await AccountExport(store: store).export(to: .aegis, protection: .password(password))
/// try write(file.bytes)                 // the app writes it atomically, mode 0600
/// ```
///
/// Only **third-party accounts** are written, in the vault's order, each with its token (the
/// issuer and account name, the secret and parameters, an HOTP account's current counter).
/// Personal and work or school accounts are never written, and are listed in
/// ``AccountExportFile/leftOut``: their device credentials never leave the device, and a
/// secret scanned from a provider's QR code is bound to this device (it is not even backed
/// up), so it is not handed to another app either. Display names and icons are not written.
public struct AccountExport: Sendable {
    let store: any AccountStore
    let random: any RandomSource

    /// An export of the vault in `store`; `random` draws Aegis's salts, nonces and UUIDs and
    /// Google's batch identifier.
    public init(store: any AccountStore, random: any RandomSource = SystemRandom()) {
        self.store = store
        self.random = random
    }

    /// How the file is protected.
    public enum Protection: Sendable {
        /// Encrypted under `password` (Aegis only), with scrypt at `cost`.
        case password(SecureBytes, cost: ScryptCost = .aegis)
        /// Written in the clear: anyone who reads the file has every secret. Asked for
        /// explicitly; the text formats (``ExportFormat/otpauth``, ``ExportFormat/google``) are
        /// always plain.
        case plaintext
    }

    /// The vault's third-party accounts in `format`.
    ///
    /// - Throws: ``AccountExportError/passwordNotApplicable(format:)`` for a password with a
    ///   text format; ``AccountExportError/unrepresentable(id:issuer:account:reason:)`` for an
    ///   account the format cannot express (e.g. a Steam account for Google), before anything
    ///   is written; ``AccountExportError/vault(_:)`` when no vault is stored or the store
    ///   fails; ``AccountExportError/interop(_:)`` for any other failure of the writer.
    public func export(to format: ExportFormat, protection: Protection) async throws(AccountExportError) -> AccountExportFile {
        let password: SecureBytes?
        let cost: ScryptCost
        switch protection {
        case let .password(secret, scrypt):
            guard format == .aegis else { throw .passwordNotApplicable(format: format) }
            password = secret
            cost = scrypt
        case .plaintext:
            password = nil
            cost = .aegis
        }
        let vault: Vault?
        do {
            vault = try await store.load()
        } catch {
            throw .vault(error)
        }
        guard let vault else { throw .vault(.vaultNotFound) }
        var exported: [Account] = []
        var leftOut: [AccountID] = []
        for account in vault.accounts {
            switch account.content {
            case .thirdParty: exported.append(account)
            case .provider: leftOut.append(account.id)
            }
        }
        let tokens = exported.compactMap(\.token)
        let bytes: [UInt8]
        do {
            bytes = try ForeignVaultWriter.write(tokens, format: format, password: password, scryptCost: cost, random: random)
        } catch {
            if case let .unrepresentable(position, reason) = error, exported.indices.contains(position - 1) {
                let account = exported[position - 1]
                throw .unrepresentable(id: account.id, issuer: account.issuer, account: account.userName, reason: reason)
            }
            throw .interop(error)
        }
        return AccountExportFile(format: format, bytes: bytes, exported: exported.map(\.id), leftOut: leftOut)
    }
}

/// An export written by ``AccountExport``.
public struct AccountExportFile: Sendable {
    /// The format.
    public let format: ExportFormat
    /// The file's bytes (for the text formats, UTF-8 lines each ending with a line feed).
    public let bytes: [UInt8]
    /// The accounts written, in the vault's order.
    public let exported: [AccountID]
    /// The personal and work or school accounts not written.
    public let leftOut: [AccountID]
}

/// Why an export for another app failed; nothing was written.
public enum AccountExportError: ReportableError {
    /// A password was given for a format that is never encrypted.
    case passwordNotApplicable(format: ExportFormat)
    /// An account the format cannot express; nothing is silently changed.
    case unrepresentable(id: AccountID, issuer: String, account: String, reason: String)
    /// The store failed (`AccountModelError/vaultNotFound`, …).
    case vault(AccountModelError)
    /// The writer failed otherwise.
    case interop(InteropError)

    /// The case's name, e.g. `unrepresentable`, stable across releases.
    public var caseName: String {
        switch self {
        case .passwordNotApplicable: return "passwordNotApplicable"
        case .unrepresentable: return "unrepresentable"
        case .vault: return "vault"
        case .interop: return "interop"
        }
    }

    /// What went wrong, in plain words, without secrets.
    public var message: String {
        switch self {
        case let .passwordNotApplicable(format):
            return "the \(format.rawValue) format is never encrypted: give no password"
        case let .unrepresentable(id, issuer, account, reason):
            return "the account \(id) (\(issuer), \(account)) cannot be written in this format: \(reason)"
        case let .vault(error):
            return error.message
        case let .interop(error):
            return error.message
        }
    }
}
