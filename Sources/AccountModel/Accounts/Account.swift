import OTP
import Foundation

/// One account in the vault.
public struct Account: Sendable, Identifiable {
    /// Stable identifier.
    public let id: AccountID
    /// Personal, work or school, or third party.
    public var kind: AccountKind
    /// The service or organisation, e.g. `GitHub` or `Contoso`.
    public var issuer: String
    /// The user's name there.
    public var userName: String
    /// A name the user chose to show instead, if any.
    public var displayName: String?
    /// An app-defined reference to an icon (asset name, URL…), if any.
    public var iconReference: String?
    /// The OTP token. Third-party accounts always have one; for personal and work-or-school
    /// accounts a token scanned from the provider is bound to this device and never backed up.
    public var token: Token?
    /// The provider's reference for a personal or work-or-school account (e.g. its user id).
    public var providerAccountReference: String?
    /// Whether push approvals are on (personal and work-or-school accounts).
    public var pushApprovalsEnabled: Bool
    /// The credential minted on this device, if any. Never exported.
    public var deviceCredential: DeviceCredential?
    /// `active`, or restored and waiting for verification.
    public var restoreState: RestoreState
    /// When the account was added (on the first device; kept through restores).
    public var createdAt: Date
    /// When it last changed.
    public var modifiedAt: Date

    /// An account. `createdAt` and `modifiedAt` default to `now`.
    public init(
        id: AccountID = AccountID(),
        kind: AccountKind,
        issuer: String,
        userName: String,
        displayName: String? = nil,
        iconReference: String? = nil,
        token: Token? = nil,
        providerAccountReference: String? = nil,
        pushApprovalsEnabled: Bool = false,
        deviceCredential: DeviceCredential? = nil,
        restoreState: RestoreState = .active,
        createdAt: Date,
        modifiedAt: Date? = nil
    ) {
        self.id = id
        self.kind = kind
        self.issuer = issuer
        self.userName = userName
        self.displayName = displayName
        self.iconReference = iconReference
        self.token = token
        self.providerAccountReference = providerAccountReference
        self.pushApprovalsEnabled = pushApprovalsEnabled
        self.deviceCredential = deviceCredential
        self.restoreState = restoreState
        self.createdAt = createdAt
        self.modifiedAt = modifiedAt ?? createdAt
    }

    /// The generator that makes this account's codes on this device: the device credential's
    /// when there is one, else the token's. `nil` while the account needs verification.
    public var generator: Generator? {
        guard restoreState == .active else { return nil }
        return deviceCredential?.generator ?? token?.generator
    }
}
