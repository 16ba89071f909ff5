/// The export formats of other authenticator apps that ``ForeignVaultReader`` reads.
///
/// The raw values are the names a command line or a settings file uses.
public enum ImportFormat: String, CaseIterable, Sendable {
    /// Aegis Authenticator's vault (`aegis-export-*.json`), plain or password-encrypted.
    case aegis
    /// 2FAS Authenticator's backup (`*.2fas`), plain or password-encrypted.
    case twoFAS = "2fas"
    /// Google Authenticator's "Transfer accounts" QR codes: `otpauth-migration://offline?data=…`
    /// lines, one per QR code.
    case google
    /// Ente Auth's export: plain `otpauth://` lines, or the password-encrypted JSON.
    case ente
    /// andOTP's backup: plain JSON, or password-encrypted (`.json.aes`), in its current or
    /// old layout.
    case andOTP = "andotp"
    /// Bitwarden's vault export, JSON or CSV (unencrypted); the `login.totp` fields.
    case bitwarden
    /// FreeOTP+'s JSON backup.
    case freeOTPPlus = "freeotp-plus"
    /// Proton Authenticator's JSON export, plain or password-protected.
    case proton
    /// Microsoft Authenticator's Android database file `PhoneFactor` (SQLite).
    case microsoftAuthenticator = "microsoft-authenticator"
    /// Plain `otpauth://` URIs, one per line.
    case otpauth
    /// Work the format out from the content (see ``ForeignVaultReader/detectFormat(_:)``).
    case auto
}

/// The formats ``ForeignVaultWriter`` writes.
public enum ExportFormat: String, CaseIterable, Sendable {
    /// An Aegis vault that Aegis imports: encrypted with one password slot, or plain.
    case aegis
    /// `otpauth://` URIs, one per line.
    case otpauth
    /// Google Authenticator's `otpauth-migration://offline?data=…` lines, ten accounts per
    /// line (per QR code), as Google Authenticator makes them.
    case google
}
