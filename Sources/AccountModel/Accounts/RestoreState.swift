/// How the user proves who they are before a restored device-bound account works again.
public enum VerificationMethod: String, Sendable, Hashable, CaseIterable, Codable {
    /// Personal accounts: the account password plus a one-time code sent to an alternate
    /// e-mail address or phone number on file.
    case passwordAndAlternateContact = "password-and-alternate-contact"
    /// Work or school accounts: a QR code issued by the organisation's provider.
    case providerQRCode = "provider-qr-code"

    /// The method that applies to an account kind, or `nil` for third-party accounts.
    public init?(for kind: AccountKind) {
        switch kind {
        case .personal: self = .passwordAndAlternateContact
        case .workOrSchool: self = .providerQRCode
        case .thirdParty: return nil
        }
    }
}

/// Whether an account is ready to use on this device.
public enum RestoreState: Sendable, Hashable {
    /// Ready: codes (and push approvals, where enabled) work.
    case active
    /// Restored as metadata only; works again after the user verifies with `method`, when a
    /// new device credential is minted.
    case needsVerification(VerificationMethod)
}
