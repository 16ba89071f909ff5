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
    /// The account as the record encoding holds it: the only stored property, so that
    /// sealing encodes an account where it is and opening keeps the record it decoded,
    /// without converting or copying either way.
    var record: EncodedAccount

    /// The account's stable identifier, kept through restores.
    public var id: AccountID {
        get { record.id }
        set { record.id = newValue }
    }
    /// The service or organisation.
    public var issuer: String {
        get { record.issuer }
        set { record.issuer = newValue }
    }
    /// The user's name there.
    public var userName: String {
        get { record.userName }
        set { record.userName = newValue }
    }
    /// A name the user chose to show instead, if any.
    public var displayName: String? {
        get { record.displayName }
        set { record.displayName = newValue }
    }
    /// An app-defined icon reference, if any.
    public var iconReference: String? {
        get { record.iconReference }
        set { record.iconReference = newValue }
    }
    /// When the account was first added (kept through restores). Carried to the millisecond.
    public var createdAt: Date {
        get { record.createdAt }
        set { record.createdAt = newValue }
    }
    /// The kind and what the backup carries for it.
    public var content: Content {
        get { Content(record.content) }
        set { record.content = newValue.recordContent }
    }

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
        self.record = EncodedAccount(
            id: id, issuer: issuer, userName: userName, displayName: displayName, iconReference: iconReference,
            createdAt: Date(millisecondsSince1970: createdAt.millisecondsSince1970), content: content.recordContent)
    }

    /// Internal: the account a decoded record holds (its token's secret stays a range of the
    /// decoded payload's secure buffer).
    init(record: consuming EncodedAccount) {
        self.record = record
    }

    /// Same identifier, texts, creation time and content (secrets compared in constant time).
    public static func == (lhs: BackupAccount, rhs: BackupAccount) -> Bool {
        lhs.id == rhs.id && lhs.issuer == rhs.issuer && lhs.userName == rhs.userName
            && lhs.displayName == rhs.displayName && lhs.iconReference == rhs.iconReference
            && lhs.createdAt == rhs.createdAt && lhs.content == rhs.content
    }

    /// Personal, work or school, or third party.
    public var kind: AccountKind {
        switch record.content {
        case .thirdParty: return .thirdParty
        case .provider(.personal, _, _): return .personal
        case .provider(.workOrSchool, _, _): return .workOrSchool
        }
    }

    /// The OTP secret and parameters of a third-party account; `nil` for the other kinds.
    public var token: BackupToken? {
        if case let .thirdParty(token) = record.content { return BackupToken(token) }
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
