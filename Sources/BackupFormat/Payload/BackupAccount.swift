import AccountModel
import Foundation

/// One account as a backup carries it.
///
/// Third-party accounts are carried in full, OTP secret included, so the restored device
/// shows the same codes. Personal and work-or-school accounts are carried as metadata only:
/// the restored device mints a credential of its own and the user verifies. What is *not*
/// carried, by design: device credentials, OTP tokens bound to a personal or work-or-school
/// account's device, the restore state and the modification time.
public struct BackupAccount: Sendable, Equatable {
    /// The account's stable identifier, kept through restores.
    public var id: AccountID
    /// The service or organisation.
    public var issuer: String
    /// The user's name there.
    public var userName: String
    /// A name the user chose to show instead, if any.
    public var displayName: String?
    /// An app-defined icon reference, if any.
    public var iconReference: String?
    /// When the account was first added (kept through restores). Carried to the millisecond.
    public var createdAt: Date
    /// The kind and what the backup carries for it.
    public var content: Content

    /// What a backup carries for each kind of account.
    public enum Content: Sendable, Equatable {
        /// A third-party account: its OTP secret and parameters.
        case thirdParty(BackupToken)
        /// A personal account (the app's own identity provider): metadata only.
        case personal(ProviderMetadata)
        /// A work-or-school account (an organisation's provider): metadata only.
        case workOrSchool(ProviderMetadata)
    }

    /// What a backup carries of a personal or work-or-school account. There is deliberately
    /// no field for a device credential.
    public struct ProviderMetadata: Sendable, Hashable {
        /// The provider's reference for the account (e.g. its user id), if any.
        public var providerAccountReference: ProviderAccountReference?
        /// Whether push approvals were on.
        public var pushApprovalsEnabled: Bool

        /// Metadata for a provider account.
        public init(providerAccountReference: ProviderAccountReference? = nil, pushApprovalsEnabled: Bool = false) {
            self.providerAccountReference = providerAccountReference
            self.pushApprovalsEnabled = pushApprovalsEnabled
        }
    }

    /// An account as a backup carries it. `createdAt` is kept to the millisecond, as the
    /// format stores it, so that a payload equals itself after a seal-and-open round trip.
    public init(
        id: AccountID,
        issuer: String,
        userName: String,
        displayName: String? = nil,
        iconReference: String? = nil,
        createdAt: Date,
        content: Content
    ) {
        self.id = id
        self.issuer = issuer
        self.userName = userName
        self.displayName = displayName
        self.iconReference = iconReference
        self.createdAt = Date(millisecondsSince1970: createdAt.millisecondsSince1970)
        self.content = content
    }

    /// Personal, work or school, or third party.
    public var kind: AccountKind {
        switch content {
        case .thirdParty: return .thirdParty
        case .personal: return .personal
        case .workOrSchool: return .workOrSchool
        }
    }

    /// The OTP secret and parameters of a third-party account; `nil` for the other kinds.
    public var token: BackupToken? {
        if case let .thirdParty(token) = content { return token }
        return nil
    }

    /// The metadata of a personal or work-or-school account; `nil` for third-party ones.
    public var providerMetadata: ProviderMetadata? {
        switch content {
        case .thirdParty: return nil
        case let .personal(metadata), let .workOrSchool(metadata): return metadata
        }
    }
}
